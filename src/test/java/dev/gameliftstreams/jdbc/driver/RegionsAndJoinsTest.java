package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.column;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.pages;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every table over several regions, the region pushdown, and joins between the tables. */
class RegionsAndJoinsTest {
  private static final List<String> REGIONS = List.of("us-west-2", "us-east-1");
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(1200, "region=" + String.join(",", REGIONS));

  private static EmulatorData data;

  @BeforeAll
  static void data() {
    data = fixture.emulator.data();
  }

  private List<List<Object>> query(String sql) throws Exception {
    return fixture.query(sql);
  }

  private List<ObjectNode> allSessions() {
    List<ObjectNode> all = new ArrayList<>();
    REGIONS.forEach(r -> all.addAll(data.streamSessions(r)));
    return all;
  }

  private Map<String, Long> callsPerRegion(String operation) {
    return fixture.calls(operation).stream().collect(Collectors.groupingBy(RequestLog.Entry::region,
        Collectors.counting()));
  }

  @Test
  void everyConfiguredRegionIsScannedAndNamedInTheRegionColumn() throws Exception {
    Map<String, String> expected = new HashMap<>();
    REGIONS.forEach(r -> data.streamSessions(r).forEach(s -> expected.put(text(s, "Arn"), r)));
    Map<String, String> actual = new HashMap<>();
    for (List<Object> row : query("select arn, region from account_stream_sessions")) {
      actual.put((String) row.get(0), (String) row.get(1));
    }
    assertEquals(expected, actual);
    for (String r : REGIONS) {
      assertEquals(pages(data.streamSessions(r).size(), 100),
          callsPerRegion("ListStreamSessionsByAccount").get(r));
    }
  }

  @Test
  void regionsAreScannedInParallel() throws Exception {
    fixture.emulator.setLatencyMs(200);
    query("select count(*) from account_stream_sessions");
    List<RequestLog.Entry> log = fixture.emulator.requestLog().entries();
    assertEquals(Set.copyOf(REGIONS), Set.of(log.get(0).region(), log.get(1).region()),
        "both regions' first pages were requested before either answered");
  }

  @Test
  void aRegionPredicateSkipsTheOtherRegions() throws Exception {
    try (Statement st = fixture.connection().createStatement();
         ResultSet rs = st.executeQuery("select arn from stream_groups where region = 'us-east-1'")) {
      assertEquals(arns(data.streamGroups("us-east-1")), column(rs, "arn"));
    }
    assertEquals(Map.of("us-east-1", 1L), callsPerRegion("ListStreamGroups"));
    fixture.clearCalls();
    assertEquals(List.of(List.of(0L)), query("select count(*) from applications where region in ('eu-west-1')"));
    assertEquals(0, fixture.calls(), "a region the connection does not scan has no rows");
  }

  @Test
  void streamGroupsHaveEveryColumn() throws Exception {
    ObjectNode g = data.streamGroups("us-east-1").get(0);
    List<List<Object>> rows = query("select arn, id, description, status, stream_class, default_application_id,"
        + " default_application_arn, created_at, last_updated_at, expires_at, region, account_id"
        + " from stream_groups where id = '" + text(g, "Id") + "'");
    assertEquals(1, rows.size());
    List<Object> r = rows.get(0);
    assertEquals(List.of(text(g, "Arn"), text(g, "Id"), text(g, "Description"), text(g, "Status"),
        text(g, "StreamClass"), text(g, "DefaultApplication", "Id"), text(g, "DefaultApplication", "Arn")),
        r.subList(0, 7));
    assertEquals(millis(g, "CreatedAt"), ((java.sql.Timestamp) r.get(7)).getTime());
    assertEquals(millis(g, "LastUpdatedAt"), ((java.sql.Timestamp) r.get(8)).getTime());
    assertEquals(g.has("ExpiresAt") ? millis(g, "ExpiresAt") : null,
        r.get(9) == null ? null : ((java.sql.Timestamp) r.get(9)).getTime());
    assertEquals(List.of("us-east-1", data.accountId()), r.subList(10, 12));
  }

