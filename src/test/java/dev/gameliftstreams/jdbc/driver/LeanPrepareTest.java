package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRules;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.rel.rules.CoreRules;
import org.apache.calcite.rel.stream.StreamRules;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The driver's prepare plans as Calcite's default prepare does: the same rules, the same program, the same
 * metadata (EXPLAIN with all attributes shows each node's row count and cumulative cost). All it changes is
 * what a fresh JVM loads and compiles before its first row.
 */
class LeanPrepareTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(300, "region=" + REGION + ",us-east-1");

  /** Every shape of query Calcite's planner treats differently, over each kind of table. */
  private static final List<String> QUERIES = List.of(
      "select arn from account_stream_sessions limit 1",
      "select * from account_stream_sessions where status = 'ERROR' and location like 'us-%'",
      "select arn from account_stream_sessions where status in ('ERROR', 'ACTIVE') or export_status = 'FAILED'",
      "select arn from stream_sessions where stream_group_id = 'sg-1' and 1 = 1 and status = 'ERR' || 'OR'",
      "select status, count(*), count(distinct location), min(created_at) from account_stream_sessions"
          + " group by status having count(*) > 1 order by 2 desc",
      "select distinct location from account_stream_sessions where extract(year from created_at) = 2024",
      "select s.arn, g.description from account_stream_sessions s join stream_groups g"
          + " on g.id = s.stream_group_id and g.region = s.region where g.status = 'ACTIVE' and s.status = 'ERROR'",
      "select d.arn, d.log_file_location_uri from account_stream_sessions s join stream_session_details d"
          + " on d.arn = s.arn where s.status = 'ERROR'",
      "select arn from account_stream_sessions s where exists"
          + " (select 1 from stream_groups g where g.id = s.stream_group_id and g.status = 'ACTIVE')",
      "select arn from account_stream_sessions where application_arn not in (select arn from applications)",
      "select arn, (select count(*) from stream_groups g where g.id = s.stream_group_id) from account_stream_sessions s",
      "select arn, row_number() over (partition by status order by created_at desc) from account_stream_sessions",
      "select arn from account_stream_sessions order by created_at desc limit 5 offset 2",
      "select arn from account_stream_sessions where status = 'ERROR' union select arn from stream_sessions"
          + " intersect select arn from account_stream_sessions except select arn from stream_session_details",
      "with e as (select * from account_stream_sessions where status = 'ERROR') select count(*) from e a join e b"
          + " on a.location = b.location",
      "select * from account_stream_sessions tablesample bernoulli(50)",
      "select * from account_stream_sessions limit 0",
      "select * from (values (1, 'a'), (2, 'b')) as t(x, y) where x > 1",
      "select column_name, sent_as from pushdown_columns where table_name = 'stream_sessions'",
      "select arn from account_stream_sessions where arn = ? and created_at > ?");

  @Test
  void everyQueryIsPlannedAsByCalcitesDefaultPrepare() throws SQLException {
    String url = "jdbc:gameliftstreams:endpoint=" + fixture.emulator.endpoint() + ";region=" + REGION + ",us-east-1";
    try (Connection calcite = GameLiftStreamsDriver.connect(url, ConnectionConfig.parse(url, new Properties()),
        CalciteEngine.MODELS)) {
      for (String sql : QUERIES) {
        assertEquals(explain(calcite, sql), explain(fixture.connection(), sql), sql);
      }
    }
    assertEquals(0, fixture.calls(), "EXPLAIN calls nothing");
  }

  @Test
  void theDriverPlansWithItsOwnPrepareAndModelsWithCalcites() {
    assertEquals(LeanPrepare.class, CalciteEngine.INSTANCE.createPrepare().getClass());
    assertEquals(CalcitePrepareImpl.class, CalciteEngine.MODELS.createPrepare().getClass());
  }

  @Test
  void theVolcanoRulesAreCalcitesDefaultsLessThoseForMaterializationsLatticesStreamsAndExchanges() {
    VolcanoPlanner calcites = new VolcanoPlanner();
    RelOptUtil.registerDefaultRules(calcites, true, false);
    List<RelOptRule> neverMatched = new ArrayList<>();
    neverMatched.addAll(RelOptRules.MATERIALIZATION_RULES);
    neverMatched.addAll(StreamRules.RULES);
    neverMatched.addAll(List.of(CoreRules.AGGREGATE_STAR_TABLE, CoreRules.AGGREGATE_PROJECT_STAR_TABLE,
        CoreRules.EXCHANGE_REMOVE_CONSTANT_KEYS, CoreRules.SORT_EXCHANGE_REMOVE_CONSTANT_KEYS));
    List<String> expected = descriptions(calcites.getRules().stream().filter(r -> !neverMatched.contains(r)));

    VolcanoPlanner drivers = new VolcanoPlanner();
    PlannerRules.VOLCANO.forEach(drivers::addRule);
    assertEquals(expected, descriptions(drivers.getRules().stream()));
    assertEquals(calcites.getRules().size() - neverMatched.size(), drivers.getRules().size());
  }

  @Test
  void theProgramPhasesUseTheStandardProgramsRules() {
    assertEquals(descriptions(Stream.of(CoreRules.FILTER_SUB_QUERY_TO_CORRELATE,
        CoreRules.PROJECT_SUB_QUERY_TO_CORRELATE, CoreRules.JOIN_SUB_QUERY_TO_CORRELATE,
        CoreRules.PROJECT_OVER_SUM_TO_SUM0_RULE)), descriptions(PlannerRules.SUB_QUERY.stream()));
    assertEquals(descriptions(Stream.of(CoreRules.FILTER_SUB_QUERY_TO_MARK_CORRELATE,
        CoreRules.PROJECT_SUB_QUERY_TO_MARK_CORRELATE, CoreRules.JOIN_SUB_QUERY_TO_CORRELATE,
        CoreRules.PROJECT_OVER_SUM_TO_SUM0_RULE)), descriptions(PlannerRules.SUB_QUERY_TO_MARK.stream()));
    assertEquals(descriptions(RelOptRules.CALC_RULES.stream()), descriptions(PlannerRules.CALC.stream()));
    assertEquals(EnumerableRules.ENUMERABLE_RULES.size(),
        PlannerRules.VOLCANO.stream().filter(EnumerableRules.ENUMERABLE_RULES::contains).count());
  }

  private static List<String> descriptions(Stream<? extends RelOptRule> rules) {
    return rules.map(RelOptRule::toString).collect(Collectors.toList());
  }

  private static String explain(Connection connection, String sql) throws SQLException {
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("explain plan including all attributes for " + sql)) {
      StringBuilder plan = new StringBuilder();
      while (rs.next()) {
        plan.append(rs.getString(1));
      }
      // Node ids count the nodes the connection has made so far.
      return plan.toString().replaceAll(", id = \\d+", "");
    }
  }
}
