package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.pushdown.KeyColumn;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * A table as data: its name, the API operation it lists, its columns, and its key columns (the
 * columns whose equality predicates are sent to the API). The scan's analysis, EXPLAIN, the
 * README's tables and the JDBC metadata all read this one declaration.
 *
 * @param keys the table's own key columns; {@code region} is added, it is a key of every table
 */
public record TableDeclaration<T>(String name, String operation, List<Column<T>> columns, List<KeyColumn> keys) {
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-[a-z]+)+-\\d+");
  private static final Pattern ACCOUNT = Pattern.compile("\\d{12}");

  /** Every table is scanned region by region: a region predicate picks the regions called. */
  static final KeyColumn REGION_KEY = new KeyColumn("region", null, "the region called",
      "the regions the connection scans; others match no row", v -> REGION.matcher(v).matches(), true);

  /**
   * With several identities (accounts) per connection, an account predicate picks the identities called.
   * Re-checked by Calcite: an identity whose account STS could not tell is scanned anyway.
   */
  static final KeyColumn ACCOUNT_KEY = new KeyColumn("account_id", null, "the identities (accounts) called",
      "12-digit account ids; others match no row", v -> ACCOUNT.matcher(v).matches(), false);

  public TableDeclaration {
    columns = List.copyOf(columns);
    List<KeyColumn> all = new ArrayList<>(keys);
    all.add(REGION_KEY);
    all.add(ACCOUNT_KEY);
    keys = List.copyOf(all);
    for (KeyColumn k : keys) {
      if (index(columns, k.column()) < 0) {
        throw new IllegalArgumentException(name + " has no column " + k.column());
      }
    }
  }

  int index(String column) {
    return index(columns, column);
  }

  private static int index(List<? extends Column<?>> columns, String column) {
    for (int i = 0; i < columns.size(); i++) {
      if (columns.get(i).name().equals(column)) {
        return i;
      }
    }
    return -1;
  }

  /** The key column a table column is, or null. */
  KeyColumn key(int column) {
    String name = columns.get(column).name();
    return keys.stream().filter(k -> k.column().equals(name)).findFirst().orElse(null);
  }
}
