package dev.gameliftstreams.jdbc.credentials;

import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.gameliftstreams.jdbc.emulator.AccessKeys;
import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An organization's AWS setup, offline: an emulator that also serves STS, the IAM Identity Center portal, SSO-OIDC
 * and a container credentials endpoint; a HOME with the AWS CLI's config, credentials and SSO token cache; token
 * files and credential_process scripts; and driver JVMs forked with the environment of each kind of host.
 * Accounts tell identities apart: every source below yields credentials of its own account.
 */
final class CredentialsWorld implements AutoCloseable {
  static final String REGION = "us-west-2";
  static final String QUERY = "select count(*) from account_stream_sessions";

  static final String STATIC_ACCOUNT = "111111111111";
  static final String ENV_ACCOUNT = "222222222222";
  static final String ROLE_ACCOUNT = "333333333333";
  static final String CHAINED_ACCOUNT = "444444444444";
  static final String SSO_ACCOUNT = "555555555555";
  static final String WEB_ACCOUNT = "666666666666";
  static final String CONTAINER_ACCOUNT = "777777777777";
  static final String PROCESS_ACCOUNT = "888888888888";

  static final String READER_ROLE = "arn:aws:iam::" + ROLE_ACCOUNT + ":role/reader";
  static final String SECOND_ROLE = "arn:aws:iam::" + CHAINED_ACCOUNT + ":role/second";
  static final String FORBIDDEN_ROLE = "arn:aws:iam::" + ROLE_ACCOUNT + ":role/forbidden";
  static final String WEB_ROLE = "arn:aws:iam::" + WEB_ACCOUNT + ":role/web";
  static final String EKS_ROLE = "arn:aws:iam::" + WEB_ACCOUNT + ":role/eks-reader";

  static final String STATIC_KEY = "AKIASTATICEXAMPLE";
  static final String ENV_KEY = "AKIAENVEXAMPLE";
  static final String PROCESS_KEY = "AKIAPROCESSEXAMPLE";

  private static final Set<String> CREDENTIAL_OPERATIONS = Set.of("AssumeRole", "AssumeRoleWithWebIdentity",
      "GetCallerIdentity", "GetRoleCredentials", "CreateToken", "ContainerCredentials");

  /** Every secret handed to the driver; none may appear in its output. */
  final List<String> secrets = new ArrayList<>();
  final String staticSecret = secret("static-secret-wJalrXUtnFEMI");
  final String envSecret = secret("env-secret-K7MDENGbPxRfiCY");
  final String processSecret = secret("process-secret-EXAMPLEKEY");
  final String podToken = secret("pod-identity-token-4f2a");
  final String ecsToken = secret("ecs-task-token-91c0");
  final Emulator emulator;
  final Path dir;
  final Path home;
  final Path ssoCache;
  private final Map<String, DriverProcess> forks = new LinkedHashMap<>();

  CredentialsWorld(Path dir) throws IOException {
    this.dir = dir;
    this.home = Files.createDirectories(dir.resolve("home"));
    this.ssoCache = Files.createDirectories(home.resolve(".aws/sso/cache"));
    emulator = Emulator.start(EmulatorOptions.defaults().withSeed(7).withSessions(90));
    AccessKeys keys = emulator.accessKeys();
    keys.register(STATIC_KEY, staticSecret, STATIC_ACCOUNT, "arn:aws:iam::" + STATIC_ACCOUNT + ":user/static");
    keys.register(ENV_KEY, envSecret, ENV_ACCOUNT, "arn:aws:iam::" + ENV_ACCOUNT + ":user/env");
    keys.register(PROCESS_KEY, processSecret, PROCESS_ACCOUNT,
        "arn:aws:iam::" + PROCESS_ACCOUNT + ":user/process");
    emulator.credentialServices().denyRole(FORBIDDEN_ROLE);

    String webToken = secret("eyJhbGciOiJSUzI1NiJ9.web-identity-token");
    emulator.credentialServices().acceptWebIdentityToken(webToken);
    Files.writeString(dir.resolve("web-identity-token"), webToken);
    Files.writeString(dir.resolve("pod-identity-token"), podToken);
    emulator.credentialServices().acceptContainerToken(podToken, CONTAINER_ACCOUNT,
        "arn:aws:iam::" + CONTAINER_ACCOUNT + ":role/pod");
    emulator.credentialServices().acceptContainerToken(ecsToken, CONTAINER_ACCOUNT,
        "arn:aws:iam::" + CONTAINER_ACCOUNT + ":role/task");

    writeSsoLogins();
    script("process.sh", "printf '{\"Version\": 1, \"AccessKeyId\": \"" + PROCESS_KEY + "\", \"SecretAccessKey\": \""
        + processSecret + "\"}'");
    script("broken.sh", "echo 'vault: the vault is sealed, run vault-login' >&2\necho 'second line' >&2\nexit 3");
    Files.writeString(home.resolve(".aws/credentials"), String.join("\n",
        "[static]",
        "aws_access_key_id = " + STATIC_KEY,
        "aws_secret_access_key = " + staticSecret, ""));
    Files.writeString(home.resolve(".aws/config"), config());
  }

