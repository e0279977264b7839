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
import java.util.regex.Pattern;
import java.util.function.Supplier;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table whose rows are the items of GameLift Streams list calls. With several identities (accounts) the
 * schema makes one instance per identity and links them ({@link #across}); the first scans them all, each
 * identity and region in parallel, skipping the accounts an {@code account_id} predicate excludes.
 * Otherwise: Subclasses define the columns
 * and how a pushdown turns into API calls for one region; this class analyzes filters, fans out
 * over regions (the {@code region} column is pushed in every table) and projects rows.
 */
abstract class ApiTable<T> extends AbstractTable implements ProjectableFilterableTable, TranslatableTable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.gameliftstreams.jdbc.pushdown");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  protected final GameLiftStreamsAccess access;
  /** This table for every identity of the connection, this one first. */
  private List<ApiTable<T>> identities = List.of(this);
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
    // Re-checked by Calcite: an identity whose account STS could not tell is scanned anyway.
    all.add(new PushableColumn("account_id", ACCOUNT_ID.asMatchPredicate(), false));
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
    LOG.info("{}: pushed {}; left to Calcite: {}", name, pushdown, filters.isEmpty() ? "nothing" : filters);
    if (pushdown.isEmpty()) {
      return Linq4j.emptyEnumerable();
    }
    ScanControl control = control(root);
    List<String> regions = pushdown.valuesOr("region", access.regions());
    List<ApiTable<T>> scanned = scanned(pushdown.values("account_id"));
    int[] fields = projects != null ? projects : IntStream.range(0, columns.size()).toArray();
    Set<String> used = Arrays.stream(fields).mapToObj(i -> columns.get(i).name()).collect(Collectors.toSet());
    RowBudget budget = RowBudget.unlimited();
    if (scanned.size() == 1) {
      ApiTable<T> table = scanned.get(0);
      return new ReplayableEnumerable<>(() -> Iterators.transform(
          table.complete(ParallelChains.merge(each(regions.iterator(),
              region -> table.chains(region, pushdown, control, budget)), control, chunkSize), used, control),
          item -> project(item, fields)));
    }
    // Several identities: one merge over every identity's chains; each chain is completed by its own identity.
    return new ReplayableEnumerable<>(() -> Iterators.transform(ParallelChains.merge(
        each(scanned.iterator(), table -> ApiTable.<String, T>each(regions.iterator(),
            region -> Iterators.transform(table.chains(region, pushdown, control, budget),
                chain -> () -> table.complete(chain.get(), used, control)))),
        control, chunkSize), item -> project(item, fields)));
  }

  /**
   * The identities to scan. With several, their account ids are learned up front (once per connection), so
   * that warnings name them; one identity learns its own only when {@code account_id} is pushed.
   *
   * @param accounts the pushed account ids, or null when unconstrained
   */
  private List<ApiTable<T>> scanned(Set<String> accounts) {
    if (accounts == null && identities.size() == 1) {
      return identities;
    }
    List<ApiTable<T>> scanned = new ArrayList<>();
    for (ApiTable<T> table : identities) {
      if (table.access.accountId().map(a -> accounts == null || accounts.contains(a)).orElse(true)) {
        scanned.add(table);
      }
    }
    return scanned;
  }

  /** Links one instance of a table per identity of the connection; returns the first, which scans them all. */
  static <X extends ApiTable<?>> X across(List<X> perIdentity) {
    @SuppressWarnings({"unchecked", "rawtypes"})
    List<ApiTable<Object>> all = (List) List.copyOf(perIdentity);
    all.get(0).identities = all;
    return perIdentity.get(0);
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
