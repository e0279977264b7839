package dev.gameliftstreams.jdbc.driver;

import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.calcite.avatica.Meta;
import org.apache.calcite.DataContexts;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.adapter.enumerable.EnumerableRel;
import org.apache.calcite.config.CalciteConnectionConfig;
import org.apache.calcite.config.CalciteSystemProperty;
import org.apache.calcite.jdbc.CalcitePrepare;
import org.apache.calcite.jdbc.CalciteSchema;
import org.apache.calcite.plan.Contexts;
import org.apache.calcite.plan.ConventionTraitDef;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCostFactory;
import org.apache.calcite.plan.RelOptCostImpl;
import org.apache.calcite.plan.RelOptLattice;
import org.apache.calcite.plan.RelOptMaterialization;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptRule;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.plan.hep.HepPlanner;
import org.apache.calcite.plan.hep.HepProgram;
import org.apache.calcite.plan.hep.HepProgramBuilder;
import org.apache.calcite.plan.volcano.VolcanoPlanner;
import org.apache.calcite.prepare.CalciteCatalogReader;
import org.apache.calcite.prepare.CalcitePrepareImpl;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.rel.RelCollationTraitDef;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelNodes;
import org.apache.calcite.rel.core.RelFactories;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.metadata.DefaultRelMetadataProvider;
import org.apache.calcite.rex.RexBuilder;
import org.apache.calcite.rex.RexExecutorImpl;
import org.apache.calcite.rex.RexUtil;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.sql.SqlKind;
import org.apache.calcite.sql2rel.RelDecorrelator;
import org.apache.calcite.sql2rel.RelFieldTrimmer;
import org.apache.calcite.sql2rel.TopDownGeneralDecorrelator;
import org.apache.calcite.tools.Program;
import org.apache.calcite.tools.Programs;
import org.apache.calcite.tools.RelBuilder;
import org.apache.calcite.util.Holder;

/**
 * Calcite's prepare for {@code jdbc:gameliftstreams:} connections: the default planner rules and the
 * standard program (sub-queries, decorrelation, field trimming, the Volcano planner, then Calcs), set up
 * without the classes whose initializers build every CoreRules rule ({@link PlannerRules}), and with
 * metadata dispatched by {@link ReflectiveMetadataHandlers} instead of handlers Janino compiles in each
 * new JVM. Both only shorten a fresh JVM's first query; plans are the ones Calcite's defaults make.
 * Where a system property changes Calcite's defaults, Calcite's own planner setup is used.
 */
final class LeanPrepare extends CalcitePrepareImpl {
  /** Plans a connection keeps, most recently used first out. */
  static final int PLANS_PER_CONNECTION = 100;

  private static final boolean CALCITE_DEFAULTS = CalciteSystemProperty.ENABLE_COLLATION_TRAIT.value()
      && CalciteSystemProperty.ENABLE_ENUMERABLE.value()
      && !CalciteSystemProperty.COMMUTE.value();

  private static final Program SUB_QUERY = hep(HepProgram.builder().addRuleCollection(PlannerRules.SUB_QUERY));
  private static final Program SUB_QUERY_TO_MARK =
      hep(HepProgram.builder().addRuleCollection(PlannerRules.SUB_QUERY_TO_MARK));
  private static final Program CALC = hep(eachInTurn(PlannerRules.CALC));

  /**
   * Each connection's plans of queries, by everything that shapes one: a statement run again (a dashboard's
   * refresh, an application preparing per request) skips parsing, validation, planning and Janino (about
   * 20 ms per statement on a warm JVM). Connections never share plans; a connection's
   * schema does not change, and what depends on the time or the parameters is evaluated per execution.
   */
  private static final Cache<CalciteSchema, Cache<List<Object>, CalciteSignature<?>>> PLANS =
      CacheBuilder.newBuilder().weakKeys().build();

  /** Drops the plans of a connection, once it is closed; those of a connection never closed go with it. */
  static void forget(CalciteSchema connectionRoot) {
    PLANS.invalidate(connectionRoot);
  }

  /** How many connections have plans kept. */
  static long connectionsWithPlans() {
    PLANS.cleanUp();
    return PLANS.size();
  }

