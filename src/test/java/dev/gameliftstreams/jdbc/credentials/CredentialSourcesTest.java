package dev.gameliftstreams.jdbc.credentials;

import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.CHAINED_ACCOUNT;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.CONTAINER_ACCOUNT;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.EKS_ROLE;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.ENV_ACCOUNT;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.ENV_KEY;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.FORBIDDEN_ROLE;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.PROCESS_ACCOUNT;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.QUERY;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.READER_ROLE;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.REGION;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.ROLE_ACCOUNT;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.SECOND_ROLE;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.SSO_ACCOUNT;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.STATIC_ACCOUNT;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.STATIC_KEY;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.WEB_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.AccessKeys;
import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorAccounts;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every credential source of the AWS CLI v2 and the SDK's default chain, end to end: a driver JVM forked with a
 * host's environment connects through DriverManager; the emulator hands out each source's credentials and tells
 * which account signed every GameLift Streams request. Failures are SQLState 28000 with a line that says what to do,
 * and no secret ever appears in what the driver printed or logged (DEBUG/TRACE).
 */
class CredentialSourcesTest {
  @TempDir
  static Path dir;
  static CredentialsWorld world;
  static long westSessions;

  @BeforeAll
  static void start() throws IOException {
    world = new CredentialsWorld(dir);
    westSessions = world.emulator.data().streamSessions(REGION).size();
  }

  @AfterAll
  static void noSecretWasPrinted() throws Exception {
    try {
      StringBuilder all = new StringBuilder();
      for (DriverProcess p : world.forks()) {
        String output = p.output();
        assertTrue(output.contains("FINE software.amazon.awssdk.request - Sending Request"),
            "the SDK logged at DEBUG, so the check below saw its log");
        world.assertNoSecretIn(output);
        all.append(output);
      }
      // Masked, not silenced: the lines that carried the secrets are still there.
      for (String masked : List.of("x-amz-security-token:****", ">> X-Amz-Security-Token: ****",
          "<SessionToken>****</SessionToken>", "<SecretAccessKey>****</SecretAccessKey>",
          "x-amz-sso_bearer_token: ****", "\"accessToken\":\"****\"")) {
        assertTrue(all.toString().contains(masked), "logged with its value masked: " + masked);
      }
    } finally {
      world.close();
    }
  }

  @BeforeEach
  void clearLog() {
    world.emulator.requestLog().clear();
  }

  private static DriverProcess profiles() throws IOException {
    return world.fork("profiles", System.getProperty("java.class.path"), world.profilesEnv());
  }

  /** Runs the count with {@code properties} and checks it succeeded with every session of the region. */
  private static void counts(DriverProcess jvm, String properties, String... connectionProperties) throws IOException {
    DriverProcess.Answer a = jvm.query(world.url(properties), QUERY, connectionProperties);
    assertTrue(a.ok(), a.toString());
    assertEquals(String.valueOf(westSessions), a.value());
  }

  private static DriverProcess.Answer fails(DriverProcess jvm, String properties) throws IOException {
    DriverProcess.Answer a = jvm.query(world.url(properties), QUERY);
    assertFalse(a.ok(), a.toString());
    assertEquals("28000", a.sqlState(), a.toString());
    assertTrue(world.streamsRequests().isEmpty(), "no GameLift Streams request is sent without credentials");
    return a;
  }

  private static void signedBy(String account) {
    assertFalse(world.streamsRequests().isEmpty());
    assertEquals(Set.of(account), world.signingAccounts(), "every GameLift Streams request is signed by " + account);
  }

  private static RequestLog.Entry only(String operation) {
    List<RequestLog.Entry> calls = world.requests(operation);
    assertEquals(1, calls.size(), operation + " calls: " + calls);
    return calls.get(0);
  }

  private static String accountOf(String accessKeyId) {
    return world.emulator.accessKeys().accountOf(accessKeyId);
  }

