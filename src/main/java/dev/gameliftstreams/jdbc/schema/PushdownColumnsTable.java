package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.pushdown.KeyColumn;
import java.util.ArrayList;
import java.util.List;
import org.apache.calcite.DataContext;
import org.apache.calcite.linq4j.Enumerable;
import org.apache.calcite.linq4j.Linq4j;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.schema.ScannableTable;
import org.apache.calcite.schema.impl.AbstractTable;

/**
 * {@code pushdown_columns}: what a WHERE clause costs, one row per key column of every table, read from the
 * tables' declarations (the README's pushdown table is rendered from the same rows). Answered from memory: a
 * query of it makes no API call.
 */
final class PushdownColumnsTable extends AbstractTable implements ScannableTable, DescribedTable {
  static final String NAME = "pushdown_columns";

  /** The predicate shapes {@link dev.gameliftstreams.jdbc.pushdown.FilterAnalyzer} pushes on any key column. */
  static final String PREDICATES = "=, IN, OR of =, = ?";

  /**
   * One key column of one table.
   *
   * @param operation the API operation the value is sent to, or null where the value picks what is called (a
   *                  region, an identity) rather than a request parameter
   * @param sentAs    the request parameter, or what the value picks
   */
  record Row(String table, String column, String operation, String sentAs, String valuesSent,
      boolean recheckedByCalcite) {
  }

  private static final Column.Factory<Row> ON = new Column.Factory<>();

  static final List<Column<Row>> COLUMNS = List.of(
      ON.varchar("table_name", Row::table).primaryKey().remarks("Table whose scan sends the column's values"),
      ON.varchar("column_name", Row::column).primaryKey().remarks("Key column whose predicates are sent"),
      ON.varchar("api_operation", Row::operation)
          .remarks("API operation the values are sent to; null where they pick the regions or accounts called"),
      ON.varchar("sent_as", Row::sentAs).notNull().remarks("API request parameter, or what the values pick"),
      ON.varchar("values_sent", Row::valuesSent).notNull()
          .remarks("Which values are sent and what they cost; others match no row and make no call"),
      ON.varchar("predicates", r -> PREDICATES).notNull()
          .remarks("Predicate shapes pushed, anywhere in an AND; others are left to Calcite"),
      ON.bool("rechecked_by_calcite", Row::recheckedByCalcite).notNull()
          .remarks("Whether Calcite evaluates the predicate again on the rows the API returns"));

  /** Every table's key columns, in the order of {@link GameLiftStreamsSchema#DECLARATIONS}. */
  static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    for (TableDeclaration<?> t : GameLiftStreamsSchema.DECLARATIONS) {
      for (KeyColumn k : t.keys()) {
        boolean picks = k == TableDeclaration.REGION_KEY || k == TableDeclaration.ACCOUNT_KEY;
        rows.add(new Row(t.name(), k.column(), picks ? null : k.operation() == null ? t.operation() : k.operation(),
            k.parameter(), k.accepts(), !k.exact()));
      }
    }
    return rows;
  }

  @Override
  public String remarks() {
    return "Columns whose predicates are sent to the API, and what they cost (no API call)";
  }

  @Override
  public List<Column<Row>> columns() {
    return COLUMNS;
  }

  @Override
  public RelDataType getRowType(RelDataTypeFactory typeFactory) {
    return Column.rowType(COLUMNS, typeFactory);
  }

  @Override
  public Enumerable<Object[]> scan(DataContext root) {
    List<Object[]> values = new ArrayList<>();
    for (Row r : rows()) {
      values.add(COLUMNS.stream().map(c -> c.value().apply(r)).toArray());
    }
    return Linq4j.asEnumerable(values);
  }
}