  @Override
  public <T> CalciteSignature<T> prepareSql(CalcitePrepare.Context context, Query<T> query, Type elementType,
      long maxRowCount) {
    if (query.sql == null) {
      return super.prepareSql(context, query, elementType, maxRowCount);
    }
    // A list, not a record: a record's first hashCode bootstraps method handles, in a cold JVM's first query.
    List<Object> key = Arrays.asList(query.sql, elementType, maxRowCount, context.getDefaultSchemaPath(),
        Prepare.THREAD_INSUBQUERY_THRESHOLD.get(), Prepare.THREAD_TRIM.get(), Prepare.THREAD_EXPAND.get());
    Cache<List<Object>, CalciteSignature<?>> connectionPlans;
    try {
      connectionPlans = PLANS.get(context.getMutableRootSchema(),
          () -> CacheBuilder.newBuilder().maximumSize(PLANS_PER_CONNECTION).build());
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
    @SuppressWarnings("unchecked")
    CalciteSignature<T> signature = (CalciteSignature<T>) connectionPlans.getIfPresent(key);
    if (signature == null) {
      signature = super.prepareSql(context, query, elementType, maxRowCount);
      if (signature.statementType == Meta.StatementType.SELECT) {
        connectionPlans.put(key, signature);
      }
    }
    return signature;
  }

  @Override
  protected RelOptPlanner createPlanner(CalcitePrepare.Context prepareContext,
      org.apache.calcite.plan.Context externalContext,
      RelOptCostFactory costFactory) {
    if (!CALCITE_DEFAULTS || enableBindable) {
      return super.createPlanner(prepareContext, externalContext, costFactory);
    }
    VolcanoPlanner planner = new VolcanoPlanner(costFactory,
        externalContext == null ? Contexts.of(prepareContext.config()) : externalContext);
    planner.setExecutor(new RexExecutorImpl(DataContexts.EMPTY));
    planner.addRelTraitDef(ConventionTraitDef.INSTANCE);
    planner.addRelTraitDef(RelCollationTraitDef.INSTANCE);
    planner.setTopDownOpt(prepareContext.config().topDownOpt());
    PlannerRules.VOLCANO.forEach(planner::addRule);
    Hook.PLANNER.run(planner);
    return planner;
  }

  @Override
  protected RelOptCluster createCluster(RelOptPlanner planner, RexBuilder rexBuilder) {
    RelOptCluster cluster = super.createCluster(planner, rexBuilder);
    cluster.setMetadataQuerySupplier(() -> new RelMetadataQuery(ReflectiveMetadataHandlers.DEFAULT));
    return cluster;
  }

  @Override
  protected CalcitePreparingStmt getPreparingStmt(CalcitePrepare.Context context, Type elementType,
      CalciteCatalogReader catalogReader, RelOptPlanner planner) {
    if (!CALCITE_DEFAULTS || enableBindable) {
      return super.getPreparingStmt(context, elementType, catalogReader, planner);
    }
    return new CalcitePreparingStmt(this, context, catalogReader, context.getTypeFactory(),
        context.getRootSchema(),
        elementType == Object[].class ? EnumerableRel.Prefer.ARRAY : EnumerableRel.Prefer.CUSTOM,
        createCluster(planner, new RexBuilder(context.getTypeFactory())), EnumerableConvention.INSTANCE,
        createConvertletTable()) {
      @Override
      protected Program getProgram() {
        Holder<Program> hooked = Holder.empty();
        Hook.PROGRAM.run(hooked);
        Program program = hooked.get();
        return program != null ? program : LeanPrepare::standardProgram;
      }
    };
  }

  /** Programs.standard(), phase by phase. */
  private static RelNode standardProgram(RelOptPlanner planner, RelNode rel, RelTraitSet traits,
      List<RelOptMaterialization> materializations, List<RelOptLattice> lattices) {
    CalciteConnectionConfig config = planner.getContext().maybeUnwrap(CalciteConnectionConfig.class)
        .orElse(CalciteConnectionConfig.DEFAULT);
    boolean topDown = config.topDownGeneralDecorrelationEnabled();
    rel = (topDown ? SUB_QUERY_TO_MARK : SUB_QUERY).run(planner, rel, traits, materializations, lattices);
    if (config.forceDecorrelate()) {
      RelBuilder relBuilder = RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null);
      rel = topDown ? TopDownGeneralDecorrelator.decorrelateQuery(rel, relBuilder)
          : RelDecorrelator.decorrelateQuery(rel, relBuilder);
    }
    if (RelNodes.contains(rel, call -> call.getAggregation().kind == SqlKind.AGG_M2V,
        RexUtil.find(EnumSet.of(SqlKind.AGG_M2V, SqlKind.M2V)))) {
      // Measures are rare enough to pay for Programs' (and CoreRules') initialization.
      rel = Programs.measure(DefaultRelMetadataProvider.INSTANCE).run(planner, rel, traits, materializations,
          lattices);
    }
    rel = new RelFieldTrimmer(null, RelFactories.LOGICAL_BUILDER.create(rel.getCluster(), null)).trim(rel);
    materializations.forEach(planner::addMaterialization);
    lattices.forEach(planner::addLattice);
    planner.setRoot(rel);
    RelNode root = rel.getTraitSet().equals(traits) ? rel : planner.changeTraits(rel, traits);
    planner.setRoot(root);
    rel = planner.chooseDelegate().findBestExp();
    return CALC.run(planner, rel, traits, materializations, lattices);
  }

  private static HepProgramBuilder eachInTurn(List<RelOptRule> rules) {
    HepProgramBuilder builder = HepProgram.builder();
    rules.forEach(builder::addRuleInstance);
    return builder;
  }

  /** Programs.of(HepProgram, noDag = true, ...): a heuristic planner pass over the tree. */
  private static Program hep(HepProgramBuilder builder) {
    HepProgram program = builder.build();
    return (planner, rel, traits, materializations, lattices) -> {
      HepPlanner hep = new HepPlanner(program, null, true, null, RelOptCostImpl.FACTORY);
      hep.setRoot(rel);
      return hep.findBestExp();
    };
  }
}
