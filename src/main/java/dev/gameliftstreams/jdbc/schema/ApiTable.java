package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.pushdown.FilterAnalyzer;
import dev.gameliftstreams.jdbc.pushdown.PushableColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
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
import org.apache.calcite.schema.ProjectableFilterableTable;
import org.apache.calcite.schema.impl.AbstractTable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A table whose rows are the items of GameLift Streams list calls. Subclasses define the columns
 * and how a pushdown turns into API calls for one identity and region; this class analyzes filters,
 * fans out over identities and regions (the {@code account_id} and {@code region} columns are pushed
 * in every table) and projects rows.
 */
abstract class ApiTable<T> extends AbstractTable implements ProjectableFilterableTable {
  private static final Logger LOG = LoggerFactory.getLogger("dev.gameliftstreams.jdbc.pushdown");
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final List<GameLiftStreamsAccess> identities;
  private final String name;
  private final List<Column<T>> columns;
  private final FilterAnalyzer analyzer;
  private final int chunkSize;

  ApiTable(String name, List<GameLiftStreamsAccess> identities, List<Column<T>> columns,
      List<PushableColumn> pushable, int chunkSize) {
    this.name = name;
    this.identities = identities;
    this.columns = columns;
    this.chunkSize = chunkSize;
    List<PushableColumn> all = new ArrayList<>(pushable);
    all.add(new PushableColumn("region", identities.get(0).regions()::contains, true));
    // Re-checked by Calcite: an identity whose account STS could not tell is scanned anyway.
    all.add(new PushableColumn("account_id", ACCOUNT_ID.asMatchPredicate(), false));
    this.analyzer = new FilterAnalyzer(columns.stream().map(Column::name).collect(Collectors.toList()), all);
  }

  /**
   * The independent call chains of one identity's region under the pushed constraints, lazily; each
   * yields its items lazily. {@link ParallelChains} runs them in parallel, all drawing on one budget.
   */
  abstract Iterator<Supplier<Iterator<T>>> chains(GameLiftStreamsAccess access, String region, Pushdown pushdown,
      ScanControl control, RowBudget budget);

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
    AtomicBoolean cancel = DataContext.Variable.CANCEL_FLAG.get(root);
    Long timeout = DataContext.Variable.TIMEOUT.get(root);
    ScanControl control = new ScanControl(cancel == null ? new AtomicBoolean() : cancel,
        timeout == null ? 0 : timeout);
    List<String> regions = pushdown.valuesOr("region", identities.get(0).regions());
    Set<String> accounts = pushdown.values("account_id");
    List<Map.Entry<GameLiftStreamsAccess, String>> sources = new ArrayList<>();
    for (GameLiftStreamsAccess access : identities) {
      // With several identities the account ids are learned up front (once per connection), so that
      // warnings name them; one identity learns its own only when account_id is pushed.
      boolean learn = accounts != null || identities.size() > 1;
      if (!learn || access.accountId().map(a -> accounts == null || accounts.contains(a)).orElse(true)) {
        regions.forEach(region -> sources.add(Map.entry(access, region)));
      }
    }
    int[] fields = projects != null ? projects : IntStream.range(0, columns.size()).toArray();
    RowBudget budget = RowBudget.unlimited();
    return new ReplayableEnumerable<>(() -> Iterators.transform(
        ParallelChains.merge(each(sources.iterator(),
            s -> chains(s.getKey(), s.getValue(), pushdown, control, budget)), control, chunkSize),
        item -> project(item, fields)));
  }

  private Object[] project(T item, int[] fields) {
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
