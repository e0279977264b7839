package dev.gameliftstreams.jdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.GameLiftStreamsException;
import software.amazon.awssdk.services.sso.SsoClient;
import software.amazon.awssdk.services.sso.model.RoleCredentials;
import software.amazon.awssdk.services.sso.model.UnauthorizedException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenResponse;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.sts.StsClient;
import software.amazon.awssdk.services.sts.model.AssumeRoleResponse;
import software.amazon.awssdk.services.sts.model.GetCallerIdentityResponse;
import software.amazon.awssdk.services.sts.model.StsException;

/**
 * STS, the IAM Identity Center portal and SSO-OIDC as the SDK's own clients see them on the emulator's port: XML
 * and JSON answers the clients parse, AWS's error codes, bearer-token authorization, and the account of every key.
 */
class CredentialServicesTest {
  private static final String ROLE = "arn:aws:iam::333333333333:role/reader";
  private static Emulator emulator;

  @BeforeAll
  static void start() throws Exception {
    emulator = Emulator.start(EmulatorOptions.defaults().withSessions(10));
    emulator.accessKeys().register("AKIDCALLER", "caller-secret", "111111111111", "arn:aws:iam::111111111111:user/c");
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  private static StsClient sts(StaticCredentialsProvider credentials) {
    return StsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_WEST_2)
        .credentialsProvider(credentials).httpClient(UrlConnectionHttpClient.create()).build();
  }

  private static StaticCredentialsProvider caller() {
    return StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDCALLER", "caller-secret"));
  }

  @Test
  void assumeRoleHandsOutCredentialsOfTheRolesAccount() {
    try (StsClient sts = sts(caller())) {
      AssumeRoleResponse r = sts.assumeRole(b -> b.roleArn(ROLE).roleSessionName("s1"));
      assertEquals("arn:aws:sts::333333333333:assumed-role/reader/s1", r.assumedRoleUser().arn());
      assertTrue(r.credentials().accessKeyId().startsWith("ASIA"));
      assertTrue(r.credentials().expiration().isAfter(Instant.now().plus(Duration.ofMinutes(50))));
      assertEquals("333333333333", emulator.accessKeys().accountOf(r.credentials().accessKeyId()));

      StaticCredentialsProvider assumed = StaticCredentialsProvider.create(AwsSessionCredentials.create(
          r.credentials().accessKeyId(), r.credentials().secretAccessKey(), r.credentials().sessionToken()));
      try (StsClient asRole = sts(assumed)) {
        GetCallerIdentityResponse id = asRole.getCallerIdentity();
        assertEquals("333333333333", id.account());
        assertEquals(r.assumedRoleUser().arn(), id.arn());
      }
      RequestLog.Entry logged = emulator.requestLog().entries().stream()
          .filter(e -> e.operation().equals("AssumeRole")).reduce((a, b) -> b).orElseThrow();
      assertEquals("AKIDCALLER", logged.accessKeyId());
      assertEquals("us-west-2", logged.region());
    }
  }

  @Test
  void temporaryKeysNeedTheirOwnSessionToken() {
    AwsSessionCredentials issued;
    try (StsClient sts = sts(caller())) {
      var c = sts.assumeRole(b -> b.roleArn(ROLE).roleSessionName("s2")).credentials();
      issued = AwsSessionCredentials.create(c.accessKeyId(), c.secretAccessKey(), "not-the-token");
    }
    try (GameLiftStreamsClient client = GameLiftStreamsClient.builder().endpointOverride(emulator.endpoint())
        .region(Region.US_WEST_2).credentialsProvider(StaticCredentialsProvider.create(issued))
        .httpClient(UrlConnectionHttpClient.create()).build()) {
      GameLiftStreamsException e = assertThrows(GameLiftStreamsException.class, () -> client.listStreamGroups(b -> { }));
      assertEquals(403, e.statusCode());
      assertEquals("UnrecognizedClientException", e.awsErrorDetails().errorCode());
    }
  }

  @Test
  void signaturesOfKnownKeysAreVerifiedAgainstTheirSecret() {
    StaticCredentialsProvider wrongSecret = StaticCredentialsProvider.create(
        AwsBasicCredentials.create("AKIDCALLER", "not-the-secret"));
    try (StsClient sts = sts(wrongSecret)) {
      StsException e = assertThrows(StsException.class, sts::getCallerIdentity);
      assertEquals(403, e.statusCode());
      assertEquals("SignatureDoesNotMatch", e.awsErrorDetails().errorCode());
    }
    try (GameLiftStreamsClient client = GameLiftStreamsClient.builder().endpointOverride(emulator.endpoint())
        .region(Region.US_WEST_2).credentialsProvider(wrongSecret).httpClient(UrlConnectionHttpClient.create())
        .build()) {
      GameLiftStreamsException e = assertThrows(GameLiftStreamsException.class,
          () -> client.listStreamSessions(b -> b.identifier("arn:aws:gameliftstreams:us-west-2:111111111111:"
              + "streamgroup/sg-x").status("ACTIVE")));
      assertEquals("InvalidSignatureException", e.awsErrorDetails().errorCode());
    }
    try (GameLiftStreamsClient client = GameLiftStreamsClient.builder().endpointOverride(emulator.endpoint())
        .region(Region.US_WEST_2).credentialsProvider(caller()).httpClient(UrlConnectionHttpClient.create())
        .build()) {
      // The right secret passes, with a path parameter that needs encoding and a query string.
      assertEquals(0, client.listStreamSessions(b -> b.identifier("arn:aws:gameliftstreams:us-west-2:111111111111:"
          + "streamgroup/sg-x").status("ACTIVE")).items().size());
    } catch (software.amazon.awssdk.services.gameliftstreams.model.ResourceNotFoundException e) {
      assertEquals(404, e.statusCode(), "signature accepted, group unknown");
    }
  }

