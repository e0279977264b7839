package dev.gameliftstreams.jdbc.pushdown;

import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A column whose equality predicates a table sends to the source: part of a table's declaration,
 * read by the analyzer, by EXPLAIN and by the README's pushdown table.
 *
 * @param column    column name
 * @param operation the API operation it is sent to, or null for the table's list operation
 * @param parameter what the value becomes at the source (an API request parameter, or the region called)
 * @param accepts   which values are sent, in words (shown in the README)
 * @param valid     which values are sent; any other value matches no row, so it is dropped unsent
 * @param exact     whether the source's answer is exactly the SQL predicate; otherwise Calcite re-checks it
 */
public record KeyColumn(String column, String operation, String parameter, String accepts, Predicate<String> valid,
    boolean exact) {
  /** How the service spells enum values; values the SDK does not know yet are still sent. */
  private static final Pattern ENUM_SHAPE = Pattern.compile("[A-Z][A-Z_]*");

  /**
   * An enum-valued API filter. A value shaped like the service's enum values is sent even when the
   * SDK's model lacks it (AWS adds values, e.g. new statuses); any other value matches no row.
   */
  public static KeyColumn enumFilter(String column, String parameter, Iterable<?> knownValues) {
    return new KeyColumn(column, null, parameter, "values shaped like the service's enum values (`[A-Z][A-Z_]*`): "
        + String.join(", ", names(knownValues)) + ", and any AWS adds later; other values match no row",
        v -> ENUM_SHAPE.matcher(v).matches(), true);
  }

  private static Iterable<String> names(Iterable<?> values) {
    java.util.List<String> names = new java.util.ArrayList<>();
    values.forEach(v -> names.add(v.toString()));
    names.remove("UNKNOWN_TO_SDK_VERSION");
    return names;
  }

  @Override
  public String toString() {
    return column + "->" + parameter;
  }
}
