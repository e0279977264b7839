package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.pushdown.FilterAnalyzer;
import dev.gameliftstreams.jdbc.pushdown.KeyFilter;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelOptRuleCall;
import org.apache.calcite.plan.RelRule;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.convert.ConverterRule;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.AggregateCall;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.rel2sql.SqlImplementor;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.rex.RexPermuteInputsShuttle;
import org.apache.calcite.sql.SqlDialect;
import org.apache.calcite.sql.SqlIdentifier;
import org.apache.calcite.sql.dialect.CalciteSqlDialect;
import org.apache.calcite.sql.parser.SqlParserPos;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.tools.RelBuilderFactory;
import org.apache.calcite.plan.RelOptUtil;
import org.apache.calcite.util.ImmutableBitSet;
import org.apache.calcite.util.mapping.Mapping;
import org.apache.calcite.util.mapping.Mappings;

/**
 * The planner rules that push work into an {@link ApiScan}, in the manner of Calcite's own
 * adapters: key predicates of a Filter become API parameters (the rest stays in a Filter above),
 * the columns a Project uses become the scan's columns, and a LIMIT directly over the scan (no
 * ORDER BY, no filter left in between) becomes the rows the scan wants.
 */
final class ApiScanRules {
  private ApiScanRules() {
  }

  static final List<RelOptRule> ALL = List.of(
      new RuleConfig("ApiScanFilterRule", b -> b.operand(Filter.class)
          .oneInput(s -> s.operand(ApiScan.class).trait(Convention.NONE).noInputs()), FilterRule::new).toRule(),
      new RuleConfig("ApiScanProjectRule", b -> b.operand(Project.class)
          .oneInput(s -> s.operand(ApiScan.class).trait(Convention.NONE).noInputs()), ProjectRule::new).toRule(),
      new RuleConfig("ApiScanAggregateRule", b -> b.operand(Aggregate.class)
          .oneInput(s -> s.operand(ApiScan.class).trait(Convention.NONE).noInputs()), AggregateRule::new).toRule(),
      new RuleConfig("ApiScanLimitRule", b -> b.operand(Sort.class).predicate(ApiScanRules::isLimit)
          .oneInput(s -> s.operand(ApiScan.class).trait(Convention.NONE).noInputs()), LimitRule::new).toRule(),
      new RuleConfig("ApiScanLimitProjectRule", b -> b.operand(Sort.class).predicate(ApiScanRules::isLimit)
          .oneInput(p -> p.operand(Project.class).oneInput(s -> s.operand(ApiScan.class).trait(Convention.NONE).noInputs())),
          LimitRule::new).toRule(),
      ConverterRule.Config.INSTANCE.withConversion(ApiScan.class, Convention.NONE, EnumerableConvention.INSTANCE,
          "ApiScanToEnumerableRule").withRuleFactory(ToEnumerable::new).toRule());

  /** The scan as planned, made executable: the same node in the enumerable convention. */
  static final class ToEnumerable extends ConverterRule {
    ToEnumerable(ConverterRule.Config config) {
      super(config);
    }

    @Override
    public RelNode convert(RelNode rel) {
      return ((ApiScan) rel).enumerable();
    }
  }

  /** A LIMIT without ORDER BY: the API's order is undefined, so a LIMIT under an ORDER BY is never pushed. */
  private static boolean isLimit(Sort sort) {
    return sort.fetch != null && sort.getCollation().getFieldCollations().isEmpty();
  }

