package dev.gameliftstreams.jdbc.driver;

import java.util.List;
import java.util.stream.Stream;
import org.apache.calcite.adapter.enumerable.EnumerableRules;
import org.apache.calcite.interpreter.Bindables;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.volcano.AbstractConverter;
import org.apache.calcite.rel.rules.AggregateCaseToFilterRule;
import org.apache.calcite.rel.rules.AggregateExpandDistinctAggregatesRule;
import org.apache.calcite.rel.rules.AggregateExpandWithinDistinctRule;
import org.apache.calcite.rel.rules.AggregateJoinTransposeRule;
import org.apache.calcite.rel.rules.AggregateMergeRule;
import org.apache.calcite.rel.rules.AggregateProjectMergeRule;
import org.apache.calcite.rel.rules.AggregateProjectPullUpConstantsRule;
import org.apache.calcite.rel.rules.AggregateReduceFunctionsRule;
import org.apache.calcite.rel.rules.AggregateRemoveRule;
import org.apache.calcite.rel.rules.CalcMergeRule;
import org.apache.calcite.rel.rules.CalcRemoveRule;
import org.apache.calcite.rel.rules.DateRangeRules;
import org.apache.calcite.rel.rules.FilterAggregateTransposeRule;
import org.apache.calcite.rel.rules.FilterCalcMergeRule;
import org.apache.calcite.rel.rules.FilterJoinRule;
import org.apache.calcite.rel.rules.FilterMergeRule;
import org.apache.calcite.rel.rules.FilterProjectTransposeRule;
import org.apache.calcite.rel.rules.FilterSampleTransposeRule;
import org.apache.calcite.rel.rules.FilterTableScanRule;
import org.apache.calcite.rel.rules.FilterToCalcRule;
import org.apache.calcite.rel.rules.FilterWindowTransposeRule;
import org.apache.calcite.rel.rules.IntersectToDistinctRule;
import org.apache.calcite.rel.rules.JoinCommuteRule;
import org.apache.calcite.rel.rules.JoinPushExpressionsRule;
import org.apache.calcite.rel.rules.JoinPushThroughJoinRule;
import org.apache.calcite.rel.rules.MatchRule;
import org.apache.calcite.rel.rules.MinusToDistinctRule;
import org.apache.calcite.rel.rules.ProjectAggregateMergeRule;
import org.apache.calcite.rel.rules.ProjectCalcMergeRule;
import org.apache.calcite.rel.rules.ProjectFilterTransposeRule;
import org.apache.calcite.rel.rules.ProjectMergeRule;
import org.apache.calcite.rel.rules.ProjectOverSumToSum0Rule;
import org.apache.calcite.rel.rules.ProjectRemoveRule;
import org.apache.calcite.rel.rules.ProjectTableScanRule;
import org.apache.calcite.rel.rules.ProjectToCalcRule;
import org.apache.calcite.rel.rules.ProjectToWindowRule;
import org.apache.calcite.rel.rules.ProjectWindowTransposeRule;
import org.apache.calcite.rel.rules.PruneEmptyRules;
import org.apache.calcite.rel.rules.ReduceExpressionsRule;
import org.apache.calcite.rel.rules.SampleToFilterRule;
import org.apache.calcite.rel.rules.SemiJoinRule;
import org.apache.calcite.rel.rules.SingleValuesOptimizationRules;
import org.apache.calcite.rel.rules.SortJoinTransposeRule;
import org.apache.calcite.rel.rules.SortProjectTransposeRule;
import org.apache.calcite.rel.rules.SortRemoveConstantKeysRule;
import org.apache.calcite.rel.rules.SortRemoveRule;
import org.apache.calcite.rel.rules.SortUnionTransposeRule;
import org.apache.calcite.rel.rules.SubQueryRemoveRule;
import org.apache.calcite.rel.rules.UnionMergeRule;
import org.apache.calcite.rel.rules.UnionPullUpConstantsRule;
import org.apache.calcite.rel.rules.UnionToDistinctRule;
import org.apache.calcite.rel.rules.UnionToValuesRule;

