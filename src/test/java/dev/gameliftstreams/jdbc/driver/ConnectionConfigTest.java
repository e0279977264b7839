package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.aws.ClientSettings;
import java.net.URI;
import java.sql.DriverManager;
import java.sql.DriverPropertyInfo;
import java.sql.SQLException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsCredentials;

/** jdbc:gameliftstreams:key=value;... and what each key means. */
class ConnectionConfigTest {
  private static ClientSettings settings(String url, Properties info) throws SQLException {
    return ConnectionConfig.parse(url, info).clientSettings(null, List.of());
  }

  @Test
  void urlKeysSetRegionsEndpointAndPaging() throws SQLException {
    ClientSettings s = settings("jdbc:gameliftstreams:region=us-west-2, US-EAST-1 ,us-west-2;"
        + "endpoint=http://127.0.0.1:9999;pageSize=50;maxAttempts=3", new Properties());
    assertEquals(List.of("us-west-2", "us-east-1"), s.regions());
    assertEquals(URI.create("http://127.0.0.1:9999"), s.endpoint());
    assertEquals(50, s.pageSize());
    assertEquals(3, s.maxAttempts());
  }

  @Test
  void defaultsArePagesOf100AndTheSdkRegionChain() throws SQLException {
    String before = System.getProperty("aws.region");
    System.setProperty("aws.region", "eu-central-1");
    try {
      ClientSettings s = settings("jdbc:gameliftstreams:", null);
      assertEquals(List.of("eu-central-1"), s.regions());
      assertEquals(100, s.pageSize());
      assertNull(s.endpoint());
    } finally {
      if (before == null) {
        System.clearProperty("aws.region");
      } else {
        System.setProperty("aws.region", before);
      }
    }
  }

  @Test
  void userAndPasswordAreAnAccessKeyPair() throws SQLException {
    Properties info = new Properties();
    info.setProperty("user", "AKIDEXAMPLE");
    info.setProperty("password", "secret-key");
    AwsCredentials c = settings("jdbc:gameliftstreams:region=us-west-2", info).credentials().resolveCredentials();
    assertEquals("AKIDEXAMPLE", c.accessKeyId());
    assertEquals("secret-key", c.secretAccessKey());
  }

  @Test
  void propertiesMayComeFromTheConnectionPropertiesToo() throws SQLException {
    Properties info = new Properties();
    info.setProperty("region", "ap-northeast-1");
    info.setProperty("someToolSetting", "ignored");
    assertEquals(List.of("ap-northeast-1"), settings("jdbc:gameliftstreams:", info).regions());
  }

  @Test
  void theDriverDescribesEveryProperty() throws SQLException {
    DriverPropertyInfo[] info = DriverManager.getDriver("jdbc:gameliftstreams:").getPropertyInfo(
        "jdbc:gameliftstreams:", new Properties());
    Map<String, String> described = Arrays.stream(info).collect(Collectors.toMap(i -> i.name, i -> i.description));
    assertEquals(Arrays.stream(ConnectionConfig.Property.values()).map(p -> p.key).collect(Collectors.toSet()),
        described.keySet());
    assertTrue(described.values().stream().allMatch(d -> d != null && !d.isBlank()));
  }

  @Test
  void otherUrlsAreNotOurs() throws SQLException {
    assertNull(new GameLiftStreamsDriver().connect("jdbc:postgresql://x/y", new Properties()));
    assertThrows(SQLException.class, () -> ConnectionConfig.parse("jdbc:other:", new Properties()));
  }

  @Test
  void rateLimitScalesThePublishedRates() throws SQLException {
    assertEquals(1.0, settings("jdbc:gameliftstreams:region=us-west-2", null).rateLimit());
    assertEquals(0.5, settings("jdbc:gameliftstreams:region=us-west-2;rateLimit=0.5", null).rateLimit());
    assertEquals(0.0, settings("jdbc:gameliftstreams:region=us-west-2;rateLimit=0", null).rateLimit());
    for (String bad : new String[] {"rateLimit=2", "rateLimit=-0.1", "rateLimit=fast"}) {
      assertEquals("HY024", assertThrows(SQLException.class,
          () -> settings("jdbc:gameliftstreams:region=us-west-2;" + bad, null)).getSQLState(), bad);
    }
  }