  private String secret(String s) {
    secrets.add(s);
    return s;
  }

  private void script(String name, String body) throws IOException {
    Path p = dir.resolve(name);
    Files.writeString(p, "#!/bin/sh\n" + body + "\n");
    p.toFile().setExecutable(true);
  }

  private String config() {
    return String.join("\n",
        "[default]",
        "region = " + REGION,
        "",
        "[profile static]",
        "region = " + REGION,
        "",
        "[sso-session corp]",
        "sso_start_url = https://corp.awsapps.com/start",
        "sso_region = us-east-1",
        "sso_registration_scopes = sso:account:access",
        "",
        "[sso-session corp-refresh]",
        "sso_start_url = https://corp.awsapps.com/start",
        "sso_region = us-east-1",
        "",
        "[sso-session corp-expired]",
        "sso_start_url = https://corp.awsapps.com/start",
        "sso_region = us-east-1",
        "",
        "[profile sso-dev]",
        "sso_session = corp",
        "sso_account_id = " + SSO_ACCOUNT,
        "sso_role_name = ReadOnly",
        "region = " + REGION,
        "",
        "[profile sso-refresh]",
        "sso_session = corp-refresh",
        "sso_account_id = " + SSO_ACCOUNT,
        "sso_role_name = ReadOnly",
        "region = " + REGION,
        "",
        "[profile sso-expired]",
        "sso_session = corp-expired",
        "sso_account_id = " + SSO_ACCOUNT,
        "sso_role_name = ReadOnly",
        "region = " + REGION,
        "",
        "[profile sso-legacy]",
        "sso_start_url = https://legacy.awsapps.com/start",
        "sso_region = us-east-1",
        "sso_account_id = " + SSO_ACCOUNT,
        "sso_role_name = ReadOnly",
        "region = " + REGION,
        "",
        "[profile role]",
        "role_arn = " + READER_ROLE,
        "source_profile = static",
        "region = " + REGION,
        "",
        "[profile role-env]",
        "role_arn = " + READER_ROLE,
        "credential_source = Environment",
        "region = " + REGION,
        "",
        "[profile chained]",
        "role_arn = " + SECOND_ROLE,
        "source_profile = role",
        "role_session_name = chained-session",
        "region = " + REGION,
        "",
        "[profile sso-role]",
        "role_arn = " + READER_ROLE,
        "source_profile = sso-dev",
        "region = " + REGION,
        "",
        "[profile denied]",
        "role_arn = " + FORBIDDEN_ROLE,
        "source_profile = static",
        "region = " + REGION,
        "",
        "[profile web]",
        "role_arn = " + WEB_ROLE,
        "web_identity_token_file = " + dir.resolve("web-identity-token"),
        "region = " + REGION,
        "",
        "[profile process]",
        "credential_process = " + dir.resolve("process.sh"),
        "region = " + REGION,
        "",
        "[profile process-broken]",
        "credential_process = " + dir.resolve("broken.sh"),
        "region = " + REGION,
        "");
  }

  /** Token caches as {@code aws sso login} writes them: valid, refreshable, expired, and the legacy form. */
  private void writeSsoLogins() throws IOException {
    Instant inAnHour = Instant.now().plus(Duration.ofHours(1));
    String valid = secret("aoa-valid-access-token");
    emulator.credentialServices().acceptSsoAccessToken(valid, inAnHour);
    writeToken(sha1("corp"), "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", "
        + "\"accessToken\": \"" + valid + "\", \"expiresAt\": \"" + inAnHour + "\", \"clientId\": \"client-corp\", "
        + "\"clientSecret\": \"" + secret("client-secret-corp") + "\", \"registrationExpiresAt\": \""
        + Instant.now().plus(Duration.ofDays(60)) + "\", \"refreshToken\": \"" + secret("aor-corp-refresh") + "\"}");

    String stale = secret("aoa-stale-access-token");
    String refresh = secret("aor-refresh-token");
    emulator.credentialServices().acceptSsoRefreshToken("client-refresh", refresh);
    writeToken(sha1("corp-refresh"), "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", "
        + "\"accessToken\": \"" + stale + "\", \"expiresAt\": \"" + Instant.now().minus(Duration.ofMinutes(5))
        + "\", \"clientId\": \"client-refresh\", \"clientSecret\": \"" + secret("client-secret-refresh")
        + "\", \"registrationExpiresAt\": \"" + Instant.now().plus(Duration.ofDays(60)) + "\", \"refreshToken\": \""
        + refresh + "\"}");

    writeToken(sha1("corp-expired"), "{\"startUrl\": \"https://corp.awsapps.com/start\", \"region\": \"us-east-1\", "
        + "\"accessToken\": \"" + secret("aoa-expired-access-token") + "\", \"expiresAt\": \""
        + Instant.now().minus(Duration.ofHours(2)) + "\"}");

    String legacy = secret("aoa-legacy-access-token");
    emulator.credentialServices().acceptSsoAccessToken(legacy, inAnHour);
    writeToken(sha1("https://legacy.awsapps.com/start"), "{\"startUrl\": \"https://legacy.awsapps.com/start\", "
        + "\"region\": \"us-east-1\", \"accessToken\": \"" + legacy + "\", \"expiresAt\": \""
        + inAnHour.toString().replaceAll("\\.\\d+Z$", "Z") + "\"}");
  }

