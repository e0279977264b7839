package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** stream_session_details: GetStreamSession per session, by key or after a listing, never more than needed. */
class StreamSessionDetailsTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(300, "region=" + REGION);

  private static final ObjectMapper JSON = new ObjectMapper();

  private static List<ObjectNode> sessions(java.util.function.Predicate<ObjectNode> where) {
    return fixture.sessions(REGION, where);
  }

  private static ObjectNode richSession() {
    return sessions(s -> s.has("Description") && s.has("AdditionalLaunchArgs")
        && s.has("AdditionalEnvironmentVariables") && s.has("PerformanceStatsConfiguration")
        && s.has("LogFileLocationUri") && s.has("ExportFilesMetadata")).get(0);
  }

  @Test
  void anArnKeyAnswersEveryColumnWithOneGetStreamSessionAndNoListCall() throws Exception {
    ObjectNode s = richSession();
    String arn = text(s, "Arn");
    try (PreparedStatement ps = fixture.connection().prepareStatement(
        "select * from stream_session_details where arn = ?")) {
      ps.setString(1, arn);
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(arn, rs.getString("arn"));
        assertEquals(arn.split("/")[2], rs.getString("session_id"));
        assertEquals(arn.split("/")[1], rs.getString("stream_group_id"));
        assertEquals(REGION, rs.getString("region"));
        assertEquals(fixture.emulator.data().accountId(), rs.getString("account_id"));
        assertEquals(text(s, "Description"), rs.getString("description"));
        assertEquals(s.get("ConnectionTimeoutSeconds").asInt(), rs.getInt("connection_timeout_seconds"));
        assertEquals(s.get("SessionLengthSeconds").asInt(), rs.getInt("session_length_seconds"));
        assertEquals(s.get("AdditionalLaunchArgs"), JSON.readTree(rs.getString("additional_launch_args")));
        assertEquals(s.get("AdditionalEnvironmentVariables"),
            JSON.readTree(rs.getString("additional_environment_variables")));
        assertEquals(s.at("/PerformanceStatsConfiguration/SharedWithClient").asBoolean(),
            rs.getBoolean("performance_stats_shared_with_client"));
        assertEquals(text(s, "LogFileLocationUri"), rs.getString("log_file_location_uri"));
        assertEquals(text(s, "WebSdkProtocolUrl"), rs.getString("web_sdk_protocol_url"));
        assertEquals(text(s, "ExportFilesMetadata", "Status"), rs.getString("export_status"));
        assertEquals(text(s, "ExportFilesMetadata", "StatusReason"), rs.getString("export_status_reason"));
        assertEquals(text(s, "ExportFilesMetadata", "OutputUri"), rs.getString("export_output_uri"));
        assertEquals(Types.INTEGER, rs.getMetaData().getColumnType(rs.findColumn("session_length_seconds")));
        assertEquals(Types.BOOLEAN,
            rs.getMetaData().getColumnType(rs.findColumn("performance_stats_shared_with_client")));
        assertFalse(rs.next());
      }
    }
    assertEquals(1, fixture.calls("GetStreamSession").size());
    assertEquals(1, fixture.calls(), "no list call");
  }

  @Test
  void absentMembersAreNull() throws Exception {
    ObjectNode s = sessions(x -> !x.has("Description") && !x.has("AdditionalLaunchArgs")
        && !x.has("AdditionalEnvironmentVariables") && !x.has("PerformanceStatsConfiguration")).get(0);
    List<List<Object>> rows = fixture.query("select description, additional_launch_args, "
        + "additional_environment_variables, performance_stats_shared_with_client from stream_session_details "
        + "where arn = '" + text(s, "Arn") + "'");
    assertEquals(1, rows.size());
    rows.get(0).forEach(value -> assertNull(value));
  }

  @Test
  void environmentVariablesAreAJsonObjectForJsonValue() throws Exception {
    List<ObjectNode> withEnv = sessions(s -> s.has("AdditionalEnvironmentVariables")).subList(0, 3);
    String in = withEnv.stream().map(s -> "'" + text(s, "Arn") + "'").collect(Collectors.joining(", "));

    List<List<Object>> rows = fixture.query("select arn, json_value(additional_environment_variables, "
        + "'$.GAME_MODE') as mode from stream_session_details where arn in (" + in + ") order by arn");

    assertEquals(withEnv.stream().map(s -> List.<Object>of(text(s, "Arn"),
            text(s, "AdditionalEnvironmentVariables", "GAME_MODE"))).sorted((a, b) -> a.get(0).toString()
            .compareTo(b.get(0).toString())).collect(Collectors.toList()), rows);
    assertEquals(3, fixture.calls("GetStreamSession").size(), "one call per key");
    assertEquals(3, fixture.calls());
  }

  @Test
  void streamGroupAndSessionIdsAreAKey() throws Exception {
    String[] ids = text(sessions(s -> true).get(3), "Arn").split("/");
    assertEquals(Set.of(String.join("/", ids)), fixture.arnsOf("select arn from stream_session_details where "
        + "session_id = '" + ids[2] + "' and stream_group_id = '" + ids[1] + "'"));
    assertEquals("/streamgroups/" + ids[1] + "/streamsessions/" + ids[2],
        fixture.calls("GetStreamSession").get(0).path());
    assertEquals(1, fixture.calls());
  }

  @Test
  void aKeyThatMatchesNothingGivesNoRow() throws Exception {
    String arn = text(sessions(s -> true).get(0), "Arn");
    String missing = arn.substring(0, arn.lastIndexOf('/') + 1) + "NoSuchSession1";
    assertEquals(Set.of(), fixture.arnsOf("select arn from stream_session_details where arn = '" + missing + "'"));
    assertEquals(1, fixture.calls("GetStreamSession").size());
    assertEquals(404, fixture.calls("GetStreamSession").get(0).status());
  }

  @Test
  void withoutAKeyTheListedSessionsAreLookedUpLazilySoLimitStopsEarly() throws Exception {
    List<List<Object>> rows = fixture.query("select arn, description from stream_session_details limit 4");

    assertEquals(4, rows.size());
    assertEquals(1, fixture.calls("ListStreamSessionsByAccount").size());
    int calls = fixture.settledCalls("GetStreamSession").size();
    assertTrue(calls >= 4 && calls <= 4 + 10, "LIMIT 4 plus a window of 10 at most: " + calls);

    fixture.clearCalls();
    try (Statement st = fixture.connection().createStatement()) {
      st.setMaxRows(2);
      try (ResultSet rs = st.executeQuery("select arn, log_file_location_uri from stream_session_details")) {
        assertEquals(2, EmulatorFixture.rows(rs).size());
      }
    }
    calls = fixture.settledCalls("GetStreamSession").size();
    assertTrue(calls >= 2 && calls <= 2 + 10, "setMaxRows(2) plus a window of 10 at most: " + calls);
  }

  @Test
  void anExportStatusFilterNarrowsTheListingBeforeTheLookups() throws Exception {
    List<ObjectNode> failed = sessions(s -> "FAILED".equals(text(s, "ExportFilesMetadata", "Status")));
    assertFalse(failed.isEmpty());

    List<List<Object>> rows = fixture.query("select arn, export_output_uri, export_status_reason "
        + "from stream_session_details where export_status = 'FAILED'");

    assertEquals(failed.stream().map(s -> List.<Object>of(text(s, "Arn"), text(s, "ExportFilesMetadata", "OutputUri"),
        text(s, "ExportFilesMetadata", "StatusReason"))).collect(Collectors.toSet()), Set.copyOf(rows));
    assertTrue(fixture.calls("ListStreamSessionsByAccount").stream()
        .allMatch(c -> "FAILED".equals(c.query().get("ExportFilesStatus"))));
    assertEquals(failed.size(), fixture.calls("GetStreamSession").size());
  }

  @Test
  void aGroupPredicateListsThatGroupOnly() throws Exception {
    String group = text(fixture.emulator.data().streamGroups(REGION).get(1), "Id");
    List<ObjectNode> inGroup = sessions(s -> text(s, "Arn").contains("/" + group + "/")
        && "SUCCEEDED".equals(text(s, "ExportFilesMetadata", "Status")));

    assertEquals(arns(inGroup), fixture.arnsOf("select arn from stream_session_details where stream_group_id = '"
        + group + "' and export_status = 'SUCCEEDED'"));

    assertTrue(fixture.calls("ListStreamSessions").stream()
        .allMatch(c -> c.path().equals("/streamgroups/" + group + "/streamsessions")));
    assertEquals(0, fixture.calls("ListStreamSessionsByAccount").size());
    assertEquals(inGroup.size(), fixture.calls("GetStreamSession").size());
  }

  @Test
  void aJoinOnArnLooksUpOnlyTheSessionsThatSurviveTheSessionTablesFilters() throws Exception {
    List<ObjectNode> errors = sessions(s -> "ERROR".equals(text(s, "Status")));
    assertTrue(errors.size() > 5, "several ERROR sessions: " + errors.size());
    String join = "select s.arn, s.status_reason, d.description, d.log_file_location_uri "
        + "from account_stream_sessions s join stream_session_details d on d.arn = s.arn where s.status = 'ERROR'";

    List<List<Object>> rows = fixture.query(join);

    assertEquals(errors.stream().map(s -> java.util.Arrays.<Object>asList(text(s, "Arn"), text(s, "StatusReason"),
        text(s, "Description"), text(s, "LogFileLocationUri"))).collect(Collectors.toSet()), Set.copyOf(rows));
    assertEquals(errors.size(), rows.size());
    assertEquals(arns(errors), fixture.calls("GetStreamSession").stream()
        .map(c -> java.net.URLDecoder.decode(c.path(), java.nio.charset.StandardCharsets.UTF_8))
        .map(p -> p.substring(p.indexOf("/streamsessions/") + "/streamsessions/".length()))
        .collect(Collectors.toCollection(java.util.TreeSet::new)), "one GetStreamSession per ERROR session");
    assertEquals(errors.size(), fixture.calls("GetStreamSession").size());
    assertTrue(fixture.calls("ListStreamSessionsByAccount").stream().allMatch(c -> "ERROR".equals(c.query()
        .get("Status"))), "the details table is never listed");
    assertEquals(EmulatorFixture.pages(errors.size(), 100), fixture.calls("ListStreamSessionsByAccount").size());
    String plan = fixture.query("explain plan for " + join).toString();
    assertTrue(plan.contains("DetailsLookupScan"), plan);
  }

  @Test
  void anInListLongerThanCalcitesThresholdIsStillOneLookupPerArn() throws Exception {
    List<ObjectNode> some = sessions(s -> true).subList(0, 25);
    String in = some.stream().map(s -> "'" + text(s, "Arn") + "'").collect(Collectors.joining(", "));

    assertEquals(arns(some), fixture.arnsOf("select arn, description from stream_session_details where arn in ("
        + in + ")"));

    assertEquals(25, fixture.calls("GetStreamSession").size());
    assertEquals(25, fixture.calls(), "no list call");
  }

  @Test
  void aLeftJoinLooksUpInBatchesToo() throws Exception {
    List<ObjectNode> errors = sessions(s -> "ERROR".equals(text(s, "Status")));
    List<List<Object>> rows = fixture.query("select s.arn, d.connection_timeout_seconds from account_stream_sessions s "
        + "left join stream_session_details d on d.arn = s.arn where s.status = 'ERROR'");
    assertEquals(errors.stream().map(s -> List.<Object>of(text(s, "Arn"), s.get("ConnectionTimeoutSeconds").asInt()))
        .collect(Collectors.toSet()), Set.copyOf(rows));
    assertEquals(errors.size(), fixture.calls("GetStreamSession").size());
  }

  @Test
  void aJoinFromStreamSessionsWorksTheSameWay() throws Exception {
    String group = text(fixture.emulator.data().streamGroups(REGION).get(0), "Id");
    List<ObjectNode> inGroup = sessions(s -> text(s, "Arn").contains("/" + group + "/")
        && "ERROR".equals(text(s, "Status")));
    List<List<Object>> rows = fixture.query("select d.arn, d.session_length_seconds from stream_sessions s "
        + "join stream_session_details d on s.arn = d.arn where s.stream_group_id = '" + group
        + "' and s.status = 'ERROR'");
    assertEquals(inGroup.stream().map(s -> List.<Object>of(text(s, "Arn"), s.get("SessionLengthSeconds").asInt()))
        .collect(Collectors.toSet()), Set.copyOf(rows));
    assertEquals(inGroup.size(), fixture.calls("GetStreamSession").size());
    assertEquals(0, fixture.calls("ListStreamGroups").size());
  }

  @Test
  void aFailingLookupFailsTheQueryAsAListFailureDoes() {
    fixture.emulator.setDeniedOperations(Set.of("GetStreamSession"));
    SQLException e = assertThrows(SQLException.class, () -> fixture.query(
        "select description from stream_session_details where arn = '" + text(sessions(s -> true).get(0), "Arn")
            + "'"));
    assertEquals("28000", e.getSQLState(), e.toString());
    assertTrue(e.getMessage().contains("GetStreamSession"), e.getMessage());
  }

  @Test
  void theQueryTimeoutStopsTheLookups() throws Exception {
    fixture.emulator.setLatencyMs(300);
    try (Statement st = fixture.connection().createStatement()) {
      st.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class,
          () -> EmulatorFixture.rows(st.executeQuery("select arn, description from stream_session_details")));
      assertEquals("HYT00", e.getSQLState(), e.toString());
    }
    assertTrue(fixture.settledCalls("GetStreamSession").size() < sessions(s -> true).size() / 2,
        "abandoned long before every session was looked up");
  }

  @Test
  void environmentVariableValuesAreNeverLogged() throws Exception {
    List<ObjectNode> withToken = sessions(s -> s.at("/AdditionalEnvironmentVariables/MATCH_SERVICE_TOKEN")
        .isTextual());
    assertFalse(withToken.isEmpty());
    String in = withToken.stream().map(s -> "'" + text(s, "Arn") + "'").collect(Collectors.joining(", "));
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    List<List<Object>> rows;
    try {
      rows = fixture.query("select additional_environment_variables from stream_session_details where arn in ("
          + in + ") and additional_environment_variables like '%MATCH_SERVICE_TOKEN%'");
    } finally {
      System.setErr(err);
    }
    assertEquals(withToken.size(), rows.size());
    String log = captured.toString(StandardCharsets.UTF_8);
    assertTrue(log.contains("stream_session_details"), "the scan's pushdown line is logged: " + log);
    for (ObjectNode s : withToken) {
      JsonNode token = s.at("/AdditionalEnvironmentVariables/MATCH_SERVICE_TOKEN");
      assertFalse(log.contains(token.asText()), "a secret was logged");
    }
  }
}
