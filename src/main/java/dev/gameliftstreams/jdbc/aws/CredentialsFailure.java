package dev.gameliftstreams.jdbc.aws;

/**
 * Marks an SDK failure as a credentials failure whose message is already the clear line to show (SQLState 28000);
 * it travels as the cause of the SdkClientException the SDK passes on, which keeps causes when it adds details.
 */
final class CredentialsFailure extends RuntimeException {
  CredentialsFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