  private void writeToken(String name, String json) throws IOException {
    Files.writeString(ssoCache.resolve(name + ".json"), json);
  }

  /** The cache file name the AWS CLI and the SDK derive from a session name or start URL. */
  static String sha1(String s) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-1").digest(s.getBytes(StandardCharsets.UTF_8));
      return String.format("%040x", new BigInteger(1, d));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  String url(String properties) {
    return "jdbc:gameliftstreams:region=" + REGION + ";endpoint=" + emulator.endpoint()
        + (properties.isEmpty() ? "" : ";" + properties);
  }

  /** What every host shares: its own HOME and AWS files, service endpoints on the emulator, no instance metadata. */
  Map<String, String> baseEnv() {
    Map<String, String> env = new HashMap<>();
    env.put("HOME", home.toString());
    env.put("AWS_CONFIG_FILE", home.resolve(".aws/config").toString());
    env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve(".aws/credentials").toString());
    env.put("AWS_ENDPOINT_URL_STS", emulator.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SSO", emulator.endpoint().toString());
    env.put("AWS_ENDPOINT_URL_SSO_OIDC", emulator.endpoint().toString());
    env.put("AWS_EC2_METADATA_DISABLED", "true");
    return env;
  }

  /** A host whose AWS settings are only files (a developer laptop, a BI server): keys in the environment too. */
  Map<String, String> profilesEnv() {
    Map<String, String> env = baseEnv();
    env.put("AWS_ACCESS_KEY_ID", ENV_KEY);
    env.put("AWS_SECRET_ACCESS_KEY", envSecret);
    return env;
  }

  /** A driver JVM per host kind, started on first use and reused by the tests of that kind. */
  DriverProcess fork(String name, String classpath, Map<String, String> env) throws IOException {
    DriverProcess p = forks.get(name);
    if (p == null) {
      p = new DriverProcess(classpath, env, dir.resolve(name + ".log"));
      forks.put(name, p);
    }
    return p;
  }

  /** The GameLift Streams requests logged so far (credential services excluded). */
  List<RequestLog.Entry> streamsRequests() {
    return emulator.requestLog().entries().stream()
        .filter(e -> !CREDENTIAL_OPERATIONS.contains(e.operation())).toList();
  }

  List<RequestLog.Entry> requests(String operation) {
    return emulator.requestLog().entries().stream().filter(e -> e.operation().equals(operation)).toList();
  }

  /** The accounts of the keys that signed the GameLift Streams requests. */
  Set<String> signingAccounts() {
    return streamsRequests().stream().map(e -> emulator.accessKeys().accountOf(e.accessKeyId()))
        .collect(Collectors.toSet());
  }

  /** Secrets the emulator handed out plus those of the setup, and the SSO tokens the driver cached. */
  void assertNoSecretIn(String output) throws IOException {
    List<String> all = new ArrayList<>(secrets);
    for (AccessKeys.Identity i : emulator.accessKeys().identities()) {
      all.add(i.secretAccessKey());
      if (i.sessionToken() != null) {
        all.add(i.sessionToken());
      }
    }
    try (var files = Files.list(ssoCache)) {
      for (Path f : files.toList()) {
        var token = java.util.regex.Pattern.compile("\"(accessToken|refreshToken|clientSecret)\"\\s*:\\s*\"([^\"]+)\"")
            .matcher(Files.readString(f));
        while (token.find()) {
          all.add(token.group(2));
        }
      }
    }
    for (String s : all) {
      assertFalse(output.contains(s), "a secret (" + s.length() + " characters) appears in the driver's output");
    }
  }

  List<DriverProcess> forks() {
    return List.copyOf(forks.values());
  }

  @Override
  public void close() throws Exception {
    for (DriverProcess p : forks.values()) {
      p.close();
    }
    emulator.close();
  }
}