/**
 * The rules Calcite's default planner and standard program use (RelOptUtil.registerDefaultRules,
 * Programs.standard), built from their configurations as CoreRules builds them. Referring to CoreRules,
 * RelOptRules or Programs would initialize all 162 of CoreRules' rules, most of which no default plan
 * uses: about 0.6 s in a fresh JVM, measured alone.
 *
 * <p>Left out of {@link #VOLCANO}, because a {@code jdbc:gameliftstreams:} connection's schema never has
 * what they match: materialized views, lattices (star tables), streams and exchanges. Connections to a
 * Calcite model, which may have them, plan with Calcite's own defaults. {@code LeanPrepareTest} checks
 * this list against Calcite's.
 */
final class PlannerRules {
  private PlannerRules() {
  }

  /** RelOptRules.ABSTRACT_RELATIONAL_RULES, ABSTRACT_RULES and BASE_RULES, in Calcite's order. */
  private static final List<RelOptRule> LOGICAL = List.of(
      FilterJoinRule.FilterIntoJoinRule.FilterIntoJoinRuleConfig.DEFAULT.toRule(),
      FilterJoinRule.JoinConditionPushRule.JoinConditionPushRuleConfig.DEFAULT.toRule(),
      AbstractConverter.ExpandConversionRule.INSTANCE,
      JoinCommuteRule.Config.DEFAULT.toRule(),
      SemiJoinRule.ProjectToSemiJoinRule.ProjectToSemiJoinRuleConfig.DEFAULT.toRule(),
      SemiJoinRule.JoinOnUniqueToSemiJoinRule.JoinOnUniqueToSemiJoinRuleConfig.DEFAULT.toRule(),
      SemiJoinRule.JoinToSemiJoinRule.JoinToSemiJoinRuleConfig.DEFAULT.toRule(),
      AggregateRemoveRule.Config.DEFAULT.toRule(),
      UnionToDistinctRule.Config.DEFAULT.toRule(),
      UnionToValuesRule.Config.DEFAULT.toRule(),
      ProjectRemoveRule.Config.DEFAULT.toRule(),
      ProjectAggregateMergeRule.Config.DEFAULT.toRule(),
      AggregateJoinTransposeRule.Config.DEFAULT.toRule(),
      AggregateMergeRule.Config.DEFAULT.toRule(),
      AggregateProjectMergeRule.Config.DEFAULT.toRule(),
      CalcRemoveRule.Config.DEFAULT.toRule(),
      SortRemoveRule.Config.DEFAULT.toRule(),

      AggregateProjectPullUpConstantsRule.Config.ANY.toRule(),
      UnionPullUpConstantsRule.Config.DEFAULT.toRule(),
      PruneEmptyRules.UNION_INSTANCE,
      PruneEmptyRules.INTERSECT_INSTANCE,
      PruneEmptyRules.MINUS_INSTANCE,
      PruneEmptyRules.PROJECT_INSTANCE,
      PruneEmptyRules.FILTER_INSTANCE,
      PruneEmptyRules.SORT_INSTANCE,
      PruneEmptyRules.AGGREGATE_INSTANCE,
      PruneEmptyRules.WINDOW_INSTANCE,
      PruneEmptyRules.JOIN_LEFT_INSTANCE,
      PruneEmptyRules.JOIN_RIGHT_INSTANCE,
      PruneEmptyRules.SORT_FETCH_ZERO_INSTANCE,
      PruneEmptyRules.EMPTY_TABLE_INSTANCE,
      SingleValuesOptimizationRules.JOIN_LEFT_INSTANCE,
      SingleValuesOptimizationRules.JOIN_RIGHT_INSTANCE,
      SingleValuesOptimizationRules.JOIN_LEFT_PROJECT_INSTANCE,
      SingleValuesOptimizationRules.JOIN_RIGHT_PROJECT_INSTANCE,
      UnionMergeRule.Config.DEFAULT.toRule(),
      UnionMergeRule.Config.INTERSECT.toRule(),
      UnionMergeRule.Config.MINUS.toRule(),
      ProjectOverSumToSum0Rule.Config.DEFAULT.toRule(),
      ProjectToWindowRule.ProjectToLogicalProjectAndWindowRule.ProjectToLogicalProjectAndWindowRuleConfig.DEFAULT
          .toRule(),
      FilterMergeRule.Config.DEFAULT.toRule(),
      DateRangeRules.FILTER_INSTANCE,
      IntersectToDistinctRule.Config.DEFAULT.toRule(),
      MinusToDistinctRule.Config.DEFAULT.toRule(),

      ProjectMergeRule.Config.DEFAULT.toRule(),
      FilterTableScanRule.Config.DEFAULT.toRule(),
      ProjectFilterTransposeRule.Config.DEFAULT.toRule(),
      FilterProjectTransposeRule.Config.DEFAULT.toRule(),
      JoinPushExpressionsRule.Config.DEFAULT.toRule(),
      AggregateExpandDistinctAggregatesRule.Config.DEFAULT.toRule(),
      AggregateExpandWithinDistinctRule.Config.DEFAULT.toRule(),
      AggregateCaseToFilterRule.Config.DEFAULT.toRule(),
      AggregateReduceFunctionsRule.Config.DEFAULT.toRule(),
      FilterAggregateTransposeRule.Config.DEFAULT.toRule(),
      ProjectWindowTransposeRule.Config.DEFAULT.toRule(),
      MatchRule.Config.DEFAULT.toRule(),
      JoinPushThroughJoinRule.RIGHT,
      JoinPushThroughJoinRule.LEFT,
      SortProjectTransposeRule.Config.DEFAULT.toRule(),
      SortJoinTransposeRule.Config.DEFAULT.toRule(),
      SortRemoveConstantKeysRule.Config.DEFAULT.toRule(),
      SortUnionTransposeRule.Config.DEFAULT.toRule(),
      SampleToFilterRule.Config.DEFAULT.toRule(),
      FilterSampleTransposeRule.Config.DEFAULT.toRule(),
      FilterWindowTransposeRule.Config.DEFAULT.toRule());

