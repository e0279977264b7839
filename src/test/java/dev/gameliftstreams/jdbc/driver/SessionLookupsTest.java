package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
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
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The session tables and GetStreamSession: the export columns ListStreamSessionsByAccount leaves out, and point
 * lookups by key. Every GetStreamSession costs 1/20 s of the account's rate, so each specification counts them.
 */
class SessionLookupsTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(300, "region=" + REGION);

  private static final String EXPORT_COLUMNS = "arn, export_status, export_output_uri, export_status_reason";

  private static List<ObjectNode> sessions(Predicate<ObjectNode> where) {
    return fixture.sessions(REGION, where);
  }

  private static boolean finishedExport(ObjectNode s) {
    return Set.of("SUCCEEDED", "FAILED").contains(String.valueOf(text(s, "ExportFilesMetadata", "Status")));
  }

  /** arn -> [export status, output URI, reason] of the data. */
  private static Map<String, List<String>> exports(List<ObjectNode> sessions) {
    Map<String, List<String>> exports = new HashMap<>();
    for (ObjectNode s : sessions) {
      exports.put(text(s, "Arn"), list(text(s, "ExportFilesMetadata", "Status"),
          text(s, "ExportFilesMetadata", "OutputUri"), text(s, "ExportFilesMetadata", "StatusReason")));
    }
    return exports;
  }

  private static List<String> list(String... values) {
    List<String> list = new ArrayList<>();
    for (String v : values) {
      list.add(v);
    }
    return list;
  }

  private static Map<String, List<String>> exportsOf(String sql) throws Exception {
    Map<String, List<String>> exports = new HashMap<>();
    try (Statement st = fixture.connection().createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        exports.put(rs.getString("arn"), list(rs.getString("export_status"), rs.getString("export_output_uri"),
            rs.getString("export_status_reason")));
      }
    }
    return exports;
  }

  private static Set<String> lookedUp() {
    return fixture.calls("GetStreamSession").stream()
        .map(c -> java.net.URLDecoder.decode(c.path(), java.nio.charset.StandardCharsets.UTF_8))
        .map(path -> path.substring(path.lastIndexOf("streamsessions/") + "streamsessions/".length()))
        .collect(Collectors.toCollection(TreeSet::new));
  }

  @Test
  void accountExportColumnsComeFromGetStreamSessionForFinishedExportsOnly() throws Exception {
    List<ObjectNode> terminated = sessions(s -> "TERMINATED".equals(text(s, "Status")));
    List<ObjectNode> finished = terminated.stream().filter(SessionLookupsTest::finishedExport).toList();
    assertTrue(finished.size() >= 3 && finished.size() < terminated.size(), "some, not all: " + finished.size());

    assertEquals(exports(terminated),
        exportsOf("select " + EXPORT_COLUMNS + " from account_stream_sessions where status = 'TERMINATED'"));

    assertEquals(arns(finished), lookedUp(), "one GetStreamSession per SUCCEEDED or FAILED export, by ARN");
    assertEquals(finished.size(), fixture.calls("GetStreamSession").size());
    assertEquals(pages(terminated.size(), 100), fixture.calls("ListStreamSessionsByAccount").size());
  }

  @Test
  void aQueryThatUsesNeitherExportDetailColumnMakesNoGetStreamSessionCall() throws Exception {
    try (Statement st = fixture.connection().createStatement();
         ResultSet rs = st.executeQuery("select arn, status, export_status, status_reason, user_id "
             + "from account_stream_sessions where export_status in ('SUCCEEDED', 'FAILED')")) {
      assertEquals(sessions(SessionLookupsTest::finishedExport).size(), EmulatorFixture.rows(rs).size());
    }
    assertEquals(0, fixture.calls("GetStreamSession").size());
  }

  @Test
  void selectStarCostsOneCallPerFinishedExportNeverOnePerSession() throws Exception {
    List<ObjectNode> all = sessions(s -> true);
    List<ObjectNode> finished = all.stream().filter(SessionLookupsTest::finishedExport).toList();

    assertEquals(exports(all), exportsOf("select * from account_stream_sessions"));

    assertEquals(finished.size(), fixture.calls("GetStreamSession").size());
    assertTrue(finished.size() < all.size() / 2, finished.size() + " of " + all.size());
  }

  @Test
  void countingRowsReadsNoColumnSoMakesNoLookup() throws Exception {
    assertEquals(List.of(List.of((long) sessions(s -> true).size())),
        fixture.query("select count(*) from account_stream_sessions"));
    assertEquals(0, fixture.calls("GetStreamSession").size());
    assertEquals(pages(sessions(s -> true).size(), 100), fixture.calls());
  }

  @Test
  void listStreamSessionsItemsCarryTheWholeExportSoNoLookupIsNeeded() throws Exception {
    String group = text(fixture.emulator.data().streamGroups(REGION).get(0), "Id");
    List<ObjectNode> inGroup = sessions(s -> text(s, "Arn").contains("/" + group + "/"));
    assertTrue(inGroup.stream().anyMatch(SessionLookupsTest::finishedExport));

    assertEquals(exports(inGroup), exportsOf("select * from stream_sessions where stream_group_id = '" + group + "'"));

    assertEquals(0, fixture.calls("GetStreamSession").size());
  }

  @Test
  void limitBoundsTheLookupsByTheWindow() throws Exception {
    List<ObjectNode> succeeded = sessions(s -> "SUCCEEDED".equals(text(s, "ExportFilesMetadata", "Status")));
    assertTrue(succeeded.size() > 20, "more exports than LIMIT plus the window: " + succeeded.size());

    Map<String, List<String>> rows = exportsOf(
        "select " + EXPORT_COLUMNS + " from account_stream_sessions where export_status = 'SUCCEEDED' limit 3");

    assertEquals(3, rows.size());
    rows.forEach((arn, export) -> assertEquals(exports(succeeded).get(arn), export));
    int calls = fixture.settledCalls("GetStreamSession").size();
    assertTrue(calls >= 3 && calls <= 3 + 10, "LIMIT 3 plus a window of 10 at most: " + calls);
  }

  @Test
  void anArnIsLookedUpWithoutListing() throws Exception {
    ObjectNode s = sessions(x -> "FAILED".equals(text(x, "ExportFilesMetadata", "Status"))).get(0);
    try (PreparedStatement ps = fixture.connection().prepareStatement(
        "select * from account_stream_sessions where arn = ?")) {
      ps.setString(1, text(s, "Arn"));
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertEquals(text(s, "UserId"), rs.getString("user_id"));
        assertEquals(text(s, "Status"), rs.getString("status"));
        assertEquals(text(s, "StatusReason"), rs.getString("status_reason"));
        assertEquals(Math.round(s.get("CreatedAt").asDouble() * 1000), rs.getTimestamp("created_at").getTime());
        assertEquals(text(s, "Location"), rs.getString("location"));
        assertEquals(text(s, "ExportFilesMetadata", "OutputUri"), rs.getString("export_output_uri"));
        assertEquals(text(s, "ExportFilesMetadata", "StatusReason"), rs.getString("export_status_reason"));
        assertEquals(REGION, rs.getString("region"));
        assertFalse(rs.next());
      }
    }
    assertEquals(Set.of(text(s, "Arn")), lookedUp());
    assertEquals(1, fixture.calls(), "one GetStreamSession, no list call");
  }

  @Test
  void anInListOfArnsMakesOneLookupPerArnOnEitherTable() throws Exception {
    List<ObjectNode> some = sessions(s -> true).subList(0, 5);
    String in = some.stream().map(s -> "'" + text(s, "Arn") + "'").collect(Collectors.joining(", "));
    for (String table : List.of("account_stream_sessions", "stream_sessions")) {
      fixture.clearCalls();

      assertEquals(arns(some), fixture.arnsOf("select arn from " + table + " where arn in (" + in + ")"));

      assertEquals(arns(some), lookedUp(), table);
      assertEquals(5, fixture.calls(), table + ": no list call");
    }
  }

  @Test
  void groupAndSessionIdsAreAKeyToo() throws Exception {
    ObjectNode s = sessions(x -> true).get(7);
    String[] ids = text(s, "Arn").split("/");
    for (String table : List.of("account_stream_sessions", "stream_sessions")) {
      fixture.clearCalls();

      assertEquals(Set.of(text(s, "Arn")), fixture.arnsOf("select arn from " + table + " where stream_group_id = '"
          + ids[1] + "' and session_id = '" + ids[2] + "'"));

      List<RequestLog.Entry> calls = fixture.calls("GetStreamSession");
      assertEquals(1, calls.size(), table);
      assertEquals("/streamgroups/" + ids[1] + "/streamsessions/" + ids[2], calls.get(0).path());
      assertEquals(1, fixture.calls(), table + ": no list call");
    }
  }

  @Test
  void keysThatNameNoSessionGiveNoRow() throws Exception {
    ObjectNode s = sessions(x -> "TERMINATED".equals(text(x, "Status"))).get(0);
    String arn = text(s, "Arn");
    String missing = arn.substring(0, arn.lastIndexOf('/') + 1) + "NoSuchSession1";

    assertEquals(Set.of(), fixture.arnsOf("select arn from account_stream_sessions where arn = '" + missing + "'"));
    assertEquals(1, fixture.calls("GetStreamSession").size(), "the service answers 404: no row, no failure");

    fixture.clearCalls();
    assertEquals(Set.of(), fixture.arnsOf("select arn from account_stream_sessions where arn = '"
        + arn + "' and status = 'ACTIVE'"), "the looked-up session is TERMINATED");
    assertEquals(1, fixture.calls());

    fixture.clearCalls();
    assertEquals(Set.of(), fixture.arnsOf("select arn from account_stream_sessions where arn = '"
        + arn.replace(":" + REGION + ":", ":eu-central-1:") + "'"), "a region the connection does not scan");
    assertEquals(Set.of(), fixture.arnsOf("select arn from account_stream_sessions where arn = 'not-an-arn'"));
    assertEquals(0, fixture.calls());
  }
}
