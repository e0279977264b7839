package dev.gameliftstreams.jdbc.schema;

import java.util.List;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.logical.LogicalAggregate;
import org.apache.calcite.rel.logical.LogicalTableScan;

/**
 * {@code select count(*) from t} reads no column, yet Calcite scans such a table with every column, and a
 * column that needs a per-row call (an export URI from GetStreamSession) would then cost one call per row. This
 * rule scans only the first column when an aggregate reads none.
 */
final class CountingScanRule extends RelOptRule {
  static final CountingScanRule INSTANCE = new CountingScanRule();

  private CountingScanRule() {
    super(operandJ(LogicalAggregate.class, null, CountingScanRule::readsNoColumn,
        operand(LogicalTableScan.class, none())), "GameLiftStreamsCountingScanRule");
  }

  private static boolean readsNoColumn(Aggregate aggregate) {
    return aggregate.getGroupSet().isEmpty() && aggregate.getGroupSets().size() == 1
        && aggregate.getAggCallList().stream().allMatch(c -> c.getArgList().isEmpty() && c.filterArg < 0);
  }

  @Override
  public boolean matches(RelOptRuleCall call) {
    LogicalTableScan scan = call.rel(1);
    return scan.getTable().unwrap(ApiTable.class) != null;
  }

  @Override
  public void onMatch(RelOptRuleCall call) {
    Aggregate aggregate = call.rel(0);
    LogicalTableScan scan = call.rel(1);
    Bindables.BindableTableScan firstColumn =
        Bindables.BindableTableScan.create(scan.getCluster(), scan.getTable(), List.of(), List.of(0));
    List<AggregateCall> calls = aggregate.getAggCallList();
    call.transformTo(aggregate.copy(aggregate.getTraitSet(), firstColumn, aggregate.getGroupSet(),
        aggregate.getGroupSets(), calls));
  }
}