  @Test
  void cacheAndIgnoreErrorsDefaultToOffAndAreValidated() throws SQLException {
    ClientSettings off = settings("jdbc:gameliftstreams:region=us-west-2", null);
    assertEquals(java.time.Duration.ZERO, off.cacheTtl());
    assertEquals(ClientSettings.DEFAULT_CACHE_MAX_ROWS, off.cacheMaxRows());
    assertEquals(java.util.Set.of(), off.ignoredErrors());
    ClientSettings on = settings("jdbc:gameliftstreams:region=us-west-2;cacheTtl=300;cacheMaxRows=1000;"
        + "ignoreErrors=AccessDeniedException, UnrecognizedClientException", null);
    assertEquals(java.time.Duration.ofSeconds(300), on.cacheTtl());
    assertEquals(1000, on.cacheMaxRows());
    assertEquals(java.util.Set.of("AccessDeniedException", "UnrecognizedClientException"), on.ignoredErrors());
    for (String bad : List.of("cacheTtl=-1", "cacheTtl=soon", "cacheMaxRows=0", "ignoreErrors=Access Denied")) {
      SQLException e = assertThrows(SQLException.class, () -> settings("jdbc:gameliftstreams:region=us-west-2;" + bad,
          null));
      assertEquals("HY024", e.getSQLState(), bad);
    }
  }

  @Test
  void errorsNameTheKeyNeverTheValueWhichMayBeASecretInTheWrongSlot() {
    String secret = "wJalrXUtnFEMIK7MDENGbPxRfiCY";
    Map<String, String> badUrls = Map.of(
        "region=us-west-2;" + secret, "part 2",
        "region=" + secret, "region",
        "endpoint=" + secret, "endpoint",
        "endpoint=ftp://" + secret, "endpoint",
        "pageSize=" + secret, "pageSize",
        "maxAttempts=" + secret, "maxAttempts",
        "demo=" + secret, "demo",
        "rateLimit=" + secret, "rateLimit");
    badUrls.forEach((url, key) -> {
      SQLException e = assertThrows(SQLException.class, () -> settings("jdbc:gameliftstreams:" + url, null), url);
      assertEquals("HY024", e.getSQLState(), url);
      assertTrue(e.getMessage().contains(key), e.getMessage());
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertTrue(!String.valueOf(t.getMessage()).contains(secret), "value echoed: " + t);
      }
    });
  }

  @Test
  void theCacheIsSharedPerIdentityNeverByASecret() throws SQLException {
    Properties a = new Properties();
    a.setProperty("user", "AKIDEXAMPLE");
    a.setProperty("password", "secret-key");
    Properties b = new Properties();
    b.setProperty("user", "AKIDEXAMPLE");
    b.setProperty("password", "another-secret");
    String ia = settings("jdbc:gameliftstreams:region=us-west-2", a).identity();
    assertTrue(!ia.equals(settings("jdbc:gameliftstreams:region=us-west-2", b).identity()),
        "a wrong secret never reads what the right one fetched");
    assertTrue(!ia.contains("secret-key"));
    assertEquals("profile:analytics", settings("jdbc:gameliftstreams:region=us-west-2;profile=analytics", null)
        .identity());
  }

  @Test
  void profileAndRoleArnListsAreOneIdentityPerEntry() throws SQLException {
    List<ClientSettings> profiles = ConnectionConfig.parse("jdbc:gameliftstreams:region=us-west-2;profile=prod, stage,prod",
        null).identities(null, List.of());
    assertEquals(List.of("profile:prod", "profile:stage"), profiles.stream().map(ClientSettings::identity)
        .collect(Collectors.toList()));
    List<ClientSettings> roles = ConnectionConfig.parse("jdbc:gameliftstreams:region=us-west-2;profile=base;"
        + "roleArn=arn:aws:iam::111122223333:role/Reader,arn:aws:iam::444455556666:role/Reader", null)
        .identities(null, List.of());
    assertEquals(2, roles.size());
    assertTrue(roles.get(0).identity().startsWith("profile:base|role:arn:aws:iam::111122223333:role/Reader"));
    assertTrue(roles.get(1).identity().startsWith("profile:base|role:arn:aws:iam::444455556666:role/Reader"));
    SQLException e = assertThrows(SQLException.class, () -> ConnectionConfig.parse(
        "jdbc:gameliftstreams:region=us-west-2;profile=a,b;roleArn=arn:aws:iam::111122223333:role/R", null));
    assertEquals("HY024", e.getSQLState());
  }
}
