package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.pushdown.KeyColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.WeakHashMap;
import org.apache.calcite.DataContext;
import org.apache.calcite.adapter.enumerable.EnumerableConvention;
import org.apache.calcite.linq4j.AbstractEnumerable;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Enumerator;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.linq4j.function.Function1;
import org.apache.calcite.plan.RelOptCluster;
import org.apache.calcite.plan.RelOptCost;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.plan.RelTraitSet;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.RelRoot;
import org.apache.calcite.rel.RelWriter;
import org.apache.calcite.rel.core.Aggregate;
import org.apache.calcite.rel.core.Calc;
import org.apache.calcite.rel.core.Correlate;
import org.apache.calcite.rel.core.Filter;
import org.apache.calcite.rel.core.Join;
import org.apache.calcite.rel.core.Project;
import org.apache.calcite.rel.core.SetOp;
import org.apache.calcite.rel.core.Sort;
import org.apache.calcite.rel.core.TableScan;
import org.apache.calcite.rel.core.Values;
import org.apache.calcite.rel.core.Window;
import org.apache.calcite.rel.metadata.RelMetadataQuery;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rel.type.RelDataTypeField;
import org.apache.calcite.runtime.Hook;
import org.apache.calcite.adapter.enumerable.EnumerableBatchNestedLoopJoin;
import org.apache.calcite.adapter.enumerable.EnumerableLimit;
import org.apache.calcite.adapter.enumerable.EnumerableNestedLoopJoin;

/**
 * The scan of an {@link ApiTable}: a leaf whose {@link ScanSpec} the planner rules of
 * {@link ApiScanRules} fill with what is sent to the API (key predicates, LIMIT) and the columns
 * read. EXPLAIN shows the API call it makes, by parameter and column name, and what Calcite
 * still evaluates on top.
 *
 * <p>Its rows stream: nothing is kept, so memory is flat in the number of rows. Only where the
 * final plan enumerates the scan more than once (the inner side of a nested-loop join, the right
 * side of a correlate) does it keep its rows, so the API is still called once per execution.
 */
public class ApiScan extends TableScan {
  static {
    // After planning, before code generation: mark the scans the plan enumerates repeatedly.
    Hook.PLAN_BEFORE_IMPLEMENTATION.add((RelRoot root) -> markRepeated(root.rel, false));
  }

  final ApiTable<?> apiTable;
  final ScanSpec spec;
  /** Set on the final plan only, by {@link #markRepeated}; never part of the planner's identity of the node. */
  volatile boolean repeated;

  /** A logical scan (convention NONE), as the table is translated; the rules make it enumerable. */
  ApiScan(RelOptCluster cluster, RelTraitSet traits, RelOptTable table, ApiTable<?> apiTable, ScanSpec spec) {
    super(cluster, traits, List.of(), table);
    this.apiTable = apiTable;
    this.spec = spec;
  }

  ApiScan with(ScanSpec newSpec) {
    return new ApiScan(getCluster(), getTraitSet(), getTable(), apiTable, newSpec);
  }

  @Override
  public RelNode copy(RelTraitSet traitSet, List<RelNode> inputs) {
    return traitSet.equals(getTraitSet()) ? this : new ApiScan(getCluster(), traitSet, getTable(), apiTable, spec);
  }

  /** The same scan, executable. */
  ApiScan enumerable() {
    return new EnumerableApiScan(getCluster(), getTraitSet().replace(EnumerableConvention.INSTANCE), getTable(),
        apiTable, spec);
  }

  @Override
  public RelDataType deriveRowType() {
    List<RelDataTypeField> all = table.getRowType().getFieldList();
    RelDataTypeFactory.Builder builder = getCluster().getTypeFactory().builder();
    for (int f : spec.fields()) {
      builder.add(all.get(f));
    }
    return builder.build();
  }

  /** The key column a field of this scan's rows is, or null. */
  KeyColumn key(int field) {
    return apiTable.declaration.key(spec.fields()[field]);
  }

  @Override
  public void register(RelOptPlanner planner) {
    ApiScanRules.ALL.forEach(planner::addRule);
  }

