package dev.gameliftstreams.jdbc.schema;

import java.util.List;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.linq4j.tree.Blocks;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.util.BuiltInMethod;

/** An {@link ApiScan} in Calcite's enumerable convention: generated code calls its {@link ApiScan.Execution}. */
final class EnumerableApiScan extends ApiScan implements EnumerableRel {
  EnumerableApiScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, ApiTable<?> apiTable,
      ScanSpec spec) {
    super(cluster, traits, table, apiTable, spec);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return traitSet.equals(getTraitSet()) ? this
        : new EnumerableApiScan(getCluster(), traitSet, getTable(), apiTable, spec);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    // One column travels as the value itself (SCALAR), as Calcite's operators expect of a one-column input.
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    // Generated code refers to Calcite types only, whatever class loader holds the driver.
    Expression execution = implementor.stash(new Execution(apiTable, spec, repeated,
        physType.getFormat() == JavaRowFormat.SCALAR), Function1.class);
    Expression rows = Expressions.convert_(Expressions.call(execution, BuiltInMethod.FUNCTION1_APPLY.method,
        implementor.getRootExpression()), Enumerable.class);
    return implementor.result(physType, Blocks.toBlock(rows));
  }
}
