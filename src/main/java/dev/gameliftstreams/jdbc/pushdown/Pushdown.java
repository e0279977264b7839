package dev.gameliftstreams.jdbc.pushdown;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The equality constraints a scan sends to the source: for each constrained column, the values
 * rows may have. A column with no values left means the predicate is unsatisfiable.
 */
public final class Pushdown {
  private final Map<String, Set<String>> values = new LinkedHashMap<>();

  void restrict(String column, Set<String> allowed) {
    values.merge(column, new LinkedHashSet<>(allowed), (a, b) -> {
      a.retainAll(b);
      return a;
    });
  }

  /** The values a column is restricted to, or null when it is unconstrained. */
  public Set<String> values(String column) {
    Set<String> v = values.get(column);
    return v == null ? null : Collections.unmodifiableSet(v);
  }

  /**
   * The values to iterate for a column: its constraint, or the given default when unconstrained
   * (e.g. {@code [null]}, "no filter").
   */
  public List<String> valuesOr(String column, List<String> unconstrained) {
    Set<String> v = values.get(column);
    return v == null ? unconstrained : List.copyOf(v);
  }

  /** True when some column has no allowed value: the scan returns no rows and calls nothing. */
  public boolean isEmpty() {
    return values.values().stream().anyMatch(Set::isEmpty);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Pushdown && ((Pushdown) o).values.equals(values);
  }

  @Override
  public int hashCode() {
    return values.hashCode();
  }

  @Override
  public String toString() {
    if (values.isEmpty()) {
      return "nothing";
    }
    return values.entrySet().stream()
        .map(e -> e.getKey() + " IN " + e.getValue())
        .collect(Collectors.joining(" AND "));
  }
}