  @Test
  void applicationsHaveEveryColumn() throws Exception {
    ObjectNode a = data.applications("us-west-2").get(0);
    List<List<Object>> rows = query("select arn, id, description, status, runtime_type, runtime_version,"
        + " created_at, last_updated_at, region, account_id from applications where arn = '" + text(a, "Arn") + "'");
    assertEquals(1, rows.size());
    List<Object> r = rows.get(0);
    assertEquals(List.of(text(a, "Arn"), text(a, "Id"), text(a, "Description"), text(a, "Status"),
        text(a, "RuntimeEnvironment", "Type"), text(a, "RuntimeEnvironment", "Version")), r.subList(0, 6));
    assertEquals(millis(a, "CreatedAt"), ((java.sql.Timestamp) r.get(6)).getTime());
    assertEquals(millis(a, "LastUpdatedAt"), ((java.sql.Timestamp) r.get(7)).getTime());
    assertEquals(List.of("us-west-2", data.accountId()), r.subList(8, 10));
  }

  private static Long millis(ObjectNode node, String field) {
    return Math.round(node.get(field).asDouble() * 1000);
  }

  @Test
  void sessionsJoinTheirGroupAndApplication() throws Exception {
    Map<String, String> classOfGroup = new HashMap<>();
    Map<String, String> runtimeOfApp = new HashMap<>();
    for (String r : REGIONS) {
      data.streamGroups(r).forEach(g -> classOfGroup.put(r + text(g, "Id"), text(g, "StreamClass")));
      data.applications(r).forEach(a -> runtimeOfApp.put(text(a, "Arn"), text(a, "RuntimeEnvironment", "Type")));
    }
    Map<String, Long> expected = allSessions().stream()
        .filter(s -> "TERMINATED".equals(text(s, "Status")))
        .collect(Collectors.groupingBy(s -> classOfGroup.get(region(s) + text(s, "Arn").split("/")[1]) + "|"
            + runtimeOfApp.get(text(s, "ApplicationArn")), Collectors.counting()));
    Map<String, Long> actual = new HashMap<>();
    for (List<Object> row : query("select g.stream_class, a.runtime_type, count(*) from stream_sessions s"
        + " join stream_groups g on g.id = s.stream_group_id and g.region = s.region"
        + " join applications a on a.arn = s.application_arn"
        + " where s.status = 'TERMINATED' group by g.stream_class, a.runtime_type")) {
      actual.put(row.get(0) + "|" + row.get(1), (Long) row.get(2));
    }
    assertEquals(expected, actual);
  }

  private static String region(ObjectNode session) {
    return text(session, "Arn").split(":")[3];
  }

  @Test
  void aNestedLoopJoinDoesNotRepeatTheInnerScan() throws Exception {
    List<ObjectNode> groups = new ArrayList<>();
    REGIONS.forEach(r -> groups.addAll(data.streamGroups(r)));
    long expected = 0;
    for (ObjectNode g : groups) {
      double created = g.get("CreatedAt").asDouble();
      expected += allSessions().stream().filter(s -> s.get("CreatedAt").asDouble() < created).count();
    }
    // A non-equi join: Calcite enumerates one input once per row of the other.
    assertEquals(List.of(List.of(expected)), query("select count(*) from stream_groups g"
        + " join account_stream_sessions s on s.created_at < g.created_at"));
    for (String r : REGIONS) {
      assertEquals(pages(data.streamSessions(r).size(), 100),
          callsPerRegion("ListStreamSessionsByAccount").get(r), "one scan per region");
      assertEquals(1L, callsPerRegion("ListStreamGroups").get(r));
    }
  }

  @Test
  void aCorrelatedSubqueryDoesNotRepeatItsScan() throws Exception {
    String sql = "select g.arn, (select count(*) from (select s.arn from account_stream_sessions s"
        + " where s.created_at < g.created_at limit 3)) from stream_groups g";
    // Calcite decorrelates it into a nested-loop join whose inner input is the session scan.
    String plan = query("explain plan for " + sql).stream().map(r -> (String) r.get(0)).collect(Collectors.joining());
    assertTrue(plan.contains("EnumerableNestedLoopJoin"), plan);
    fixture.emulator.requestLog().clear();
    Map<String, Long> expected = new HashMap<>();
    REGIONS.forEach(r -> data.streamGroups(r).forEach(g -> expected.put(text(g, "Arn"), Math.min(3,
        allSessions().stream().filter(s -> s.get("CreatedAt").asDouble() < g.get("CreatedAt").asDouble()).count()))));
    Map<String, Long> actual = new HashMap<>();
    for (List<Object> row : query(sql)) {
      actual.put((String) row.get(0), (Long) row.get(1));
    }
    assertEquals(expected, actual);
    for (String r : REGIONS) {
      assertEquals(pages(data.streamSessions(r).size(), 100),
          callsPerRegion("ListStreamSessionsByAccount").get(r), "one scan per region");
    }
  }
}