  @Test
  void environmentVariables() throws IOException {
    counts(profiles(), "");
    signedBy(ENV_ACCOUNT);
    assertEquals(Set.of(ENV_KEY), world.streamsRequests().stream().map(RequestLog.Entry::accessKeyId)
        .collect(Collectors.toSet()));
  }

  @Test
  void staticProfile() throws IOException {
    counts(profiles(), "profile=static");
    signedBy(STATIC_ACCOUNT);
  }

  @Test
  void ssoSessionProfileReadsTheCliTokenCache() throws IOException {
    counts(profiles(), "profile=sso-dev");
    RequestLog.Entry portal = only("GetRoleCredentials");
    assertEquals(Map.of("account_id", SSO_ACCOUNT, "role_name", "ReadOnly"), portal.query());
    assertEquals(200, portal.status());
    signedBy(SSO_ACCOUNT);
    assertTrue(world.requests("CreateToken").isEmpty(), "a fresh login is not refreshed");
  }

  @Test
  void legacySsoStartUrlProfile() throws IOException {
    counts(profiles(), "profile=sso-legacy");
    assertEquals(200, only("GetRoleCredentials").status());
    signedBy(SSO_ACCOUNT);
  }

  @Test
  void ssoLoginNearExpiryIsRefreshedThroughSsoOidc() throws IOException {
    String before = Files.readString(world.ssoCache.resolve(CredentialsWorld.sha1("corp-refresh") + ".json"));
    counts(profiles(), "profile=sso-refresh");
    RequestLog.Entry refresh = only("CreateToken");
    assertEquals(Map.of("grantType", "refresh_token", "clientId", "client-refresh"), refresh.query());
    assertEquals(200, refresh.status());
    assertEquals(200, only("GetRoleCredentials").status(), "the portal accepted the refreshed token");
    signedBy(SSO_ACCOUNT);
    String after = Files.readString(world.ssoCache.resolve(CredentialsWorld.sha1("corp-refresh") + ".json"));
    assertNotEquals(before, after, "the refreshed login is written back to the CLI's cache");
  }

  @Test
  void expiredSsoLoginSaysToLogInAgain() throws IOException {
    DriverProcess.Answer a = fails(profiles(), "profile=sso-expired");
    assertTrue(a.message().contains("profile 'sso-expired'"), a.message());
    assertTrue(a.message().contains("aws sso login --profile sso-expired"), a.message());
    assertTrue(world.requests("GetRoleCredentials").isEmpty());
  }

  @Test
  void roleWithSourceProfile() throws IOException {
    counts(profiles(), "profile=role");
    RequestLog.Entry assume = only("AssumeRole");
    assertEquals(READER_ROLE, assume.query().get("RoleArn"));
    assertEquals(STATIC_KEY, assume.accessKeyId(), "the role is assumed with the source profile's keys");
    assertEquals(REGION, assume.region(), "the regional STS endpoint of the profile's region");
    signedBy(ROLE_ACCOUNT);
  }

  @Test
  void roleWithCredentialSourceEnvironment() throws IOException {
    counts(profiles(), "profile=role-env");
    assertEquals(ENV_KEY, only("AssumeRole").accessKeyId());
    signedBy(ROLE_ACCOUNT);
  }

  @Test
  void chainedRoles() throws IOException {
    counts(profiles(), "profile=chained");
    List<RequestLog.Entry> assumes = world.requests("AssumeRole");
    assertEquals(List.of(READER_ROLE, SECOND_ROLE), assumes.stream().map(e -> e.query().get("RoleArn")).toList());
    assertEquals(STATIC_KEY, assumes.get(0).accessKeyId());
    assertEquals(ROLE_ACCOUNT, accountOf(assumes.get(1).accessKeyId()), "the second role is assumed by the first");
    assertEquals("chained-session", assumes.get(1).query().get("RoleSessionName"));
    signedBy(CHAINED_ACCOUNT);
  }