  /** Pushes a Filter's key predicates into the scan; Calcite keeps the rest and re-checks inexact ones. */
  static final class FilterRule extends RelRule<RuleConfig> {
    FilterRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Filter filter = call.rel(0);
      ApiScan scan = call.rel(1);
      FilterAnalyzer.Analysis analysis = new FilterAnalyzer(scan::key).analyze(filter.getCondition(),
          scan.spec.filter());
      if (analysis.pushed().isEmpty()) {
        return;
      }
      List<String> names = scan.getRowType().getFieldNames();
      List<String> left = new ArrayList<>();
      for (RexNode conjunct : analysis.left()) {
        left.add(sql(conjunct, names));
      }
      KeyFilter pushed = scan.spec.filter().and(analysis.pushed());
      RelBuilder builder = call.builder();
      call.transformTo(builder.push(scan.with(scan.spec.withFilter(pushed, left))).filter(analysis.left()).build());
    }
  }

  /** Narrows the scan to the columns a Project uses; the Project stays above, renumbered. */
  static final class ProjectRule extends RelRule<RuleConfig> {
    ProjectRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Project project = call.rel(0);
      ApiScan scan = call.rel(1);
      ImmutableBitSet used = RelOptUtil.InputFinder.bits(project.getProjects(), null);
      int count = scan.spec.fields().length;
      if (used.cardinality() == count) {
        return;
      }
      // A row needs some column; the first is as cheap as any.
      ImmutableBitSet kept = used.isEmpty() ? ImmutableBitSet.of(0) : used;
      int[] fields = kept.asList().stream().mapToInt(i -> scan.spec.fields()[i]).toArray();
      Mappings.TargetMapping mapping = Mappings.target(kept.asList()::indexOf, count, kept.cardinality());
      List<RexNode> projects = RexPermuteInputsShuttle.of(mapping).visitList(project.getProjects());
      call.transformTo(call.builder().push(scan.with(scan.spec.withFields(fields)))
          .project(projects, project.getRowType().getFieldNames()).build());
    }
  }

  /**
   * Narrows the scan to the columns an Aggregate reads: {@code count(*)} reads one, so a column that
   * needs a per-row call (an export URI from GetStreamSession) is never read for it.
   */
  static final class AggregateRule extends RelRule<RuleConfig> {
    AggregateRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Aggregate aggregate = call.rel(0);
      ApiScan scan = call.rel(1);
      ImmutableBitSet.Builder read = aggregate.getGroupSet().rebuild();
      for (AggregateCall c : aggregate.getAggCallList()) {
        read.addAll(c.getArgList());
        if (c.filterArg >= 0) {
          read.set(c.filterArg);
        }
      }
      ImmutableBitSet used = read.build();
      int count = scan.spec.fields().length;
      if (used.cardinality() == count) {
        return;
      }
      ImmutableBitSet kept = used.isEmpty() ? ImmutableBitSet.of(0) : used;
      int[] fields = kept.asList().stream().mapToInt(i -> scan.spec.fields()[i]).toArray();
      Mappings.TargetMapping mapping = Mappings.target(kept.asList()::indexOf, count, kept.cardinality());
      List<AggregateCall> calls = aggregate.getAggCallList().stream().map(c -> c.transform(mapping)).toList();
      List<ImmutableBitSet> groupSets = aggregate.getGroupSets().stream()
          .map(g -> Mappings.apply((Mapping) mapping, g)).toList();
      call.transformTo(aggregate.copy(aggregate.getTraitSet(), scan.with(scan.spec.withFields(fields)),
          Mappings.apply((Mapping) mapping, aggregate.getGroupSet()), groupSets, calls));
    }
  }

  /** LIMIT k (OFFSET o) directly over the scan: the scan wants o + k rows, and pages no further. */
  static final class LimitRule extends RelRule<RuleConfig> {
    LimitRule(RuleConfig config) {
      super(config);
    }

    @Override
    public void onMatch(RelOptRuleCall call) {
      Sort sort = call.rel(0);
      ApiScan scan = call.rel(call.rels.length - 1);
      if (scan.spec.fetch() != null || !scan.apiTable.limitPushable()) {
        return;
      }
      RelNode limited = scan.with(scan.spec.withLimit(sort.offset, sort.fetch));
      if (call.rels.length == 3) {
        Project project = call.rel(1);
        limited = project.copy(project.getTraitSet(), List.of(limited));
      }
      // The Sort stays: it skips the OFFSET and stops at the LIMIT, whatever the pages hold.
      call.transformTo(sort.copy(sort.getTraitSet(), List.of(limited)));
    }
  }

  /** Calcite's SQL without character set prefixes: EXPLAIN shows {@code 'us-%'}, not {@code _UTF-8'us-%'}. */
  private static final SqlDialect DIALECT = new CalciteSqlDialect(CalciteSqlDialect.DEFAULT_CONTEXT) {
    @Override
    public void quoteStringLiteral(StringBuilder buf, String charsetName, String val) {
      super.quoteStringLiteral(buf, null, val);
    }
  };

  /** A filter condition in SQL, by column name, for EXPLAIN. */
  private static String sql(RexNode node, List<String> names) {
    SqlDialect dialect = DIALECT;
    SqlImplementor.SimpleContext context = new SqlImplementor.SimpleContext(dialect,
        i -> new SqlIdentifier(names.get(i), SqlParserPos.ZERO));
    try {
      return context.toSql(null, node).toSqlString(dialect).getSql();
    } catch (RuntimeException e) {
      return node.toString();
    }
  }

  /** The configuration of this adapter's rules, without Calcite's annotation-generated classes. */
  record RuleConfig(String description, RelRule.OperandTransform operandSupplier,
      Function<RuleConfig, RelOptRule> factory) implements RelRule.Config {
    @Override
    public RelOptRule toRule() {
      return factory.apply(this);
    }

    @Override
    public RuleConfig withRelBuilderFactory(RelBuilderFactory f) {
      throw new UnsupportedOperationException();
    }

    @Override
    public RuleConfig withDescription(String d) {
      return new RuleConfig(d, operandSupplier, factory);
    }

    @Override
    public RuleConfig withOperandSupplier(RelRule.OperandTransform t) {
      return new RuleConfig(description, t, factory);
    }
  }
}
