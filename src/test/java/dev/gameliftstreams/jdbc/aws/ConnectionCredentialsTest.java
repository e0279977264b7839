package dev.gameliftstreams.jdbc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.utils.SdkAutoCloseable;

/** What a connection's credentials hold is closed with it; failures read as one line without secrets. */
class ConnectionCredentialsTest {

  /** A provider holding resources, as the SDK's SSO and assume-role providers do. */
  static final class Closeable implements AwsCredentialsProvider, SdkAutoCloseable {
    boolean closed;

    @Override
    public AwsCredentials resolveCredentials() {
      return AwsBasicCredentials.create("AKIDBASE", "base-secret");
    }

    @Override
    public void close() {
      closed = true;
    }
  }

  @Test
  void closingTheAccessLayerClosesTheCredentials() {
    Closeable provider = new Closeable();
    new GameLiftStreamsAccess(new ClientSettings(List.of("us-west-2"), null, provider, 100, 1)).close();
    assertTrue(provider.closed);
  }

  @Test
  void closingClosesTheBaseProviderAndTheRolesStsClient() {
    Closeable base = new Closeable();
    ConnectionCredentials credentials = new ConnectionCredentials(new ConnectionCredentials.Source(false, "p",
        new ConnectionCredentials.Role("arn:aws:iam::111122223333:role/r", null, "s")), base, "us-west-2");
    credentials.close();
    assertTrue(base.closed);
    SdkClientException e = assertThrows(SdkClientException.class, credentials::resolveCredentials);
    assertTrue(e.getMessage().startsWith("Cannot assume role arn:aws:iam::111122223333:role/r (roleArn property): "),
        e.getMessage());
    assertTrue(e.getMessage().contains("shut down"), "the STS client's connection pool is closed: " + e.getMessage());
  }

  @Test
  void failuresOfExplicitKeysAreCredentialFailuresWithoutTheSecret() {
    AwsCredentialsProvider failing = () -> {
      throw SdkClientException.create("Unable to load credentials");
    };
    ConnectionCredentials credentials = new ConnectionCredentials(new ConnectionCredentials.Source(true, null, null),
        failing, "us-west-2");
    SdkClientException e = assertThrows(SdkClientException.class, credentials::resolveCredentials);
    GameLiftStreamsException translated = AwsErrors.translate(e, "ListApplications", "us-west-2");
    assertEquals(GameLiftStreamsException.ACCESS_DENIED, translated.sqlState());
    assertEquals("The access key given as user/password was not usable: Unable to load credentials",
        translated.getMessage());
    assertFalse(credentials.toString().contains("secret"));
  }
}
