package dev.gameliftstreams.jdbc.pushdown;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.calcite.DataContext;

/**
 * The key-column predicates a scan sends to the source, as planned: an AND of terms, each an OR of
 * values of one key column (literals or {@code ?} parameters). {@link #resolve} binds it at execution.
 */
public final class KeyFilter {
  public static final KeyFilter NONE = new KeyFilter(List.of());

  /**
   * One pushed conjunct.
   *
   * @param column   the key column it constrains
   * @param values   the values it allows (an OR)
   * @param conjunct the planner's digest of the conjunct, so it is pushed once however often it is offered
   */
  public record Term(KeyColumn column, List<Operand> values, String conjunct) {
  }

  private final List<Term> terms;

  private KeyFilter(List<Term> terms) {
    this.terms = List.copyOf(terms);
  }

  public List<Term> terms() {
    return terms;
  }

  public KeyFilter and(List<Term> more) {
    List<Term> all = new ArrayList<>(terms);
    all.addAll(more);
    return new KeyFilter(all);
  }

  public boolean pushed(String conjunct) {
    return terms.stream().anyMatch(t -> t.conjunct().equals(conjunct));
  }

  public boolean constrains(String column) {
    return terms.stream().anyMatch(t -> t.column().column().equals(column));
  }

  /** The values each constrained column may have, with parameters bound from {@code root}. */
  public Pushdown resolve(DataContext root) {
    Pushdown pushdown = new Pushdown();
    for (Term t : terms) {
      Set<String> allowed = new LinkedHashSet<>();
      for (Operand o : t.values()) {
        String v = o.value(root);
        // SQL's col = NULL matches nothing; values the source does not accept match no row either.
        if (v != null && t.column().valid().test(v)) {
          allowed.add(v);
        }
      }
      pushdown.restrict(t.column().column(), allowed);
    }
    return pushdown;
  }

  /**
   * What is sent per key column, for EXPLAIN: literal values already intersected and checked
   * ({@code []}: nothing can match, so nothing is called), parameters as {@code ?n}.
   */
  public Map<KeyColumn, String> describe() {
    Map<KeyColumn, List<Term>> byColumn = new LinkedHashMap<>();
    for (Term t : terms) {
      byColumn.computeIfAbsent(t.column(), c -> new ArrayList<>()).add(t);
    }
    Map<KeyColumn, String> out = new LinkedHashMap<>();
    byColumn.forEach((column, columnTerms) -> {
      Set<String> literals = null;
      List<String> params = new ArrayList<>();
      for (Term t : columnTerms) {
        if (t.values().stream().anyMatch(Operand::isParam)) {
          params.add(t.values().stream().map(Operand::toString).collect(Collectors.joining(", ", "[", "]")));
          continue;
        }
        Set<String> valid = t.values().stream().map(Operand::literal)
            .filter(v -> v != null && column.valid().test(v)).collect(Collectors.toCollection(LinkedHashSet::new));
        if (literals == null) {
          literals = valid;
        } else {
          literals.retainAll(valid);
        }
      }
      List<String> parts = new ArrayList<>();
      if (literals != null) {
        parts.add(literals.toString());
      }
      parts.addAll(params);
      out.put(column, String.join(" and ", parts));
    });
    return out;
  }

  /** True when literal values alone already match nothing: the scan calls nothing. */
  public boolean matchesNothing() {
    return describe().values().stream().anyMatch(d -> d.startsWith("[]"));
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof KeyFilter && ((KeyFilter) o).terms.equals(terms);
  }

  @Override
  public int hashCode() {
    return Objects.hash(terms);
  }
}