  @Override
  public RelWriter explainTerms(RelWriter pw) {
    int all = apiTable.declaration.columns().size();
    List<String> columns = new ArrayList<>();
    for (int f : spec.fields()) {
      columns.add(apiTable.declaration.columns().get(f).name());
    }
    boolean never = spec.filter().matchesNothing();
    return super.explainTerms(pw)
        .itemIf("columns", String.join(", ", columns), spec.fields().length < all)
        .item("regions", unbracket(apiTable.regions(spec)))
        .item("api", never ? "none: a pushed predicate matches no row" : apiTable.call(spec))
        .itemIf("calcite", String.join(" AND ", spec.left()), !spec.left().isEmpty());
  }

  private static String unbracket(String list) {
    return list.startsWith("[") && list.endsWith("]") ? list.substring(1, list.length() - 1) : list;
  }

  @Override
  public double estimateRowCount(RelMetadataQuery mq) {
    double rows = super.estimateRowCount(mq) * Math.pow(0.2, spec.filter().terms().size());
    long wanted = spec.plannedRows();
    // A pushed LIMIT must look cheaper even when it wants more rows than estimated.
    return Math.max(1, spec.fetch() == null ? rows : wanted >= 0 ? Math.min(rows * 0.9, wanted) : rows / 2);
  }

  @Override
  public RelOptCost computeSelfCost(RelOptPlanner planner, RelMetadataQuery mq) {
    double rows = estimateRowCount(mq);
    // Volcano compares row counts: narrower rows must cost less for a pushed projection to win.
    double width = (spec.fields().length + 2d) / (apiTable.declaration.columns().size() + 2d);
    return planner.getCostFactory().makeCost(rows * width, rows * width, 0);
  }

  /**
   * Marks the scans under a node that enumerates an input more than once. Unknown operators are
   * assumed to repeat their inputs: keeping rows is only a cost, calling the API again a worse one.
   */
  static void markRepeated(RelNode node, boolean repeated) {
    if (node instanceof ApiScan) {
      ApiScan scan = (ApiScan) node;
      scan.repeated = scan.repeated || repeated;
    }
    List<RelNode> inputs = node.getInputs();
    for (int i = 0; i < inputs.size(); i++) {
      markRepeated(inputs.get(i), repeated || enumeratesRepeatedly(node, i));
    }
  }

  private static boolean enumeratesRepeatedly(RelNode node, int input) {
    if (node instanceof EnumerableNestedLoopJoin || node instanceof EnumerableBatchNestedLoopJoin
        || node instanceof Correlate) {
      return input == 1;
    }
    return !(node instanceof Join || node instanceof Project || node instanceof Filter || node instanceof Calc
        || node instanceof Aggregate || node instanceof Sort || node instanceof EnumerableLimit
        || node instanceof SetOp || node instanceof Window || node instanceof Values || node instanceof TableScan);
  }

  /**
   * A scan at execution: binds parameters, then streams. A repeated scan keeps the rows of each
   * distinct pushdown for the execution ({@code DataContext}) that fetched them. Rows are
   * {@code Object[]}, or the value itself when the scan reads one column (Calcite's SCALAR format).
   */
  static final class Execution implements Function1<DataContext, Enumerable<Object>> {
    private final ApiTable<?> table;
    private final ScanSpec spec;
    private final boolean repeated;
    private final boolean scalar;
    private final Map<DataContext, Map<Pushdown, Enumerable<Object>>> kept =
        Collections.synchronizedMap(new WeakHashMap<>());

    Execution(ApiTable<?> table, ScanSpec spec, boolean repeated, boolean scalar) {
      this.table = table;
      this.spec = spec;
      this.repeated = repeated;
      this.scalar = scalar;
    }

    @Override
    public Enumerable<Object> apply(DataContext root) {
      Pushdown pushdown = spec.filter().resolve(root);
      if (!repeated) {
        return new AbstractEnumerable<Object>() {
          @Override
          public Enumerator<Object> enumerator() {
            return Linq4j.iterableEnumerator(() -> rows(pushdown, root));
          }
        };
      }
      return kept.computeIfAbsent(root, r -> new HashMap<>())
          .computeIfAbsent(pushdown, p -> new ReplayableEnumerable<>(() -> rows(p, root)));
    }

    private Iterator<Object> rows(Pushdown pushdown, DataContext root) {
      Iterator<Object[]> rows = table.open(spec, pushdown, root);
      return scalar ? Iterators.transform(rows, row -> row[0]) : Iterators.transform(rows, row -> row);
    }
  }
}