  @Test
  void roleOnTopOfAnSsoLogin() throws IOException {
    counts(profiles(), "profile=sso-role");
    assertEquals(SSO_ACCOUNT, accountOf(only("AssumeRole").accessKeyId()));
    signedBy(ROLE_ACCOUNT);
  }

  @Test
  void webIdentityTokenFileProfile() throws IOException {
    counts(profiles(), "profile=web");
    RequestLog.Entry assume = only("AssumeRoleWithWebIdentity");
    assertEquals(CredentialsWorld.WEB_ROLE, assume.query().get("RoleArn"));
    assertEquals(null, assume.accessKeyId(), "AssumeRoleWithWebIdentity is not signed");
    signedBy(WEB_ACCOUNT);
  }

  @Test
  void credentialProcess() throws IOException {
    counts(profiles(), "profile=process");
    signedBy(PROCESS_ACCOUNT);
  }

  @Test
  void failingCredentialProcessShowsItsFirstLineOfStderr() throws IOException {
    DriverProcess.Answer a = fails(profiles(), "profile=process-broken");
    assertTrue(a.message().contains("profile 'process-broken'"), a.message());
    assertTrue(a.message().contains("exit code 3: vault: the vault is sealed, run vault-login"), a.message());
    assertFalse(a.message().contains("second line"), a.message());
  }

  @Test
  void deniedRoleNamesTheRoleAndStsMessage() throws IOException {
    DriverProcess.Answer a = fails(profiles(), "profile=denied");
    assertTrue(a.message().startsWith("Cannot assume role " + FORBIDDEN_ROLE + " (profile 'denied')"), a.message());
    assertTrue(a.message().contains("AccessDenied: User: arn:aws:iam::" + STATIC_ACCOUNT
        + ":user/static is not authorized to perform: sts:AssumeRole on resource: " + FORBIDDEN_ROLE), a.message());
    assertEquals(403, only("AssumeRole").status());
  }

  @Test
  void roleArnPropertyAssumesARoleOnTopOfTheProfile() throws IOException {
    counts(profiles(), "profile=static;roleArn=" + READER_ROLE + ";externalId=ext-42;roleSessionName=bi-tool");
    RequestLog.Entry assume = only("AssumeRole");
    assertEquals(Map.of("RoleArn", READER_ROLE, "ExternalId", "ext-42", "RoleSessionName", "bi-tool"),
        assume.query());
    assertEquals(STATIC_KEY, assume.accessKeyId());
    assertEquals(REGION, assume.region(), "the STS endpoint of the connection's first region");
    signedBy(ROLE_ACCOUNT);
  }

  @Test
  void roleArnPropertyGoesThroughTheFirstRegionsStsEndpoint() throws IOException {
    DriverProcess.Answer a = profiles().query("jdbc:gameliftstreams:region=us-east-1,us-west-2;endpoint="
        + world.emulator.endpoint() + ";profile=static;roleArn=" + READER_ROLE, QUERY);
    assertTrue(a.ok(), a.toString());
    assertEquals("us-east-1", only("AssumeRole").region());
    signedBy(ROLE_ACCOUNT);
  }

  @Test
  void roleArnCredentialsAreRefreshedBeforeTheyExpire() throws IOException {
    // Credentials valid for 2 minutes are inside the SDK's 5-minute prefetch window from the start.
    world.emulator.credentialServices().setCredentialLifetime(Duration.ofMinutes(2));
    try {
      counts(profiles(), "profile=static;roleArn=" + READER_ROLE + ";pageSize=20");
    } finally {
      world.emulator.credentialServices().setCredentialLifetime(Duration.ofHours(1));
    }
    Set<String> keys = world.streamsRequests().stream().map(RequestLog.Entry::accessKeyId).collect(Collectors.toSet());
    assertTrue(world.streamsRequests().size() >= 3, "several pages");
    assertTrue(world.requests("AssumeRole").size() >= 2, "the role was assumed again before its credentials expired");
    assertTrue(keys.size() >= 2, "pages were signed with the refreshed credentials: " + keys);
    signedBy(ROLE_ACCOUNT);
  }

