package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import org.apache.calcite.runtime.Hook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A connection plans each distinct statement once: running it again (a dashboard's refresh, an application
 * that prepares per request) reuses the plan, while the API calls, the time and the parameters are those of
 * each execution. Parses are counted with Calcite's PARSE_TREE hook.
 */
class PlanCacheTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(400, "region=" + REGION);

  private static final String ERRORS = "select arn from account_stream_sessions where status = 'ERROR'";

  private final List<String> parsed = new ArrayList<>();

  private <T> T counted(SqlWork<T> work) throws Exception {
    Consumer<Object[]> parse = sqlAndTree -> parsed.add((String) sqlAndTree[0]);
    try (Hook.Closeable ignored = Hook.PARSE_TREE.addThread(parse)) {
      return work.run();
    }
  }

  private interface SqlWork<T> {
    T run() throws Exception;
  }

  @Test
  void aStatementRunAgainIsNotPlannedAgainButCallsTheApiAgain() throws Exception {
    Set<String> errors = arns(fixture.sessions(REGION, s -> "ERROR".equals(text(s, "Status"))));
    try (Connection c = fixture.connect("region=" + REGION)) {
      assertEquals(errors, counted(() -> arnsOf(c, ERRORS)));
      assertEquals(errors, counted(() -> arnsOf(c, ERRORS)));
      assertEquals(List.of(ERRORS), parsed, "parsed and planned once");
      assertEquals(2, fixture.calls("ListStreamSessionsByAccount").size(), "one list call per execution");
    }
  }

  @Test
  void connectionsDoNotSharePlans() throws Exception {
    try (Connection a = fixture.connect("region=" + REGION); Connection b = fixture.connect("region=" + REGION)) {
      assertEquals(counted(() -> arnsOf(a, ERRORS)), counted(() -> arnsOf(b, ERRORS)));
      assertEquals(List.of(ERRORS, ERRORS), parsed);
    }
  }

  @Test
  void aClosedConnectionsPlansAreDropped() throws Exception {
    long before = LeanPrepare.connectionsWithPlans();
    try (Connection c = fixture.connect("region=" + REGION)) {
      arnsOf(c, ERRORS);
      assertEquals(before + 1, LeanPrepare.connectionsWithPlans());
    }
    assertEquals(before, LeanPrepare.connectionsWithPlans());
  }

  @Test
  void aPlannedStatementTakesEachExecutionsParametersTimeAndMaxRows() throws Exception {
    String sql = "select count(*), max(current_timestamp) from account_stream_sessions where status = ?";
    try (Connection c = fixture.connect("region=" + REGION)) {
      List<Timestamp> times = new ArrayList<>();
      for (String status : List.of("ERROR", "TERMINATED", "ERROR")) {
        counted(() -> {
          try (PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, status);
            try (ResultSet rs = ps.executeQuery()) {
              assertTrue(rs.next());
              assertEquals(fixture.sessions(REGION, s -> status.equals(text(s, "Status"))).size(), rs.getLong(1),
                  status);
              times.add(rs.getTimestamp(2));
            }
          }
          return null;
        });
        Thread.sleep(5);
      }
      assertEquals(List.of(sql), parsed, "prepared three times, planned once");
      assertTrue(times.get(0).before(times.get(1)) && times.get(1).before(times.get(2)), "the time of each: " + times);
      try (Statement st = c.createStatement()) {
        st.setMaxRows(3);
        assertEquals(3, counted(() -> EmulatorFixture.rows(st.executeQuery(ERRORS))).size(), "another plan");
        st.setMaxRows(0);
        assertTrue(counted(() -> EmulatorFixture.rows(st.executeQuery(ERRORS))).size() > 3, "the first plan");
      }
      assertEquals(List.of(sql, ERRORS, ERRORS), parsed);
    }
  }

  private static Set<String> arnsOf(Connection c, String sql) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EmulatorFixture.column(rs, "arn");
    }
  }
}
