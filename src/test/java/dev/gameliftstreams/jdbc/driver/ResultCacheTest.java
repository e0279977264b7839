package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.pages;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.rows;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.aws.ResultCache;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code cacheTtl}: a dashboard that refreshes the same queries reads them from memory within the TTL.
 * The calls saved are read from the emulator's request log.
 */
class ResultCacheTest {
  private static final String DASHBOARD = "select status, count(*) from account_stream_sessions group by status";
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(1500, "region=" + REGION + ";cacheTtl=600");

  @BeforeEach
  void emptyCache() {
    ResultCache.SHARED.clear();
  }

  private int sessions() {
    return fixture.emulator.data().streamSessions(REGION).size();
  }

  private static List<List<Object>> query(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rows(rs);
    }
  }

  @Test
  void aRefreshWithinTheTtlCallsNothing() throws Exception {
    List<List<Object>> first = fixture.query(DASHBOARD);
    long firstCalls = fixture.calls();
    assertEquals(pages(sessions(), 100), firstCalls);
    fixture.clearCalls();
    assertEquals(first, fixture.query(DASHBOARD));
    assertEquals(0, fixture.calls(), "the refresh saved all " + firstCalls + " calls");
  }

  @Test
  void anyQueryOverTheSameCallChainIsAnsweredFromMemory() throws Exception {
    fixture.query("select arn from account_stream_sessions");
    fixture.clearCalls();
    List<List<Object>> viaCache = fixture.query(
        "select count(*) from account_stream_sessions where user_id like '%1%' or location is null");
    assertEquals(0, fixture.calls(), "predicates Calcite evaluates do not change the call chain");
    long expected = fixture.sessions(REGION, s -> EmulatorFixture.text(s, "UserId").contains("1")
        || EmulatorFixture.text(s, "Location") == null).size();
    assertEquals(List.of(List.of(expected)), viaCache);
  }

  @Test
  void otherFilterParametersAreOtherChains() throws Exception {
    fixture.query("select arn from account_stream_sessions");
    fixture.clearCalls();
    fixture.query("select arn from account_stream_sessions where status = 'ERROR'");
    int errors = fixture.sessions(REGION, s -> "ERROR".equals(EmulatorFixture.text(s, "Status"))).size();
    assertEquals(pages(errors, 100), fixture.calls("ListStreamSessionsByAccount").size());
    fixture.clearCalls();
    fixture.query("select arn from account_stream_sessions where status = 'ERROR'");
    assertEquals(0, fixture.calls());
  }

  @Test
  void everyTableIsCached() throws Exception {
    String sql = "select count(*) from stream_sessions s join stream_groups g on g.id = s.stream_group_id"
        + " join applications a on a.arn = s.application_arn";
    List<List<Object>> first = fixture.query(sql);
    assertTrue(fixture.calls("ListStreamSessions").size() > 1);
    assertTrue(fixture.calls("ListApplications").size() >= 1);
    fixture.clearCalls();
    assertEquals(first, fixture.query(sql));
    assertEquals(0, fixture.calls());
  }

  @Test
  void connectionsOfOneIdentityAndEndpointShareTheCache() throws Exception {
    fixture.query(DASHBOARD);
    fixture.clearCalls();
    try (Connection other = fixture.connect("region=" + REGION + ";cacheTtl=600")) {
      query(other, DASHBOARD);
    }
    assertEquals(0, fixture.calls(), "a second connection (a BI tool's pool) reads the same entries");
    Properties keys = new Properties();
    keys.setProperty("user", "AKIDOTHER");
    keys.setProperty("password", "other-secret");
    try (Connection otherIdentity = DriverManager.getConnection("jdbc:gameliftstreams:endpoint="
        + fixture.emulator.endpoint() + ";region=" + REGION + ";cacheTtl=600", keys)) {
      query(otherIdentity, DASHBOARD);
    }
    assertEquals(pages(sessions(), 100), fixture.calls(), "another identity never reads what this one fetched");
  }

  @Test
  void withoutCacheTtlAConnectionAlwaysCallsTheService() throws Exception {
    fixture.query(DASHBOARD);
    fixture.clearCalls();
    try (Connection uncached = fixture.connect("region=" + REGION)) {
      query(uncached, DASHBOARD);
    }
    assertEquals(pages(sessions(), 100), fixture.calls());
  }

  @Test
  void aChainStoppedByLimitIsNotTakenForTheWholeChain() throws Exception {
    assertEquals(5, fixture.query("select arn from account_stream_sessions limit 5").size());
    fixture.clearCalls();
    assertEquals(List.of(List.of((long) sessions())), fixture.query("select count(*) from account_stream_sessions"));
    assertEquals(pages(sessions(), 100), fixture.calls());
  }

  @Test
  void aChainALimitStoppedAnswersLimitsUpToItsRows() throws Exception {
    assertEquals(150, fixture.query("select arn from account_stream_sessions limit 150").size());
    assertEquals(List.of("100", "50"), maxResults(), "pages of 100, then the 50 rows still wanted");
    fixture.clearCalls();
    List<List<Object>> first120 = fixture.query("select arn from account_stream_sessions limit 120");
    assertEquals(150, fixture.query("select arn from account_stream_sessions limit 150").size());
    assertEquals(0, fixture.calls(), "LIMITs up to the 150 rows held are answered from memory");
    assertEquals(fixture.query("select arn from account_stream_sessions limit 150").subList(0, 120), first120);
    assertEquals(151, fixture.query("select arn from account_stream_sessions limit 151").size());
    assertEquals(List.of("100", "51"), maxResults(), "one row more than held lists the chain again");
  }

  /** MaxResults of the session list calls so far, in order. */
  private static List<String> maxResults() throws InterruptedException {
    return fixture.settledCalls("ListStreamSessionsByAccount").stream().map(e -> e.query().get("MaxResults"))
        .toList();
  }

  @Test
  void aFailedChainIsNotCached() throws Exception {
    fixture.emulator.setDeniedOperations(Set.of("ListStreamSessionsByAccount"));
    assertThrows(SQLException.class, () -> fixture.query(DASHBOARD));
    fixture.emulator.setDeniedOperations(Set.of());
    fixture.clearCalls();
    fixture.query(DASHBOARD);
    assertEquals(pages(sessions(), 100), fixture.calls());
  }

  @Test
  void theClearFunctionEmptiesTheCacheEachTimeItRuns() throws Exception {
    try (PreparedStatement clear = fixture.connection().prepareStatement("select gameliftstreams_clear_cache()")) {
      for (int refresh = 0; refresh < 2; refresh++) {
        fixture.query(DASHBOARD);
        try (ResultSet rs = clear.executeQuery()) {
          assertTrue(rs.next());
          assertEquals(sessions(), rs.getLong(1), "rows dropped");
        }
        fixture.clearCalls();
        fixture.query(DASHBOARD);
        assertEquals(pages(sessions(), 100), fixture.calls(), "after clearing, the service is called again");
        fixture.query("select gameliftstreams_clear_cache()");
      }
    }
  }
}
