package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.pushdown.KeyFilter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.IntStream;
import org.apache.calcite.DataContext;
import org.apache.calcite.rex.RexDynamicParam;
import org.apache.calcite.rex.RexLiteral;
import org.apache.calcite.rex.RexNode;

/**
 * What a scan was planned to do: the table columns it reads, the key predicates it sends, the
 * rows it wants at most (a pushed LIMIT, with its OFFSET), and, for EXPLAIN, what Calcite
 * evaluates on top. Immutable; the planner rules derive new specs.
 *
 * @param fields the table's column indexes the scan's rows hold, in order
 * @param offset a pushed OFFSET (literal or {@code ?}), or null
 * @param fetch  a pushed LIMIT (literal or {@code ?}), or null: unlimited
 * @param left   the conditions the pushdown left to Calcite, by column name
 */
record ScanSpec(int[] fields, KeyFilter filter, RexNode offset, RexNode fetch, List<String> left) {
  static ScanSpec all(int columns) {
    return new ScanSpec(IntStream.range(0, columns).toArray(), KeyFilter.NONE, null, null, List.of());
  }

  ScanSpec withFields(int[] f) {
    return new ScanSpec(f, filter, offset, fetch, left);
  }

  ScanSpec withFilter(KeyFilter f, List<String> moreLeft) {
    List<String> l = new ArrayList<>(left);
    l.addAll(moreLeft);
    return new ScanSpec(fields, f, offset, fetch, List.copyOf(l));
  }

  ScanSpec withLimit(RexNode o, RexNode f) {
    return new ScanSpec(fields, filter, o, f, left);
  }

  /** The rows the scan wants, with parameters bound from {@code root}: OFFSET + LIMIT, or unlimited. */
  RowBudget budget(DataContext root) {
    if (fetch == null) {
      return RowBudget.unlimited();
    }
    return RowBudget.of(value(offset, root) + value(fetch, root));
  }

  private static long value(RexNode node, DataContext root) {
    if (node == null) {
      return 0;
    }
    if (node instanceof RexDynamicParam) {
      Object v = root.get("?" + ((RexDynamicParam) node).getIndex());
      return v == null ? 0 : ((Number) v).longValue();
    }
    return ((RexLiteral) node).getValueAs(Long.class);
  }

  /** The rows wanted as known at plan time, or -1 when unlimited or bound at execution. */
  long plannedRows() {
    if (fetch == null || !(fetch instanceof RexLiteral) || (offset != null && !(offset instanceof RexLiteral))) {
      return -1;
    }
    return value(offset, null) + value(fetch, null);
  }

  /**
   * MaxResults as EXPLAIN shows it: the page size, the rows wanted when fewer, or {@code min(pageSize, rows wanted)}.
   * A pushed LIMIT of a page or more must still show: the planner tells scans apart by this text, and would take
   * the limited scan for the unlimited one.
   */
  String maxResults(int pageSize) {
    if (fetch == null) {
      return String.valueOf(pageSize);
    }
    long planned = plannedRows();
    if (planned >= 0 && planned < pageSize) {
      return String.valueOf(planned);
    }
    return "min(" + pageSize + ", " + (planned >= 0 ? String.valueOf(planned)
        : (offset == null ? "" : offset + "+") + fetch) + ")";
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof ScanSpec)) {
      return false;
    }
    ScanSpec s = (ScanSpec) o;
    return Arrays.equals(fields, s.fields) && filter.equals(s.filter) && Objects.equals(offset, s.offset)
        && Objects.equals(fetch, s.fetch) && left.equals(s.left);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(fields), filter, offset, fetch, left);
  }
}