  @Test
  void deniedRoleIsAccessDeniedNamingCallerAndRole() {
    String denied = "arn:aws:iam::333333333333:role/denied";
    emulator.credentialServices().denyRole(denied);
    try (StsClient sts = sts(caller())) {
      StsException e = assertThrows(StsException.class, () -> sts.assumeRole(b -> b.roleArn(denied).roleSessionName("s3")));
      assertEquals(403, e.statusCode());
      assertEquals("AccessDenied", e.awsErrorDetails().errorCode());
      assertEquals("User: arn:aws:iam::111111111111:user/c is not authorized to perform: sts:AssumeRole on resource: "
          + denied, e.awsErrorDetails().errorMessage());
    }
  }

  @Test
  void webIdentityTokensMustBeKnown() {
    emulator.credentialServices().acceptWebIdentityToken("good-token");
    try (StsClient sts = StsClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_WEST_2)
        .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
        .build()) {
      var ok = sts.assumeRoleWithWebIdentity(b -> b.roleArn(ROLE).roleSessionName("web").webIdentityToken("good-token"));
      assertEquals("333333333333", emulator.accessKeys().accountOf(ok.credentials().accessKeyId()));
      StsException e = assertThrows(StsException.class, () -> sts.assumeRoleWithWebIdentity(
          b -> b.roleArn(ROLE).roleSessionName("web").webIdentityToken("bad-token")));
      assertEquals("InvalidIdentityToken", e.awsErrorDetails().errorCode());
      assertEquals(400, e.statusCode());
    }
  }

  @Test
  void ssoPortalAcceptsOnlyValidBearerTokens() {
    emulator.credentialServices().acceptSsoAccessToken("valid", Instant.now().plusSeconds(600));
    emulator.credentialServices().acceptSsoAccessToken("expired", Instant.now().minusSeconds(1));
    try (SsoClient sso = SsoClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
        .build()) {
      RoleCredentials c = sso.getRoleCredentials(b -> b.accessToken("valid").accountId("555555555555")
          .roleName("ReadOnly")).roleCredentials();
      assertEquals("555555555555", emulator.accessKeys().accountOf(c.accessKeyId()));
      assertTrue(c.expiration() > System.currentTimeMillis());
      for (String token : new String[] {"expired", "unknown"}) {
        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> sso.getRoleCredentials(
            b -> b.accessToken(token).accountId("555555555555").roleName("ReadOnly")));
        assertEquals(401, e.statusCode());
      }
    }
  }

  @Test
  void ssoOidcRefreshTokensAreExchangedOnce() {
    emulator.credentialServices().acceptSsoRefreshToken("client-1", "refresh-1");
    try (SsoOidcClient oidc = SsoOidcClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
        .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
        .build()) {
      CreateTokenResponse r = oidc.createToken(b -> b.grantType("refresh_token").clientId("client-1")
          .clientSecret("client-secret").refreshToken("refresh-1"));
      assertEquals("Bearer", r.tokenType());
      assertTrue(r.expiresIn() > 0);
      assertThrows(InvalidGrantException.class, () -> oidc.createToken(b -> b.grantType("refresh_token")
          .clientId("client-1").clientSecret("client-secret").refreshToken("refresh-1")));
      try (SsoClient sso = SsoClient.builder().endpointOverride(emulator.endpoint()).region(Region.US_EAST_1)
          .credentialsProvider(AnonymousCredentialsProvider.create()).httpClient(UrlConnectionHttpClient.create())
          .build()) {
        sso.getRoleCredentials(b -> b.accessToken(r.accessToken()).accountId("555555555555").roleName("R"));
      }
    }
  }

  @Test
  void containerEndpointNeedsItsAuthorizationToken() {
    emulator.credentialServices().acceptContainerToken("task-token", "777777777777", "arn:aws:iam::777777777777:role/t");
    HttpResponse<String> ok = EmulatorTestSupport.send(HttpRequest.newBuilder(
        emulator.endpoint().resolve(CredentialServices.CONTAINER_PATH)).header("Authorization", "task-token"));
    assertEquals(200, ok.statusCode());
    assertTrue(ok.body().contains("\"AccountId\":\"777777777777\""), ok.body());
    HttpResponse<String> denied = EmulatorTestSupport.send(HttpRequest.newBuilder(
        emulator.endpoint().resolve(CredentialServices.CONTAINER_PATH)).header("Authorization", "other"));
    assertEquals(403, denied.statusCode());
  }
}
