package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.pages;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorAccounts;
import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
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
 * The emulator serves two accounts, each read by its own access key (the profiles' keys; prod has a second
 * one), and enforces the published rates per account and region as AWS does (quotas).
 */
class SeveralAccountsTest {
  private static final String PROD = "111122223333";
  private static final String STAGE = "444455556666";
  private static final List<String> REGIONS = List.of("us-west-2", "us-east-1");
  private static final String WEST = REGIONS.get(0);
  private static Emulator emulator;
  private static String previousCredentialsFile;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    Map<String, String> keys = new LinkedHashMap<>();
    keys.put("AKIDPROD", PROD);
    keys.put("AKIDSTAGE", STAGE);
    keys.put("AKIDPROD2", PROD);
    emulator = Emulator.start(EmulatorOptions.defaults().withQuotas(true), EmulatorAccounts.generate(5, 450, keys));
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

  /** The session list calls of the last query, by account. */
  private static Map<String, List<RequestLog.Entry>> listCallsByAccount() {
    Map<String, List<RequestLog.Entry>> calls = new TreeMap<>();
    for (RequestLog.Entry e : emulator.requestLog().entries()) {
      if (e.operation().equals("ListStreamSessionsByAccount")) {
        calls.computeIfAbsent(emulator.accessKeys().accountOf(e.accessKeyId()), a -> new ArrayList<>()).add(e);
      }
    }
    return calls;
  }

  /** The most requests that arrived within {@code windowMillis} of each other (throttled ones included). */
  private static int busiest(List<RequestLog.Entry> calls, long windowMillis) {
    long[] arrivals = calls.stream().mapToLong(RequestLog.Entry::arrivalNanos).sorted().toArray();
    int most = 0;
    for (int first = 0, last = 0; last < arrivals.length; last++) {
      while (arrivals[last] - arrivals[first] >= windowMillis * 1_000_000) {
        first++;
      }
      most = Math.max(most, last - first + 1);
    }
    return most;
  }

  /**
   * At most 20 requests per account in a second, as the service allows: the limiter starts at most 20 per 1,030 ms.
   * On a loaded machine a request's way from the limiter to the emulator varies by tens of milliseconds, so a
   * second of arrivals may hold a few more, and the emulator's strict quota may throttle one now and then; a budget
   * per key instead of per account puts 30 to 40 in a second, and has a quarter of the requests throttled.
   */
  private static void withinTheAccountsRate(List<RequestLog.Entry> calls) {
    assertTrue(busiest(calls, 1000) <= 24, busiest(calls, 1000) + " requests within a second");
    long throttled = calls.stream().filter(e -> e.status() == 429).count();
    assertTrue(throttled * 20 <= calls.size(),
        throttled + " of " + calls.size() + " throttled by the emulator's quotas");
  }

  @Test
  void eachAccountHasItsOwnRateBudget() throws Exception {
    try (Connection c = connect("profile=prod,stage;pageSize=5")) {
      assertEquals(Map.of(PROD, (long) account(PROD).streamSessions(WEST).size(), STAGE,
          (long) account(STAGE).streamSessions(WEST).size()), sessionsPerAccount(c, "where region = '" + WEST + "'"));
    }
    Map<String, List<RequestLog.Entry>> calls = listCallsByAccount();
    assertEquals(java.util.Set.of(PROD, STAGE), calls.keySet());
    for (List<RequestLog.Entry> account : calls.values()) {
      assertTrue(account.size() > 40, "pages of 5: " + account.size());
      withinTheAccountsRate(account);
    }
    List<RequestLog.Entry> all = new ArrayList<>(calls.get(PROD));
    all.addAll(calls.get(STAGE));
    // One budget for both would allow 20 in a second; two run side by side.
    assertTrue(busiest(all, 1000) > 30, busiest(all, 1000) + " requests to both accounts within a second");
  }

  @Test
  void connectionsOfOneAccountShareItsBudgetWhateverTheyAreSignedWith() throws Exception {
    String where = "where account_id = '" + PROD + "' and region = '" + WEST + "'";
    java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(2);
    try {
      List<java.util.concurrent.Future<Map<String, Long>>> scans = new ArrayList<>();
      java.util.Properties secondKey = new java.util.Properties();
      secondKey.setProperty("user", "AKIDPROD2");
      secondKey.setProperty("password", "prod2-secret");
      String url = "jdbc:gameliftstreams:endpoint=" + emulator.endpoint() + ";region=" + WEST + ";pageSize=5";
      for (java.util.Properties identity : List.of(secondKey, new java.util.Properties())) {
        scans.add(threads.submit(() -> {
          try (Connection c = DriverManager.getConnection(url + (identity.isEmpty() ? ";profile=prod" : ""),
              identity)) {
            return sessionsPerAccount(c, where);
          }
        }));
      }
      for (java.util.concurrent.Future<Map<String, Long>> scan : scans) {
        assertEquals(Map.of(PROD, (long) account(PROD).streamSessions(WEST).size()), scan.get());
      }
    } finally {
      threads.shutdownNow();
    }
    List<RequestLog.Entry> calls = listCallsByAccount().get(PROD);
    assertEquals(java.util.Set.of("AKIDPROD", "AKIDPROD2"),
        calls.stream().map(RequestLog.Entry::accessKeyId).collect(java.util.stream.Collectors.toSet()));
    // A budget per key would send up to 40 in a second to the account, and have them throttled.
    withinTheAccountsRate(calls);
  }
}
