package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.pages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorAccounts;
import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A platform team with one account per stage: {@code profile=prod,stage} reads both accounts in one query,
 * each identity and region scanned in parallel, and {@code account_id} predicates skip the other accounts.
 * The emulator serves two accounts, each read by its own access key (the profiles' keys).
 */
class SeveralAccountsTest {
  private static final String PROD = "111122223333";
  private static final String STAGE = "444455556666";
  private static final List<String> REGIONS = List.of("us-west-2", "us-east-1");
  private static Emulator emulator;
  private static String previousCredentialsFile;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("AKIDPROD", PROD);
    keys.put("AKIDSTAGE", STAGE);
    emulator = Emulator.start(EmulatorOptions.defaults(), EmulatorAccounts.generate(5, 450, keys));
    Path credentials = Files.writeString(dir.resolve("credentials"), String.join("\n",
        "[prod]", "aws_access_key_id = AKIDPROD", "aws_secret_access_key = prod-secret",
        "[stage]", "aws_access_key_id = AKIDSTAGE", "aws_secret_access_key = stage-secret",
        "[gone]", "aws_access_key_id = AKIDGONE", "aws_secret_access_key = gone-secret", ""));
    // The SDK reads the system property before AWS_SHARED_CREDENTIALS_FILE.
    previousCredentialsFile = System.setProperty("aws.sharedCredentialsFile", credentials.toString());
  }

  @AfterAll
  static void stop() {
    if (previousCredentialsFile == null) {
      System.clearProperty("aws.sharedCredentialsFile");
    } else {
      System.setProperty("aws.sharedCredentialsFile", previousCredentialsFile);
    }
    emulator.close();
  }

  @BeforeEach
  void emptyLog() {
    emulator.requestLog().clear();
  }

  private static Connection connect(String properties) throws SQLException {
    return DriverManager.getConnection("jdbc:gameliftstreams:endpoint=" + emulator.endpoint() + ";region="
        + String.join(",", REGIONS) + ";" + properties);
  }

  private static EmulatorData account(String id) {
    return emulator.accounts().account(id).orElseThrow();
  }

  private static Map<String, Long> sessionsPerAccount(Connection c, String where) throws SQLException {
    Map<String, Long> counts = new TreeMap<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(
        "select account_id, count(*) from account_stream_sessions " + where + " group by account_id")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    }
    return counts;
  }

  private static long sessions(String accountId) {
    return REGIONS.stream().mapToLong(r -> account(accountId).streamSessions(r).size()).sum();
  }

  private static long listCalls() {
    return emulator.requestLog().count("ListStreamSessionsByAccount");
  }

  private static long pagesOf(String accountId) {
    return REGIONS.stream().mapToLong(r -> pages(account(accountId).streamSessions(r).size(), 100)).sum();
  }

  @Test
  void everyIdentityAndRegionIsScannedAndNamedInAccountId() throws Exception {
    try (Connection c = connect("profile=prod,stage")) {
      assertEquals(Map.of(PROD, sessions(PROD), STAGE, sessions(STAGE)), sessionsPerAccount(c, ""));
    }
    assertEquals(pagesOf(PROD) + pagesOf(STAGE), listCalls());
  }

  @Test
  void anAccountIdPredicateCallsOnlyThatAccount() throws Exception {
    try (Connection c = connect("profile=prod,stage")) {
      assertEquals(Map.of(STAGE, sessions(STAGE)), sessionsPerAccount(c, "where account_id = '" + STAGE + "'"));
      assertEquals(pagesOf(STAGE), listCalls(), "the prod account is not listed");
      assertEquals(2, emulator.requestLog().count("GetCallerIdentity"), "one per identity");
      emulator.requestLog().clear();
      assertEquals(Map.of(), sessionsPerAccount(c, "where account_id in ('999999999999')"));
      assertEquals(0, listCalls());
      assertEquals(Map.of(PROD, sessions(PROD), STAGE, sessions(STAGE)),
          sessionsPerAccount(c, "where account_id in ('" + PROD + "', '" + STAGE + "')"));
    }
    assertEquals(0, emulator.requestLog().count("GetCallerIdentity"),
        "each identity's account is learned once per connection");
  }

  @Test
  void aSingleIdentityFiltersItsOwnAccountWithoutListing() throws Exception {
    try (Connection c = connect("profile=prod")) {
      assertEquals(Map.of(), sessionsPerAccount(c, "where account_id = '" + STAGE + "'"));
      assertEquals(0, listCalls());
    }
  }

  @Test
  void anIdentityThatFailsIsSkippedWithWarningsUnderIgnoreErrors() throws Exception {
    try (Connection c = connect("profile=prod,gone;ignoreErrors=UnrecognizedClientException");
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select count(*) from stream_groups")) {
      rs.next();
      assertEquals(REGIONS.stream().mapToLong(r -> account(PROD).streamGroups(r).size()).sum(), rs.getLong(1));
      List<String> warnings = new ArrayList<>();
      for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
      }
      assertEquals(REGIONS.size(), warnings.size(), warnings.toString());
      assertTrue(warnings.stream().allMatch(w -> w.contains("UnrecognizedClientException")
          && w.contains("ListStreamGroups") && !w.contains("account " + PROD)), warnings.toString());
    }
  }

  @Test
  void warningsNameTheAccountOfTheSkippedSource() throws Exception {
    emulator.setDeniedRegions(java.util.Set.of("us-east-1"));
    try (Connection c = connect("profile=prod,stage;ignoreErrors=AccessDeniedException");
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("select count(*) from applications")) {
      rs.next();
      List<String> warnings = new ArrayList<>();
      for (SQLWarning w = rs.getWarnings(); w != null; w = w.getNextWarning()) {
        warnings.add(w.getMessage());
      }
      assertEquals(2, warnings.size(), warnings.toString());
      assertTrue(warnings.stream().anyMatch(w -> w.contains("account " + PROD + ", region us-east-1")),
          warnings.toString());
      assertTrue(warnings.stream().anyMatch(w -> w.contains("account " + STAGE + ", region us-east-1")),
          warnings.toString());
    } finally {
      emulator.setDeniedRegions(java.util.Set.of());
    }
  }

  @Test
  void eachIdentityHasItsOwnCache() throws Exception {
    try (Connection c = connect("profile=prod,stage;cacheTtl=600")) {
      sessionsPerAccount(c, "");
      emulator.requestLog().clear();
      assertEquals(Map.of(PROD, sessions(PROD), STAGE, sessions(STAGE)), sessionsPerAccount(c, ""));
      assertEquals(0, listCalls());
      try (Connection prodOnly = connect("profile=prod;cacheTtl=600")) {
        assertEquals(Map.of(PROD, sessions(PROD)), sessionsPerAccount(prodOnly, ""));
      }
      assertEquals(0, listCalls(), "the prod identity's entries serve a connection of that identity alone");
    } finally {
      dev.gameliftstreams.jdbc.aws.ResultCache.SHARED.clear();
    }
  }
}
