package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.pushdown.FilterAnalyzer;
import dev.gameliftstreams.jdbc.pushdown.PushableColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.rex.RexNode;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.logical.LogicalTableScan;
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table whose rows are the items of GameLift Streams list calls. Subclasses define the columns
 * and how a pushdown turns into API calls for one region; this class analyzes filters, fans out
 * over regions (the {@code region} column is pushed in every table) and projects rows.
 */
abstract class ApiTable<T> extends AbstractTable implements ProjectableFilterableTable, TranslatableTable,
    DescribedTable {
  /** java.util.logging, which every logging framework bridges (README "Logging"). */
  private static final Logger LOG = Logger.getLogger("dev.gameliftstreams.jdbc.pushdown");

  protected final GameLiftStreamsAccess access;
  private final String name;
  private final List<Column<T>> columns;
  private final FilterAnalyzer analyzer;
  private final int chunkSize;

  ApiTable(String name, GameLiftStreamsAccess access, List<Column<T>> columns, List<PushableColumn> pushable,
      int chunkSize) {
    this.name = name;
    this.access = access;
    this.columns = columns;
    this.chunkSize = chunkSize;
    List<PushableColumn> all = new ArrayList<>(pushable);
    all.add(new PushableColumn("region", access.regions()::contains, true));
    this.analyzer = new FilterAnalyzer(columns.stream().map(Column::name).collect(Collectors.toList()), all);
  }

  /** The plain logical scan, with the rule that keeps {@code count(*)} from reading every column. */
  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    context.getCluster().getPlanner().addRule(CountingScanRule.INSTANCE);
    return LogicalTableScan.create(context.getCluster(), relOptTable, context.getTableHints());
  }

  /**
   * The independent call chains of one region under the pushed constraints, lazily; each yields
   * its items lazily. {@link ParallelChains} runs them in parallel, all drawing on one budget.
   */
  abstract Iterator<Supplier<Iterator<T>>> chains(String region, Pushdown pushdown, ScanControl control,
      RowBudget budget);

  @Override
  public List<Column<T>> columns() {
    return columns;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column<T> c : columns) {
      builder.add(c.name(), c.relType(typeFactory));
    }
    return builder.build();
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root, List<RexNode> filters, int[] projects) {
    Pushdown pushdown = analyzer.analyze(filters, root);
    LOG.info(() -> name + ": pushed " + pushdown + "; left to Calcite: " + (filters.isEmpty() ? "nothing" : filters));
    if (pushdown.isEmpty()) {
      return Linq4j.emptyEnumerable();
    }
    ScanControl control = control(root);
    List<String> regions = pushdown.valuesOr("region", access.regions());
    int[] fields = projects != null ? projects : IntStream.range(0, columns.size()).toArray();
    Set<String> used = Arrays.stream(fields).mapToObj(i -> columns.get(i).name()).collect(Collectors.toSet());
    RowBudget budget = RowBudget.unlimited();
    return new ReplayableEnumerable<>(() -> Iterators.transform(
        complete(ParallelChains.merge(each(regions.iterator(), region -> chains(region, pushdown, control, budget)),
            control, chunkSize), used, control),
        item -> project(item, fields)));
  }

  /**
   * The rows with what only a per-row call gives, for the columns the query uses; called after the region
   * fan-out so that LIMIT bounds the calls. By default, nothing needs completing.
   */
  Iterator<T> complete(Iterator<T> rows, Set<String> usedColumns, ScanControl control) {
    return rows;
  }

  /** The statement's cancel flag and query timeout, as one scan sees them. */
  static ScanControl control(DataContext root) {
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    return new ScanControl(cancel == null ? new AtomicBoolean() : cancel, timeout == null ? 0 : timeout);
  }

  Object[] project(T item, int[] fields) {
    Object[] row = new Object[fields.length];
    for (int i = 0; i < fields.length; i++) {
      row[i] = columns.get(fields[i]).value().apply(item);
    }
    return row;
  }

  /** The chains of each key, in order, lazily: later keys' chains are made only when needed. */
  static <A, T> Iterator<Supplier<Iterator<T>>> each(Iterator<A> keys,
      Function<A, Iterator<Supplier<Iterator<T>>>> chains) {
    return Iterators.concat(Iterators.transform(keys, chains::apply));
  }
}