  /** The default planner's rules: logical, table scans, enumerable, and constant reduction in filters. */
  static final List<RelOptRule> VOLCANO = concat(
      LOGICAL,
      List.of(Bindables.BINDABLE_TABLE_SCAN_RULE,
          ProjectTableScanRule.Config.DEFAULT.toRule(),
          ProjectTableScanRule.Config.INTERPRETER.toRule()),
      EnumerableRules.ENUMERABLE_RULES,
      List.of(EnumerableRules.TO_INTERPRETER,
          ReduceExpressionsRule.FilterReduceExpressionsRule.FilterReduceExpressionsRuleConfig.DEFAULT.toRule()));

  /** Programs.subQuery: sub-queries become correlates (or mark joins, with top-down decorrelation). */
  static final List<RelOptRule> SUB_QUERY = List.of(
      SubQueryRemoveRule.Config.FILTER.toRule(),
      SubQueryRemoveRule.Config.PROJECT.toRule(),
      SubQueryRemoveRule.Config.JOIN.toRule(),
      ProjectOverSumToSum0Rule.Config.DEFAULT.toRule());

  static final List<RelOptRule> SUB_QUERY_TO_MARK = List.of(
      SubQueryRemoveRule.Config.FILTER_ENABLE_MARK_JOIN.toRule(),
      SubQueryRemoveRule.Config.PROJECT_ENABLE_MARK_JOIN.toRule(),
      SubQueryRemoveRule.Config.JOIN.toRule(),
      ProjectOverSumToSum0Rule.Config.DEFAULT.toRule());

  /** RelOptRules.CALC_RULES: after the Volcano planner, Filters and Projects become (merged) Calcs. */
  static final List<RelOptRule> CALC = List.of(
      Bindables.FROM_NONE_RULE,
      EnumerableRules.ENUMERABLE_CALC_RULE,
      EnumerableRules.ENUMERABLE_FILTER_TO_CALC_RULE,
      EnumerableRules.ENUMERABLE_PROJECT_TO_CALC_RULE,
      FilterToCalcRule.Config.DEFAULT.toRule(),
      ProjectToCalcRule.Config.DEFAULT.toRule(),
      CalcMergeRule.Config.DEFAULT.toRule(),
      FilterCalcMergeRule.Config.DEFAULT.toRule(),
      ProjectCalcMergeRule.Config.DEFAULT.toRule());

  @SafeVarargs
  private static List<RelOptRule> concat(List<? extends RelOptRule>... lists) {
    return Stream.of(lists).flatMap(List::stream).map(RelOptRule.class::cast).toList();
  }
}
