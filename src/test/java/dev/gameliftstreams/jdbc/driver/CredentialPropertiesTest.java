package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.SQLException;
import java.util.List;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;

/** roleArn, externalId, roleSessionName and sessionToken: what they accept and what they refuse (HY024). */
class CredentialPropertiesTest {
  private static final String URL = "jdbc:gameliftstreams:region=us-west-2";

  private static Properties keys(String sessionToken) {
    Properties info = new Properties();
    info.setProperty("user", "ASIAEXAMPLE");
    info.setProperty("password", "temporary-secret");
    if (sessionToken != null) {
      info.setProperty("sessionToken", sessionToken);
    }
    return info;
  }

  private static SQLException refused(String url, Properties info) {
    SQLException e = assertThrows(SQLException.class, () -> ConnectionConfig.parse(url, info));
    assertEquals("HY024", e.getSQLState(), e.getMessage());
    return e;
  }

  @Test
  void sessionTokenMakesUserAndPasswordTemporaryKeys() throws SQLException {
    AwsCredentials c = ConnectionConfig.parse(URL, keys("the-session-token")).clientSettings(null, List.of())
        .credentials().resolveCredentials();
    assertEquals("the-session-token", ((AwsSessionCredentials) c).sessionToken());
    assertEquals("ASIAEXAMPLE", c.accessKeyId());
  }

  @Test
  void sessionTokenWithoutKeysIsRefused() {
    Properties info = new Properties();
    info.setProperty("sessionToken", "the-session-token");
    SQLException e = refused(URL, info);
    assertFalse(e.getMessage().contains("the-session-token"));
  }

  @Test
  void roleArnMustBeARoleArn() {
    assertTrue(refused(URL + ";roleArn=arn:aws:iam::12345:user/bob", null).getMessage().contains("roleArn"));
    refused(URL + ";roleArn=arn:aws:iam::111122223333:role/r;roleSessionName=x", null);
    refused(URL + ";externalId=e", null);
    refused("jdbc:gameliftstreams:demo=true;roleArn=arn:aws:iam::111122223333:role/r", null);
  }

  @Test
  void secretsStayOutOfToString() throws SQLException {
    ConnectionConfig config = ConnectionConfig.parse(URL + ";roleArn=arn:aws:iam::111122223333:role/r;externalId=e",
        keys("the-session-token"));
    assertFalse(config.toString().contains("the-session-token"), config.toString());
    assertFalse(config.toString().contains("temporary-secret"), config.toString());
    String settings = config.clientSettings(null, List.of()).toString()
        + config.clientSettings(null, List.of()).credentials();
    assertFalse(settings.contains("the-session-token") || settings.contains("temporary-secret"), settings);
    assertTrue(settings.contains("role arn:aws:iam::111122223333:role/r"), settings);
  }
}
