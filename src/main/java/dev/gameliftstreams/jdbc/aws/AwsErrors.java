package dev.gameliftstreams.jdbc.aws;

import java.io.IOException;
import java.util.Locale;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.AbortedException;
import software.amazon.awssdk.core.exception.ApiCallTimeoutException;
import software.amazon.awssdk.core.exception.SdkException;

/** Classifies SDK failures into {@link GameLiftStreamsException}s with a fitting SQLState. */
final class AwsErrors {
  private AwsErrors() {
  }

  static GameLiftStreamsException translate(SdkException e, String operation, String region) {
    String where = "GameLift Streams " + operation + " in " + region + " failed: ";
    CredentialsFailure credentials = cause(e, CredentialsFailure.class);
    if (credentials != null) {
      return new GameLiftStreamsException(credentials.getMessage(), GameLiftStreamsException.ACCESS_DENIED, null, 0,
          e);
    }
    if (e instanceof AwsServiceException) {
      AwsServiceException ase = (AwsServiceException) e;
      String code = ase.awsErrorDetails() == null ? null : ase.awsErrorDetails().errorCode();
      String message = ase.awsErrorDetails() == null ? e.getMessage() : ase.awsErrorDetails().errorMessage();
      int status = ase.statusCode();
      String text = where + code + ": " + message + " (HTTP " + status
          + (ase.requestId() == null ? "" : ", request id " + ase.requestId()) + ")";
      return new GameLiftStreamsException(text, serviceSqlState(ase, code, status), code, status, e);
    }
    if (e instanceof AbortedException) {
      return new GameLiftStreamsException(where + "request aborted", GameLiftStreamsException.CANCELED,
          null, 0, e);
    }
    if (e instanceof ApiCallTimeoutException) {
      return new GameLiftStreamsException(where + e.getMessage(), GameLiftStreamsException.TIMEOUT, null, 0, e);
    }
    if (isMalformedResponse(e)) {
      return new GameLiftStreamsException(where + "the service's response could not be read: " + e.getMessage(),
          GameLiftStreamsException.MALFORMED_RESPONSE, null, 0, e);
    }
    String state = hasCause(e, IOException.class) ? GameLiftStreamsException.CONNECTION_FAILURE
        : String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT).contains("credentials")
            ? GameLiftStreamsException.ACCESS_DENIED
            : GameLiftStreamsException.GENERAL;
    return new GameLiftStreamsException(where + e.getMessage(), state, null, 0, e);
  }

  private static String serviceSqlState(AwsServiceException e, String code, int status) {
    if (e.isThrottlingException() || status == 429) {
      return GameLiftStreamsException.THROTTLED;
    }
    if (status == 403 || status == 401 || (code != null && code.startsWith("AccessDenied"))) {
      return GameLiftStreamsException.ACCESS_DENIED;
    }
    if ("ResourceNotFoundException".equals(code) || status == 404) {
      return GameLiftStreamsException.NOT_FOUND;
    }
    if (status >= 500) {
      return GameLiftStreamsException.SERVICE_ERROR;
    }
    return status == 400 ? GameLiftStreamsException.INVALID_PARAMETER : GameLiftStreamsException.GENERAL;
  }

  /**
   * A parse failure of the response body. Jackson's parse exceptions are IOExceptions, so without
   * this check a malformed answer would pass for an unreachable endpoint.
   */
  private static boolean isMalformedResponse(SdkException e) {
    for (Throwable c = e; c != null; c = c.getCause()) {
      String name = c.getClass().getSimpleName();
      if (name.startsWith("Json") && name.endsWith("Exception") || name.equals("MismatchedInputException")) {
        return true;
      }
    }
    return String.valueOf(e.getMessage()).startsWith("Unable to unmarshall");
  }

  private static boolean hasCause(Throwable t, Class<? extends Throwable> type) {
    return cause(t, type) != null;
  }

  private static <T extends Throwable> T cause(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
    }
    return null;
  }
}
