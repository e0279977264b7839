package dev.gameliftstreams.jdbc.credentials;

import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.EKS_ROLE;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.QUERY;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.READER_ROLE;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.REGION;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.ROLE_ACCOUNT;
import static dev.gameliftstreams.jdbc.credentials.CredentialsWorld.WEB_ACCOUNT;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shaded jar finds the SDK's STS and SSO credential providers, which the SDK loads by class name, and classifies
 * their failures: an IAM Identity Center login with a role on top, a web identity profile, the roleArn property, an
 * expired login, and EKS's web identity environment (AWS_WEB_IDENTITY_TOKEN_FILE, AWS_ROLE_ARN, AWS_REGION) through
 * the default chain, in one JVM whose classpath is the jar alone (plus the test's JDK-only main class).
 */
class CredentialsShadedJarIT {
  private static final Path JAR = Path.of(System.getProperty("shadedJar", "target/gameliftstreams-jdbc.jar"));

  @TempDir
  Path dir;

  @Test
  void ssoRolesAndWebIdentityWorkFromTheShadedJar() throws Exception {
    try (CredentialsWorld world = new CredentialsWorld(dir)) {
      String classpath = JAR.toAbsolutePath() + File.pathSeparator
          + Path.of(ForkedDriver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      Map<String, String> eks = world.baseEnv();
      eks.put("AWS_WEB_IDENTITY_TOKEN_FILE", dir.resolve("web-identity-token").toString());
      eks.put("AWS_ROLE_ARN", EKS_ROLE);
      eks.put("AWS_REGION", REGION);
      DriverProcess jvm = world.fork("shaded", classpath, eks);
      long sessions = world.emulator.data().streamSessions(REGION).size();

      DriverProcess.Answer a = jvm.query(world.url("profile=sso-role"), QUERY);
      assertEquals(String.valueOf(sessions), a.value(), a.toString());
      assertEquals(1, world.requests("GetRoleCredentials").size());
      assertEquals(Set.of(ROLE_ACCOUNT), world.signingAccounts());

      world.emulator.requestLog().clear();
      a = jvm.query(world.url("profile=web"), QUERY);
      assertEquals(String.valueOf(sessions), a.value(), a.toString());
      assertEquals(Set.of(WEB_ACCOUNT), world.signingAccounts());

      world.emulator.requestLog().clear();
      a = jvm.query(world.url("profile=process;roleArn=" + READER_ROLE), QUERY);
      assertEquals(String.valueOf(sessions), a.value(), a.toString());
      assertEquals(Set.of(ROLE_ACCOUNT), world.signingAccounts());

      world.emulator.requestLog().clear();
      a = jvm.query(world.url(""), QUERY);
      assertEquals(String.valueOf(sessions), a.value(), a.toString());
      assertEquals(EKS_ROLE, world.requests("AssumeRoleWithWebIdentity").get(0).query().get("RoleArn"));
      assertEquals(Set.of(WEB_ACCOUNT), world.signingAccounts());

      a = jvm.query(world.url("profile=sso-expired"), QUERY);
      assertEquals("28000", a.sqlState(), a.toString());
      assertTrue(a.message().contains("aws sso login --profile sso-expired"), a.message());

      world.assertNoSecretIn(jvm.output());
    }
  }
}
