package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.column;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.pages;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.RequestLog;
import dev.gameliftstreams.jdbc.schema.GameLiftStreamsSchema;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Pushdown is decided when the query is planned: EXPLAIN shows each scan's API call by parameter
 * and column name, and what Calcite still evaluates; LIMIT becomes MaxResults.
 */
class PlanTimePushdownTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(1500, "region=" + REGION);

  private static String explain(String sql) throws Exception {
    return fixture.query("explain plan for " + sql).stream().map(r -> String.valueOf(r.get(0)))
        .collect(Collectors.joining("\n"));
  }

  private static List<RequestLog.Entry> accountCalls() {
    return fixture.calls("ListStreamSessionsByAccount");
  }

  @Test
  void explainShowsTheApiCallByParameterNameAndWhatCalciteEvaluates() throws Exception {
    String plan = explain("select arn from account_stream_sessions where status = 'ERROR' and location like 'us-%'"
        + " and export_status in ('FAILED', 'SUCCEEDED')");
    assertTrue(plan.contains("api=[ListStreamSessionsByAccount(Status=[ERROR], ExportFilesStatus=[FAILED, SUCCEEDED],"
        + " MaxResults=100)]"), plan);
    assertTrue(plan.contains("calcite=[\"location\" LIKE 'us-%']"), plan);
    assertTrue(plan.contains("regions=[us-west-2]"), plan);
    assertFalse(plan.contains("$4"), "columns are named, not numbered: " + plan);
    assertEquals(0, fixture.calls(), "EXPLAIN calls nothing");
  }

  @Test
  void explainShowsParametersBoundAtExecution() throws Exception {
    String plan = explain("select arn from account_stream_sessions where status = ? and ? = export_status limit ?");
    assertTrue(plan.contains("api=[ListStreamSessionsByAccount(Status=[?0], ExportFilesStatus=[?1],"
        + " MaxResults=min(100, ?2))]"), plan);
    plan = explain("select arn from stream_sessions where stream_group_id = ? limit 5");
    assertTrue(plan.contains("api=[ListStreamSessions(Identifier=[?0], MaxResults=100)]"),
        "no LIMIT under a filter Calcite evaluates: " + plan);
    assertTrue(plan.contains("calcite=[\"stream_group_id\" = ?]"), "stream_group_id is re-checked: " + plan);
  }

  @Test
  void explainShowsTheGroupListingOfAnUnkeyedStreamSessionsScan() throws Exception {
    String plan = explain("select * from stream_sessions where status = 'ACTIVE'");
    assertTrue(plan.contains("api=[ListStreamGroups(MaxResults=100) then ListStreamSessions(Status=[ACTIVE],"
        + " Identifier=[each Id listed], MaxResults=100)]"), plan);
    assertFalse(plan.contains("calcite="), plan);
  }

  @Test
  void explainShowsAPredicateThatMatchesNothingAsNoCall() throws Exception {
    String plan = explain("select arn from account_stream_sessions where status = 'active'");
    assertTrue(plan.contains("api=[none: a pushed predicate matches no row]"), plan);
  }

  @Test
  void limitFiveIsOneCallWithMaxResultsFive() throws Exception {
    assertTrue(explain("select * from account_stream_sessions limit 5")
        .contains("ListStreamSessionsByAccount(MaxResults=5)"));
    assertEquals(5, fixture.query("select arn, status, created_at from account_stream_sessions limit 5").size());
    assertEquals(List.of("5"), accountCalls().stream().map(c -> c.query().get("MaxResults")).toList());
    assertEquals(1, fixture.calls());
    fixture.clearCalls();
    // select * also reads export details, which GetStreamSession completes (issue 8); the listing is one call.
    assertEquals(5, fixture.query("select * from account_stream_sessions limit 5").size());
    assertEquals(List.of("5"), accountCalls().stream().map(c -> c.query().get("MaxResults")).toList());
  }

  @Test
  void aLimitOfAPageOrMoreIsPushedToo() throws Exception {
    assertTrue(explain("select arn from account_stream_sessions limit 100")
        .contains("ListStreamSessionsByAccount(MaxResults=min(100, 100))"));
    assertEquals(100, fixture.query("select arn from account_stream_sessions limit 100").size());
    assertEquals(List.of("100"), fixture.settledCalls("ListStreamSessionsByAccount").stream()
        .map(c -> c.query().get("MaxResults")).toList(), "no page beyond the LIMIT");
    fixture.clearCalls();
    assertEquals(250, fixture.query("select arn from account_stream_sessions limit 250").size());
    assertEquals(List.of("100", "100", "50"), fixture.settledCalls("ListStreamSessionsByAccount").stream()
        .map(c -> c.query().get("MaxResults")).toList());
  }

  @Test
  void limitOverPushedFiltersIsPushedAndOffsetAddsToTheRowsWanted() throws Exception {
    assertEquals(7, fixture.query("select arn from account_stream_sessions where status = 'TERMINATED'"
        + " offset 10 rows fetch next 7 rows only").size());
    assertEquals(List.of("17"), accountCalls().stream().map(c -> c.query().get("MaxResults")).toList());
    assertEquals("TERMINATED", accountCalls().get(0).query().get("Status"));
  }

  @Test
  void limitAcrossSeveralCallChainsNeverAsksForMoreRowsThanWanted() throws Exception {
    // The chains run in parallel on one budget: together they fetch exactly the rows wanted.
    Map<String, Long> perStatus = fixture.sessions(REGION, s -> true).stream()
        .collect(Collectors.groupingBy(s -> text(s, "Status"), TreeMap::new, Collectors.counting()));
    String few = perStatus.entrySet().stream().filter(e -> e.getValue() < 100).findFirst().orElseThrow().getKey();
    String many = perStatus.entrySet().stream().filter(e -> e.getValue() >= 100).findFirst().orElseThrow().getKey();
    int limit = perStatus.get(few).intValue() + 50;
    assertEquals(limit, fixture.query("select arn from account_stream_sessions where status in ('" + many + "', '"
        + few + "') limit " + limit).size());
    Map<String, Integer> asked = accountCalls().stream().collect(Collectors.groupingBy(c -> c.query().get("Status"),
        Collectors.summingInt(c -> Integer.parseInt(c.query().get("MaxResults")))));
    long fetched = asked.entrySet().stream().mapToLong(e -> Math.min(e.getValue(), perStatus.get(e.getKey()))).sum();
    assertEquals(limit, fetched, "rows fetched: " + asked);
  }

  @Test
  void limitWithAParameterIsBoundAtExecution() throws Exception {
    try (PreparedStatement ps = fixture.connection().prepareStatement(
        "select arn from account_stream_sessions where status = ? limit ?")) {
      ps.setString(1, "TERMINATED");
      ps.setInt(2, 3);
      try (ResultSet rs = ps.executeQuery()) {
        assertEquals(3, column(rs, "arn").size());
      }
    }
    assertEquals(List.of("3"), accountCalls().stream().map(c -> c.query().get("MaxResults")).toList());
  }

  @Test
  void limitUnderOrderByOrOverAFilterCalciteEvaluatesIsNotPushed() throws Exception {
    int all = fixture.sessions(REGION, s -> true).size();
    assertEquals(5, fixture.query("select arn from account_stream_sessions order by created_at limit 5").size());
    assertEquals(pages(all, 100), accountCalls().size());
    assertTrue(accountCalls().stream().allMatch(c -> "100".equals(c.query().get("MaxResults"))));
    fixture.clearCalls();
    String plan = explain("select arn from account_stream_sessions where location like 'us-%' limit 5");
    assertTrue(plan.contains("ListStreamSessionsByAccount(MaxResults=100)"), plan);
    assertEquals(5, fixture.query("select arn from account_stream_sessions where location like 'us-%' limit 5")
        .size());
    assertTrue(accountCalls().stream().allMatch(c -> "100".equals(c.query().get("MaxResults"))));
  }

  @Test
  void inListsOfAnyLengthArePushedAsOneFilter() throws Exception {
    List<String> groups = fixture.emulator.data().streamGroups(REGION).stream().map(g -> text(g, "Id")).toList();
    List<String> thirty = IntStream.range(0, 30).mapToObj(i -> i < groups.size() ? groups.get(i) : "sg-none" + i)
        .toList();
    String in = thirty.stream().map(g -> "'" + g + "'").collect(Collectors.joining(", "));
    String plan = explain("select arn from stream_sessions where stream_group_id in (" + in + ")");
    assertTrue(plan.contains("Identifier=[" + String.join(", ", thirty.stream().sorted().toList()) + "]"), plan);
    assertFalse(plan.contains("Join") || plan.contains("Values"), plan);
    assertEquals(arns(fixture.sessions(REGION, s -> true)),
        fixture.arnsOf("select arn from stream_sessions where stream_group_id in (" + in + ")"));
    assertEquals(0, fixture.calls("ListStreamGroups").size());
    assertEquals(Set.copyOf(thirty), fixture.calls("ListStreamSessions").stream()
        .map(c -> c.path().split("/")[2]).collect(Collectors.toSet()));

    fixture.clearCalls();
    String hundred = IntStream.range(0, 100).mapToObj(i -> i == 42 ? "'" + REGION + "'" : "'xx-north-" + i + "'")
        .collect(Collectors.joining(", "));
    assertTrue(explain("select arn from account_stream_sessions where status = 'ERROR' and region in (" + hundred
        + ")").contains("ListStreamSessionsByAccount(Status=[ERROR], MaxResults=100)"));
    assertEquals(arns(fixture.sessions(REGION, s -> "ERROR".equals(text(s, "Status")))), fixture.arnsOf(
        "select arn from account_stream_sessions where status = 'ERROR' and region in (" + hundred + ")"));
    assertTrue(accountCalls().stream().allMatch(c -> c.region().equals(REGION) && "ERROR".equals(c.query()
        .get("Status"))));
  }

  @Test
  void readmePushdownTableIsGeneratedFromTheTableDeclarations() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    String begin = "<!-- pushdown table: generated from the table declarations -->\n";
    String end = "<!-- end of pushdown table -->";
    int from = readme.indexOf(begin);
    assertTrue(from >= 0, "README has the generated pushdown table");
    String table = readme.substring(from + begin.length(), readme.indexOf(end, from));
    assertEquals(GameLiftStreamsSchema.pushdownTable(), table);
  }
}
