package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.column;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.pages;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** account_stream_sessions: ListStreamSessionsByAccount with status / export_status pushed down. */
class AccountStreamSessionsTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(1500, "region=" + REGION);

  private Set<String> arnsOf(String sql) throws Exception {
    return fixture.arnsOf(sql);
  }

  private List<ObjectNode> expected(java.util.function.Predicate<ObjectNode> where) {
    return fixture.sessions(REGION, where);
  }

  private static boolean status(ObjectNode s, String... values) {
    return List.of(values).contains(text(s, "Status"));
  }

  private static boolean export(ObjectNode s, String value) {
    return value.equals(text(s, "ExportFilesMetadata", "Status"));
  }

  @Test
  void fullScanReturnsEverySessionInExactlyCeilNOver100Calls() throws Exception {
    List<ObjectNode> all = expected(s -> true);
    assertTrue(all.size() > 300, "the data set spans several pages");
    assertEquals(arns(all), arnsOf("select arn from account_stream_sessions"));
    List<RequestLog.Entry> calls = fixture.calls("ListStreamSessionsByAccount");
    assertEquals(pages(all.size(), 100), calls.size());
    assertTrue(calls.stream().allMatch(c -> "100".equals(c.query().get("MaxResults"))));
    assertEquals(calls.size(), fixture.calls(), "no other API call");
  }

  @Test
  void statusEqualityIsSentAsTheStatusFilterInEitherOperandOrder() throws Exception {
    Set<String> active = arns(expected(s -> status(s, "ACTIVE")));
    assertFalse(active.isEmpty());
    assertEquals(active, arnsOf("SELECT arn FROM account_stream_sessions WHERE status = 'ACTIVE'"));
    assertEquals(active, arnsOf("select arn from ACCOUNT_STREAM_SESSIONS where 'ACTIVE' = Status"));
    List<RequestLog.Entry> calls = fixture.calls("ListStreamSessionsByAccount");
    assertTrue(calls.stream().allMatch(c -> "ACTIVE".equals(c.query().get("Status"))), calls.toString());
    assertEquals(2 * pages(active.size(), 100), calls.size());
  }

  @Test
  void inListMakesOneCallChainPerValue() throws Exception {
    Set<String> expected = arns(expected(s -> status(s, "ERROR", "TERMINATED")));
    assertEquals(expected,
        arnsOf("select arn from account_stream_sessions where status in ('ERROR', 'TERMINATED')"));
    Map<String, Long> perStatus = fixture.calls("ListStreamSessionsByAccount").stream()
        .collect(Collectors.groupingBy(c -> c.query().get("Status"), Collectors.counting()));
    assertEquals(Set.of("ERROR", "TERMINATED"), perStatus.keySet());
    assertEquals(pages(expected(s -> status(s, "ERROR")).size(), 100), perStatus.get("ERROR"));
  }

  @Test
  void statusAndExportStatusArePushedTogetherAndOtherPredicatesStayInSql() throws Exception {
    List<ObjectNode> expected = expected(s -> status(s, "TERMINATED") && export(s, "SUCCEEDED")
        && text(s, "Location") != null && text(s, "Location").startsWith("us-"));
    assertFalse(expected.isEmpty());
    assertEquals(arns(expected), arnsOf("select arn from account_stream_sessions where export_status = 'SUCCEEDED'"
        + " and location like 'us-%' and status = 'TERMINATED'"));
    for (RequestLog.Entry c : fixture.calls("ListStreamSessionsByAccount")) {
      assertEquals("TERMINATED", c.query().get("Status"));
      assertEquals("SUCCEEDED", c.query().get("ExportFilesStatus"));
    }
  }

  @Test
  void aValueTheApiDoesNotKnowMatchesNothingWithoutCallingIt() throws Exception {
    assertEquals(Set.of(), arnsOf("select arn from account_stream_sessions where status = 'active'"));
    assertEquals(Set.of(), arnsOf("select arn from account_stream_sessions where export_status = 'done'"));
    assertEquals(Set.of(), arnsOf("select arn from account_stream_sessions where status = ''"));
    assertEquals(Set.of(), arnsOf("select arn from account_stream_sessions where status = 'ACTIVE' and status = 'ERROR'"));
    assertEquals(0, fixture.calls());
  }

  @Test
  void preparedStatementParametersArePushedDown() throws Exception {
    try (PreparedStatement ps = fixture.connection().prepareStatement(
        "select arn from account_stream_sessions where status = ? and export_status = ?")) {
      for (String[] p : new String[][] {{"TERMINATED", "FAILED"}, {"ERROR", "PENDING"}}) {
        fixture.clearCalls();
        ps.setString(1, p[0]);
        ps.setString(2, p[1]);
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(arns(expected(s -> status(s, p[0]) && export(s, p[1]))), column(rs, "arn"));
        }
        assertTrue(fixture.calls("ListStreamSessionsByAccount").stream()
            .allMatch(c -> p[0].equals(c.query().get("Status")) && p[1].equals(c.query().get("ExportFilesStatus"))));
      }
      ps.setString(1, null);
      ps.setString(2, "FAILED");
      fixture.clearCalls();
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next(), "status = NULL is never true");
      }
      assertEquals(0, fixture.calls());
    }
  }

  @Test
  void predicatesThatCannotBePushedKeepSqlSemantics() throws Exception {
    assertEquals(arns(expected(s -> status(s, "ACTIVE") || export(s, "FAILED"))),
        arnsOf("select arn from account_stream_sessions where status = 'ACTIVE' or export_status = 'FAILED'"));
    assertEquals(arns(expected(s -> !status(s, "ACTIVE", "TERMINATED"))),
        arnsOf("select arn from account_stream_sessions where status not in ('ACTIVE', 'TERMINATED')"));
    assertEquals(arns(expected(s -> text(s, "ExportFilesMetadata", "Status") == null)),
        arnsOf("select arn from account_stream_sessions where export_status is null"));
    assertEquals(arns(expected(s -> status(s, "ERROR") || text(s, "ExportFilesMetadata", "Status") == null)),
        arnsOf("select arn from account_stream_sessions where status = 'ERROR' or export_status is null"));
    assertTrue(fixture.calls("ListStreamSessionsByAccount").stream().allMatch(c -> c.query().get("Status") == null));
  }

  @Test
  void statusReasonsOfListedSessionsAnswerWhereverAQueryUsesThem() throws Exception {
    List<ObjectNode> withReason = expected(s -> s.has("StatusReason"));
    assertFalse(withReason.isEmpty());
    Map<String, String> reasons = withReason.stream().collect(Collectors.toMap(s -> text(s, "Arn"),
        s -> text(s, "StatusReason")));
    assertEquals(reasons, fixture.query("select arn, status_reason from account_stream_sessions"
        + " where status_reason is not null").stream()
        .collect(Collectors.toMap(r -> (String) r.get(0), r -> (String) r.get(1))), "projected");
    ObjectNode one = withReason.get(0);
    assertEquals(arns(expected(s -> text(one, "StatusReason").equals(text(s, "StatusReason")))),
        arnsOf("select arn from account_stream_sessions where status_reason = '" + text(one, "StatusReason") + "'"),
        "only filtered on");
    assertEquals((long) reasons.size(), fixture.query("select count(status_reason) from account_stream_sessions").get(0)
        .get(0), "only aggregated");
    assertTrue(fixture.calls("ListStreamSessionsByAccount").stream().allMatch(c -> c.query().get("Status") == null));
  }

  @Test
  void limitStopsPaging() throws Exception {
    try (Statement st = fixture.connection().createStatement();
         ResultSet rs = st.executeQuery("select arn from account_stream_sessions limit 150")) {
      assertEquals(150, EmulatorFixture.rows(rs).size());
    }
    assertEquals(2, fixture.calls("ListStreamSessionsByAccount").size());
  }

  @Test
  void everyColumnIsFilledFromTheApiShape() throws Exception {
    ObjectNode s = expected(x -> status(x, "TERMINATED") && x.has("ExportFilesMetadata")
        && x.has("StatusReason")).get(0);
    String arn = text(s, "Arn");
    try (PreparedStatement ps = fixture.connection().prepareStatement("select * from account_stream_sessions where arn = ?")) {
      ps.setString(1, arn);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        String[] parts = arn.split(":")[5].split("/");
        assertEquals(parts[2], rs.getString("session_id"));
        assertEquals(parts[1], rs.getString("stream_group_id"));
        assertEquals(text(s, "UserId"), rs.getString("user_id"));
        assertEquals("TERMINATED", rs.getString("status"));
        assertEquals(text(s, "StatusReason"), rs.getString("status_reason"));
        assertEquals(text(s, "Protocol"), rs.getString("protocol"));
        assertEquals(Math.round(s.get("CreatedAt").asDouble() * 1000), rs.getTimestamp("created_at").getTime());
        assertEquals(Math.round(s.get("LastUpdatedAt").asDouble() * 1000),
            rs.getTimestamp("last_updated_at").getTime());
        assertEquals(text(s, "ApplicationArn"), rs.getString("application_arn"));
        assertEquals(text(s, "ApplicationArn").split("/")[1], rs.getString("application_id"));
        assertEquals(text(s, "ExportFilesMetadata", "Status"), rs.getString("export_status"));
        assertEquals(text(s, "ExportFilesMetadata", "StatusReason"), rs.getString("export_status_reason"));
        assertEquals(text(s, "ExportFilesMetadata", "OutputUri"), rs.getString("export_output_uri"));
        assertEquals(text(s, "Location"), rs.getString("location"));
        assertEquals(REGION, rs.getString("region"));
        assertEquals(fixture.emulator.data().accountId(), rs.getString("account_id"));
        assertEquals(java.sql.Types.TIMESTAMP, rs.getMetaData().getColumnType(rs.findColumn("created_at")));
        assertFalse(rs.next());
      }
    }
  }

  @Test
  void statusReasonIsReadEvenThoughTheSdkModelLacksIt() throws Exception {
    Map<String, String> expected = expected(s -> s.has("StatusReason")).stream()
        .collect(Collectors.toMap(s -> text(s, "Arn"), s -> text(s, "StatusReason")));
    assertFalse(expected.isEmpty());
    Map<String, String> actual = new java.util.HashMap<>();
    try (Statement st = fixture.connection().createStatement();
         ResultSet rs = st.executeQuery(
             "select arn, status_reason from account_stream_sessions where status_reason is not null")) {
      while (rs.next()) {
        actual.put(rs.getString(1), rs.getString(2));
      }
    }
    assertEquals(expected, actual);
    assertEquals(new TreeSet<>(List.of("apiTerminated", "applicationExit", "applicationLogS3DestinationError",
        "connectionTimeout", "idleTimeout", "internalError", "invalidSignalRequest", "maxSessionLengthTimeout",
        "placementTimeout", "reconnectionTimeout")), new TreeSet<>(actual.values()));
  }
}