  @Test
  void deniedRoleArnPropertyNamesTheRole() throws IOException {
    DriverProcess.Answer a = fails(profiles(), "profile=static;roleArn=" + FORBIDDEN_ROLE);
    assertTrue(a.message().startsWith("Cannot assume role " + FORBIDDEN_ROLE + " (roleArn property): "
        + "STS answered AccessDenied: "), a.message());
  }

  /**
   * {@code roleArn=A,B}: one identity per role, each assumed from the base profile, each reading its own account.
   * Needs an emulator serving both roles' accounts (the world's serves one account to every key), with the base
   * profile's key registered; STS is asked there too.
   */
  @Test
  void roleArnListReadsEachRolesAccountSignedByItsAssumedRole() throws Exception {
    Map<String, String> accountOfKey = Map.of("AKIAROLEDATA", ROLE_ACCOUNT, "AKIACHAINEDDATA", CHAINED_ACCOUNT);
    try (Emulator accounts = Emulator.start(EmulatorOptions.defaults(),
        EmulatorAccounts.generate(3, 60, accountOfKey))) {
      accounts.accessKeys().register(STATIC_KEY, world.staticSecret, STATIC_ACCOUNT,
          "arn:aws:iam::" + STATIC_ACCOUNT + ":user/static");
      Map<String, String> env = world.profilesEnv();
      env.put("AWS_ENDPOINT_URL_STS", accounts.endpoint().toString());
      DriverProcess jvm = world.fork("role-list", System.getProperty("java.class.path"), env);
      DriverProcess.Answer a = jvm.query("jdbc:gameliftstreams:region=" + REGION + ";endpoint=" + accounts.endpoint()
          + ";profile=static;roleArn=" + READER_ROLE + "," + SECOND_ROLE,
          "select listagg(account_id || '=' || cast(n as varchar), ',') within group (order by account_id)"
              + " from (select account_id, count(*) as n from account_stream_sessions group by account_id)");
      assertTrue(a.ok(), a.toString());
      assertEquals(ROLE_ACCOUNT + "=" + accounts.accounts().account(ROLE_ACCOUNT).orElseThrow()
          .streamSessions(REGION).size() + "," + CHAINED_ACCOUNT + "=" + accounts.accounts()
          .account(CHAINED_ACCOUNT).orElseThrow().streamSessions(REGION).size(), a.value(), "both accounts' sessions");

      List<RequestLog.Entry> log = accounts.requestLog().entries();
      List<RequestLog.Entry> assumes = log.stream().filter(e -> e.operation().equals("AssumeRole")).toList();
      assertEquals(Set.of(READER_ROLE, SECOND_ROLE), assumes.stream().map(e -> e.query().get("RoleArn"))
          .collect(Collectors.toSet()), "one AssumeRole per role");
      assertEquals(2, assumes.size());
      assertTrue(assumes.stream().allMatch(e -> STATIC_KEY.equals(e.accessKeyId())), "assumed from the profile");
      assertEquals(0, log.stream().filter(e -> e.operation().equals("GetCallerIdentity")).count(),
          "a role's account is in its ARN");
      // Each account's requests are signed by one key: the one AssumeRole handed out for that account's role.
      Map<String, Set<String>> signers = log.stream().filter(e -> e.operation().equals("ListStreamSessionsByAccount"))
          .collect(Collectors.groupingBy(e -> accounts.accessKeys().accountOf(e.accessKeyId()),
              Collectors.mapping(e -> accounts.accessKeys().find(e.accessKeyId()).orElseThrow().arn(),
                  Collectors.toSet())));
      assertEquals(Map.of(
          ROLE_ACCOUNT, Set.of("arn:aws:sts::" + ROLE_ACCOUNT + ":assumed-role/reader/gameliftstreams-jdbc"),
          CHAINED_ACCOUNT, Set.of("arn:aws:sts::" + CHAINED_ACCOUNT + ":assumed-role/second/gameliftstreams-jdbc")),
          signers);
    }
  }

