package dev.gameliftstreams.jdbc.schema;

import com.google.common.collect.Iterators;
import dev.gameliftstreams.jdbc.aws.GameLiftStreamsAccess;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.pushdown.KeyColumn;
import dev.gameliftstreams.jdbc.pushdown.Pushdown;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;
import org.apache.calcite.plan.Convention;
import org.apache.calcite.plan.RelOptTable;
import org.apache.calcite.rel.RelNode;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.TranslatableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * A table whose rows are the items of GameLift Streams list calls, described by its
 * {@link TableDeclaration}. Planning turns it into an {@link ApiScan}, into which the planner
 * rules push key predicates, projections and LIMIT; at execution this class runs the scan's call
 * chains (every region's) (the {@code region} column is a key of every table) and projects rows.
 */
abstract class ApiTable<T> extends AbstractTable implements TranslatableTable, DescribedTable {
  /** java.util.logging, which every logging framework bridges (README "Logging"). */
  private static final Logger LOG = Logger.getLogger("dev.gameliftstreams.jdbc.pushdown");

  protected final GameLiftStreamsAccess access;
  final TableDeclaration<T> declaration;
  final int pageSize;
  /** This table for every identity of the connection, this one first. */
  private List<ApiTable<T>> identities = List.of(this);

  ApiTable(TableDeclaration<T> declaration, GameLiftStreamsAccess access, int pageSize) {
    this.declaration = declaration;
    this.access = access;
    this.pageSize = pageSize;
  }

  /**
   * The independent call chains of one region under the pushed constraints, lazily; each yields
   * its items lazily. {@link ParallelChains} runs them in parallel, all drawing on one budget.
   *
   * @param used the columns the query reads: what only they need is not fetched otherwise
   */
  abstract Iterator<Supplier<Iterator<T>>> chains(String region, Pushdown pushdown, Set<String> used,
      ScanControl control, RowBudget budget);

  @Override
  public List<Column<T>> columns() {
    return declaration.columns();
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return Column.rowType(declaration.columns(), typeFactory);
  }

  @Override
  public RelNode toRel(RelOptTable.ToRelContext context, RelOptTable relOptTable) {
    return new ApiScan(context.getCluster(), context.getCluster().traitSetOf(Convention.NONE), relOptTable, this,
        ScanSpec.all(declaration.columns().size()));
  }

  /** The API calls a scan makes, for EXPLAIN, e.g. {@code ListStreamSessionsByAccount(Status=[ERROR], MaxResults=5)}. */
  String call(ScanSpec spec) {
    Map<KeyColumn, String> sent = spec.filter().describe();
    List<String> parameters = new ArrayList<>();
    for (KeyColumn k : declaration.keys()) {
      String values = sent.containsKey(k) ? sent.get(k) : unconstrained(k);
      if (k != TableDeclaration.REGION_KEY && k != TableDeclaration.ACCOUNT_KEY && k.operation() == null
          && values != null) {
        parameters.add(k.parameter() + "=" + values);
      }
    }
    parameters.add("MaxResults=" + spec.maxResults(pageSize));
    return declaration.operation() + "(" + String.join(", ", parameters) + ")";
  }

  /** Whether a LIMIT may bound the list calls: every listed item must then be a row. */
  boolean limitPushable() {
    return true;
  }

  /** What a call sends for a key column no predicate constrains; null: nothing. */
  String unconstrained(KeyColumn key) {
    return null;
  }

  /** The regions a scan calls, for EXPLAIN. */
  String regions(ScanSpec spec) {
    String pushed = spec.filter().describe().get(TableDeclaration.REGION_KEY);
    return pushed != null ? pushed : access.regions().toString();
  }

  /** The scan's rows under a pushdown resolved for one execution; each call starts the API calls anew. */
  Iterator<Object[]> open(ScanSpec spec, Pushdown pushdown, DataContext root) {
    LOG.info(() -> declaration.name() + ": pushed " + pushdown + "; left to Calcite: "
        + (spec.left().isEmpty() ? "nothing" : String.join(" AND ", spec.left())));
    List<String> regions = new ArrayList<>(pushdown.valuesOr("region", access.regions()));
    regions.retainAll(access.regions());
    if (pushdown.isEmpty() || regions.isEmpty()) {
      return Collections.emptyIterator();
    }
    ScanControl control = control(root);
    RowBudget budget = spec.budget(root);
    int[] fields = spec.fields();
    Set<String> used = Arrays.stream(fields).mapToObj(i -> declaration.columns().get(i).name())
        .collect(Collectors.toSet());
    List<ApiTable<T>> scanned = scanned(pushdown.values("account_id"));
    if (scanned.size() == 1) {
      ApiTable<T> table = scanned.get(0);
      return Iterators.transform(
          table.complete(ParallelChains.merge(each(regions.iterator(),
              region -> table.chains(region, pushdown, used, control, budget)), control, pageSize), used, control),
          item -> project(item, fields));
    }
    // Several identities: one merge over every identity's chains; each chain is completed by its own identity.
    return Iterators.transform(ParallelChains.merge(
        each(scanned.iterator(), table -> ApiTable.<String, T>each(regions.iterator(),
            region -> Iterators.transform(table.chains(region, pushdown, used, control, budget),
                chain -> () -> table.complete(chain.get(), used, control)))),
        control, pageSize), item -> project(item, fields));
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
      row[i] = declaration.columns().get(fields[i]).value().apply(item);
    }
    return row;
  }

  /** The chains of each key, in order, lazily: later keys' chains are made only when needed. */
  static <A, T> Iterator<Supplier<Iterator<T>>> each(Iterator<A> keys,
      Function<A, Iterator<Supplier<Iterator<T>>>> chains) {
    return Iterators.concat(Iterators.transform(keys, chains::apply));
  }
}
