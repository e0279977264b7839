package dev.gameliftstreams.jdbc.schema;

import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.adapter.enumerable.EnumerableRelImplementor;
import org.apache.calcite.adapter.enumerable.JavaRowFormat;
import org.apache.calcite.adapter.enumerable.PhysType;
import org.apache.calcite.adapter.enumerable.PhysTypeImpl;
import org.apache.calcite.adapter.enumerable.RexToLixTranslator;
import org.apache.calcite.linq4j.tree.BlockBuilder;
import org.apache.calcite.linq4j.tree.Expression;
import org.apache.calcite.linq4j.tree.Expressions;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexProgramBuilder;
import org.apache.calcite.schema.Schemas;
import org.apache.calcite.sql.validate.SqlConformanceEnum;

/**
 * Looks sessions up by ARN instead of scanning: the inner side of a batch nested-loop join, whose keys are the
 * ARNs of a batch of outer rows (correlation variables), evaluated in the generated code at each batch and handed
 * to {@link SessionLookupTable#lookUp}, which returns the sessions with exactly those ARNs: this one node answers the
 * join's correlated filter (and the projection below it). EXPLAIN shows it as {@code DetailsLookupScan(... arns=[...])}.
 */
final class DetailsLookupScan extends TableScan implements EnumerableRel {
  private final List<RexNode> arns;
  private final List<Integer> fields;
  /** The filter this scan answers: it names the correlation variables, so no other batch's filter matches it. */
  private final RexNode condition;

  /** @param fields the table's columns this scan returns, in order */
  DetailsLookupScan(RelOptCluster cluster, RelOptTable table, List<RexNode> arns, List<Integer> fields,
      RexNode condition) {
    super(cluster, cluster.traitSetOf(EnumerableConvention.INSTANCE), List.of(), table);
    this.arns = List.copyOf(arns);
    this.fields = List.copyOf(fields);
    this.condition = condition;
  }

  @Override
  public RelDataType deriveRowType() {
    RelDataTypeFactory.Builder row = getCluster().getTypeFactory().builder();
    List<RelDataTypeField> columns = table.getRowType().getFieldList();
    for (int field : fields) {
      row.add(columns.get(field));
    }
    return row.build();
  }

  @Override
  public RelNode copy(org.apache.calcite.plan.RelTraitSet traitSet, List<RelNode> inputs) {
    return this;
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    return super.explainTerms(pw).item("arns", arns).item("fields", fields).item("condition", condition);
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    return arns.size();
  }

  /** Per batch: one call per key, nothing listed. */
  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    return planner.getCostFactory().makeCost(arns.size(), arns.size(), 0);
  }

  @Override
  public Result implement(EnumerableRelImplementor implementor, Prefer pref) {
    PhysType physType = PhysTypeImpl.of(implementor.getTypeFactory(), getRowType(), JavaRowFormat.ARRAY);
    BlockBuilder block = new BlockBuilder();
    RexProgramBuilder program = new RexProgramBuilder(
        getCluster().getTypeFactory().builder().build(), getCluster().getRexBuilder());
    for (int i = 0; i < arns.size(); i++) {
      program.addProject(arns.get(i), "arn" + i);
    }
    List<Expression> values = RexToLixTranslator.translateProjects(program.getProgram(),
        implementor.getTypeFactory(), SqlConformanceEnum.DEFAULT, block, null, DataContext.ROOT,
        (list, index, storageType) -> {
          throw new IllegalStateException("a lookup key reads no input");
        }, implementor::getCorrelVariableGetter);
    List<Expression> boxed = new ArrayList<>();
    for (Expression value : values) {
      boxed.add(Expressions.convert_(value, Object.class));
    }
    // The table by its path from the root schema (a model may mount the schema under any name).
    List<Expression> path = new ArrayList<>();
    getTable().getQualifiedName().forEach(name -> path.add(Expressions.constant(name)));
    Expression table = Expressions.convert_(Expressions.call(Schemas.class, "table", DataContext.ROOT,
        Expressions.newArrayInit(String.class, path)), SessionLookupTable.class);
    block.add(Expressions.return_(null, Expressions.call(table, "lookUp", DataContext.ROOT,
        Expressions.newArrayInit(Object.class, boxed), Expressions.constant(fields.stream().mapToInt(i -> i).toArray()))));
    return implementor.result(physType, block.toBlock());
  }
}