  @Test
  void sessionTokenCompletesTemporaryKeysGivenAsUserAndPassword() throws IOException {
    AccessKeys.Identity temporary = world.emulator.accessKeys().issue(ROLE_ACCOUNT,
        "arn:aws:sts::" + ROLE_ACCOUNT + ":assumed-role/reader/handed-out", Duration.ofHours(1));
    counts(profiles(), "", "user=" + temporary.accessKeyId(), "password=" + temporary.secretAccessKey(),
        "sessionToken=" + temporary.sessionToken());
    signedBy(ROLE_ACCOUNT);

    world.emulator.requestLog().clear();
    DriverProcess.Answer without = profiles().query(world.url(""), QUERY, "user=" + temporary.accessKeyId(),
        "password=" + temporary.secretAccessKey());
    assertEquals("28000", without.sqlState(), "AWS refuses temporary keys without their token: " + without);
    assertTrue(without.message().contains("UnrecognizedClientException"), without.message());
  }

  /**
   * A host configured only by its platform (EKS, ECS): no AWS files, no keys. Its settings are given per request as
   * the SDK's system properties (aws.webIdentityTokenFile for AWS_WEB_IDENTITY_TOKEN_FILE, ...), which the SDK reads
   * before the environment variables, so one JVM plays every platform.
   */
  private static DriverProcess platform() throws IOException {
    Map<String, String> env = world.baseEnv();
    env.put("HOME", Files.createDirectories(dir.resolve("empty-home")).toString());
    env.put("AWS_CONFIG_FILE", dir.resolve("empty-home/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", dir.resolve("empty-home/credentials").toString());
    return world.fork("platform", System.getProperty("java.class.path"), env);
  }

  private static void countsOnPlatform(String... systemProperties) throws IOException {
    DriverProcess.Answer a = platform().query(world.url(""), QUERY, systemProperties);
    assertTrue(a.ok(), a.toString());
    assertEquals(String.valueOf(westSessions), a.value());
  }

  @Test
  void eksWebIdentity() throws IOException {
    countsOnPlatform("-Daws.webIdentityTokenFile=" + dir.resolve("web-identity-token"), "-Daws.roleArn=" + EKS_ROLE,
        "-Daws.region=" + REGION);
    assertEquals(EKS_ROLE, only("AssumeRoleWithWebIdentity").query().get("RoleArn"));
    signedBy(WEB_ACCOUNT);
  }

  @Test
  void ecsContainerCredentials() throws IOException {
    countsOnPlatform("-Daws.containerCredentialsFullUri=" + world.emulator.endpoint() + "/container-credentials",
        "-Daws.containerAuthorizationToken=" + world.ecsToken);
    assertEquals(200, only("ContainerCredentials").status());
    signedBy(CONTAINER_ACCOUNT);
  }

  @Test
  void eksPodIdentityContainerCredentials() throws IOException {
    countsOnPlatform("-Daws.containerCredentialsFullUri=" + world.emulator.endpoint() + "/container-credentials",
        "-Daws.containerAuthorizationTokenFile=" + dir.resolve("pod-identity-token"));
    assertEquals(200, only("ContainerCredentials").status());
    signedBy(CONTAINER_ACCOUNT);
  }

  @Test
  void missingCredentialsNameWhatWasTriedInOneLine() throws IOException {
    DriverProcess.Answer a = fails(platform(), "");
    assertTrue(a.message().startsWith("No AWS credentials found; tried: "), a.message());
    assertFalse(a.message().contains("\n"), a.message());
    assertTrue(a.message().length() < 300, a.message());
  }
}
