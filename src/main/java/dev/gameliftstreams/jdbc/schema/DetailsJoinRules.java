package dev.gameliftstreams.jdbc.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoinRule;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.plan.volcano.RelSubset;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.logical.LogicalFilter;
import org.apache.calcite.rel.logical.LogicalJoin;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.rex.RexCall;
import org.apache.calcite.rex.RexInputRef;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.sql.SqlKind;

/**
 * How a join on {@code arn} reads {@code stream_session_details}: Calcite's batch nested-loop join (only for
 * joins whose inner side is that table) turns the join condition into a filter of up to 100 correlated
 * {@code arn = $corN.arn} disjuncts on the inner scan, and {@link KeyFilter} makes that filter's scan a
 * {@link DetailsLookupScan} of those ARNs. So the details of the rows that survive the outer side's filters are
 * looked up in batches of keys, and the table is never listed whole.
 */
final class DetailsJoinRules {
  private static final int BATCH = 100;

  static final RelOptRule BATCH_JOIN = EnumerableBatchNestedLoopJoinRule.Config.DEFAULT
      .withOperandSupplier(b0 -> b0.operand(LogicalJoin.class).predicate(DetailsJoinRules::joinsOnArn).anyInputs())
      .withDescription("GameLiftStreamsDetailsBatchJoinRule")
      .as(EnumerableBatchNestedLoopJoinRule.Config.class)
      .withBatchSize(BATCH)
      .toRule();

  static final RelOptRule KEY_FILTER = new KeyFilter();

  private DetailsJoinRules() {
  }

  static void register(RelOptPlanner planner) {
    planner.addRule(BATCH_JOIN);
    planner.addRule(KEY_FILTER);
  }

  /**
   * Whether the join's inner side is the details table and its condition is that side's arn equal to an outer
   * column. (With more conditions, Calcite's own filter rules cannot plan the correlated filter.)
   */
  private static boolean joinsOnArn(LogicalJoin join) {
    int arn = arnField(join.getRight());
    int left = join.getLeft().getRowType().getFieldCount();
    RexNode condition = join.getCondition();
    if (arn >= 0 && condition.getKind() == SqlKind.EQUALS) {
      List<RexNode> operands = ((RexCall) condition).getOperands();
      for (int side = 0; side < 2; side++) {
        if (operands.get(side) instanceof RexInputRef && operands.get(1 - side) instanceof RexInputRef
            && ((RexInputRef) operands.get(side)).getIndex() == left + arn
            && ((RexInputRef) operands.get(1 - side)).getIndex() < left) {
          return true;
        }
      }
    }
    return false;
  }

  /** Where {@code arn} is in the output of {@code rel}, a (projected) details scan; -1 if it is not there. */
  private static int arnField(RelNode rel) {
    if (detailsScan(rel) == null) {
      return -1;
    }
    RelNode input = original(rel);
    if (!(input instanceof Project)) {
      return KeyFilter.ARN;
    }
    List<RexNode> fields = ((Project) input).getProjects();
    for (int i = 0; i < fields.size(); i++) {
      if (((RexInputRef) fields.get(i)).getIndex() == KeyFilter.ARN) {
        return i;
      }
    }
    return -1;
  }

  /** The plain scan of the details table that {@code rel} projects, or null when it reads anything else. */
  private static TableScan detailsScan(RelNode rel) {
    RelNode input = original(rel);
    if (input instanceof Project && ((Project) input).getProjects().stream().allMatch(RexInputRef.class::isInstance)) {
      input = original(((Project) input).getInput());
    }
    return input instanceof LogicalTableScan
        && ((TableScan) input).getTable().unwrap(StreamSessionDetailsTable.class) != null ? (TableScan) input : null;
  }

  /** The planner's inputs are sets of equivalents: the expression first registered stands for them. */
  private static RelNode original(RelNode rel) {
    return rel instanceof RelSubset && ((RelSubset) rel).getOriginal() != null ? ((RelSubset) rel).getOriginal() : rel;
  }

  /** A filter on the details table whose every disjunct fixes {@code arn} to a value known before the scan. */
  static final class KeyFilter extends RelOptRule {
    private static final int ARN = StreamSessionDetailsTable.COLUMNS.indexOf(
        StreamSessionDetailsTable.COLUMNS.stream().filter(c -> c.name().equals("arn")).findFirst().orElseThrow());

    KeyFilter() {
      super(operandJ(LogicalFilter.class, null, f -> RexUtil.containsCorrelation(f.getCondition()), any()),
          "GameLiftStreamsDetailsKeyFilterRule");
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      TableScan scan = detailsScan(filter.getInput());
      if (scan == null) {
        return;
      }
      RelNode input = original(filter.getInput());
      List<RexNode> fields = input instanceof Project ? ((Project) input).getProjects() : null;
      int arnField = arnField(filter.getInput());
      if (arnField < 0) {
        return;
      }
      List<RexNode> arns = new ArrayList<>();
      for (RexNode disjunct : RelOptUtil.disjunctions(filter.getCondition())) {
        RexNode arn = arnOf(disjunct, arnField);
        if (arn == null) {
          return;
        }
        arns.add(arn);
      }
      List<Integer> columns = new ArrayList<>();
      for (int i = 0; i < filter.getRowType().getFieldCount(); i++) {
        columns.add(fields == null ? i : ((RexInputRef) fields.get(i)).getIndex());
      }
      // The lookup returns exactly the sessions with those ARNs: it is the whole filter.
      call.transformTo(new DetailsLookupScan(scan.getCluster(), scan.getTable(), arns, columns,
          filter.getCondition()));
    }

    /** The value a disjunct {@code arn = value} fixes {@code arn} to, or null when it says anything else. */
    private static RexNode arnOf(RexNode disjunct, int arnField) {
      if (disjunct.getKind() == SqlKind.EQUALS) {
        List<RexNode> operands = ((RexCall) disjunct).getOperands();
        for (int side = 0; side < 2; side++) {
          RexNode field = operands.get(side);
          RexNode value = operands.get(1 - side);
          if (field instanceof RexInputRef && ((RexInputRef) field).getIndex() == arnField
              && RelOptUtil.InputFinder.bits(value).isEmpty()) {
            return value;
          }
        }
      }
      return null;
    }
  }
}
