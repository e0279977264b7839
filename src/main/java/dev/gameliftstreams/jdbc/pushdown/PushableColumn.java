package dev.gameliftstreams.jdbc.pushdown;

import java.util.function.Predicate;

/**
 * A column whose equality predicates a table can answer at the source.
 *
 * @param name  column name
 * @param valid which values the source accepts; others match no row, so they are dropped unsent
 * @param exact whether the source's answer is exactly the SQL predicate, so Calcite need not re-check it
 */
public record PushableColumn(String name, Predicate<String> valid, boolean exact) {
}
