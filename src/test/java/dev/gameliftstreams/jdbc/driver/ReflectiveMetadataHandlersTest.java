package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.function.Function;
import org.apache.calcite.jdbc.JavaTypeFactoryImpl;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.metadata.BuiltInMetadata;
import org.apache.calcite.rel.metadata.CyclicMetadataException;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rel.metadata.JaninoRelMetadataProvider;
import org.apache.calcite.rel.metadata.ReflectiveRelMetadataProvider;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.sql.fun.SqlStdOperatorTable;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.ImmutableBitSet;
import org.junit.jupiter.api.Test;

/** Metadata by reflection answers as Janino's compiled handlers do: cached per query, cycles detected. */
class ReflectiveMetadataHandlersTest {
  private final RelOptCluster cluster = RelOptCluster.create(new HepPlanner(HepProgram.builder().build()),
      new RexBuilder(new JavaTypeFactoryImpl()));

  /** Values, a filter, an aggregate, a project and a sort: each dispatches to its own handler methods. */
  private RelNode plan() {
    RelBuilder b = RelBuilder.proto(Contexts.of(RelBuilder.Config.DEFAULT.withSimplifyValues(false)))
        .create(cluster, null);
    return b.values(new String[] {"k", "v"}, 1, "a", 2, "b", 2, "c", 3, "d")
        .filter(b.call(SqlStdOperatorTable.GREATER_THAN, b.field("k"), b.literal(1)))
        .aggregate(b.groupKey("k"), b.count(false, "n"))
        .project(b.field("k"), b.field("n"))
        .sortLimit(0, 2, b.desc(b.field("n")))
        .build();
  }

  @Test
  void answersAsJaninosHandlersDo() {
    RelNode rel = plan();
    RelNode found = rel;
    while (!(found instanceof Filter)) {
      found = found.getInput(0);
    }
    RelNode filter = found;
    List<Function<RelMetadataQuery, Object>> questions = List.of(
        mq -> mq.getRowCount(rel),
        mq -> mq.getRowCount(filter),
        mq -> mq.getCumulativeCost(rel),
        mq -> mq.getNonCumulativeCost(filter),
        mq -> mq.getUniqueKeys(rel),
        mq -> mq.areColumnsUnique(rel, ImmutableBitSet.of(0)),
        mq -> mq.getPulledUpPredicates(filter),
        mq -> mq.getColumnOrigins(rel, 1),
        mq -> mq.getSelectivity(filter, ((Filter) filter).getCondition()),
        mq -> mq.getDistinctRowCount(filter, ImmutableBitSet.of(1), null),
        mq -> mq.collations(rel),
        mq -> mq.getMaxRowCount(rel),
        mq -> mq.getMinRowCount(rel),
        mq -> mq.getAverageRowSize(rel),
        mq -> mq.getPercentageOriginalRows(rel));
    RelMetadataQuery janino = new RelMetadataQuery(JaninoRelMetadataProvider.of(DefaultRelMetadataProvider.INSTANCE));
    RelMetadataQuery reflective = new RelMetadataQuery(ReflectiveMetadataHandlers.DEFAULT);
    for (int i = 0; i < questions.size(); i++) {
      Function<RelMetadataQuery, Object> q = questions.get(i);
      assertEquals(String.valueOf(q.apply(janino)), String.valueOf(q.apply(reflective)), "question " + i);
    }
  }

  @Test
  void eachAnswerIsComputedOncePerQuery() {
    CountingRowCount rowCount = new CountingRowCount(false);
    RelMetadataQuery mq = new RelMetadataQuery(handlers(rowCount));
    RelNode rel = plan();
    assertEquals(42.0, mq.getRowCount(rel));
    assertEquals(42.0, mq.getRowCount(rel));
    assertEquals(1, rowCount.calls);
    assertEquals(42.0, new RelMetadataQuery(handlers(rowCount)).getRowCount(rel), "a new query asks again");
    assertEquals(2, rowCount.calls);
  }

  @Test
  void aCycleFailsInsteadOfRecursingForever() {
    CountingRowCount rowCount = new CountingRowCount(true);
    RelMetadataQuery mq = new RelMetadataQuery(handlers(rowCount));
    assertThrows(CyclicMetadataException.class, () -> mq.getRowCount(plan()));
    assertEquals(1, rowCount.calls);
  }

  private static ReflectiveMetadataHandlers handlers(CountingRowCount rowCount) {
    return new ReflectiveMetadataHandlers(
        ReflectiveRelMetadataProvider.reflectiveSource(rowCount, BuiltInMetadata.RowCount.Handler.class));
  }

  /** A row count handler for every RelNode: 42, or (recursing) whatever the query says the same node has. */
  public static final class CountingRowCount implements BuiltInMetadata.RowCount.Handler {
    private final boolean recursing;
    int calls;

    CountingRowCount(boolean recursing) {
      this.recursing = recursing;
    }

    @Override
    public Double getRowCount(RelNode rel, RelMetadataQuery mq) {
      calls++;
      return recursing ? mq.getRowCount(rel) : 42.0;
    }
  }
}
