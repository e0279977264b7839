package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.schema.Column;
import dev.gameliftstreams.jdbc.schema.DescribedTable;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.calcite.avatica.MetaImpl;
import org.apache.calcite.jdbc.CalciteConnection;
import org.apache.calcite.jdbc.CalciteMetaColumnFactory;
import org.apache.calcite.jdbc.CalciteMetaImpl;
import org.apache.calcite.jdbc.CalciteMetaTableFactory;
import org.apache.calcite.schema.SchemaPlus;
import org.apache.calcite.schema.Table;
import org.apache.calcite.schema.lookup.LikePattern;

/**
 * DatabaseMetaData as BI tools read it. Calcite answers the catalog calls; the driver adds what
 * its table declarations ({@link DescribedTable}) know: remarks, primary keys (each table's
 * {@code arn}) and foreign keys (columns that hold another table's ARN). Name patterns match
 * case-insensitively, as SQL names do, and Calcite's internal {@code metadata} schema is not listed.
 */
final class Metadata {
  static final String HIDDEN_SCHEMA = "metadata";

  private static final List<String> KEY_COLUMNS = List.of("TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "COLUMN_NAME",
      "KEY_SEQ", "PK_NAME");
  private static final List<String> REFERENCE_COLUMNS = List.of("PKTABLE_CAT", "PKTABLE_SCHEM", "PKTABLE_NAME",
      "PKCOLUMN_NAME", "FKTABLE_CAT", "FKTABLE_SCHEM", "FKTABLE_NAME", "FKCOLUMN_NAME", "KEY_SEQ", "UPDATE_RULE",
      "DELETE_RULE", "FK_NAME", "PK_NAME", "DEFERRABILITY");

  private Metadata() {
  }

  /** Which rows of a Calcite metadata result the caller sees. */
  private interface RowFilter {
    boolean accept(ResultSet row) throws SQLException;
  }

  /**
   * The answer to a DatabaseMetaData call, or null where Calcite's is right as it is.
   *
   * @param calcite the connection to read schemas from and to build results with
   */
  static ResultSet answer(DatabaseMetaData md, Connection calcite, String method, Object[] args) throws SQLException {
    switch (method) {
      case "getTables":
        return select(calcite, md.getTables((String) args[0], null, null, (String[]) args[3]),
            row -> visible(row) && like(args[1], row, "TABLE_SCHEM") && like(args[2], row, "TABLE_NAME"),
            "TABLE_TYPE", "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME");
      case "getColumns":
        return select(calcite, md.getColumns((String) args[0], null, null, null),
            row -> visible(row) && like(args[1], row, "TABLE_SCHEM") && like(args[2], row, "TABLE_NAME")
                && like(args[3], row, "COLUMN_NAME"),
            "TABLE_CAT", "TABLE_SCHEM", "TABLE_NAME", "ORDINAL_POSITION");
      case "getSchemas":
        return args == null || args.length == 0
            ? select(calcite, md.getSchemas(), Metadata::visible, "TABLE_CATALOG", "TABLE_SCHEM")
            : select(calcite, md.getSchemas((String) args[0], null),
                row -> visible(row) && like(args[1], row, "TABLE_SCHEM"), "TABLE_CATALOG", "TABLE_SCHEM");
      case "getPrimaryKeys":
        return primaryKeys(calcite, (String) args[1], (String) args[2]);
      case "getImportedKeys":
        return references(calcite, null, null, (String) args[1], (String) args[2]);
      case "getExportedKeys":
        return references(calcite, (String) args[1], (String) args[2], null, null);
      case "getCrossReference":
        return references(calcite, (String) args[1], (String) args[2], (String) args[4], (String) args[5]);
      default:
        return null;
    }
  }

  /**
   * The rows of Calcite's answer that {@code filter} accepts, in the order JDBC specifies (Calcite
   * lists names unordered).
   */
  private static ResultSet select(Connection calcite, ResultSet answer, RowFilter filter, String... orderBy)
      throws SQLException {
    try (answer) {
      ResultSetMetaData meta = answer.getMetaData();
      List<String> columns = new ArrayList<>();
      List<Integer> types = new ArrayList<>();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(meta.getColumnLabel(i));
        types.add(meta.getColumnType(i));
      }
      List<List<Object>> rows = new ArrayList<>();
      while (answer.next()) {
        if (filter.accept(answer)) {
          List<Object> row = new ArrayList<>();
          for (int i = 1; i <= columns.size(); i++) {
            row.add(answer.getObject(i));
          }
          rows.add(row);
        }
      }
      Comparator<List<Object>> order = (a, b) -> 0;
      for (String column : orderBy) {
        int index = columns.indexOf(column);
        order = order.thenComparing(r -> (Comparable) r.get(index), Comparator.nullsFirst(Comparator.naturalOrder()));
      }
      rows.sort(order);
      return values(calcite, columns, types, rows);
    }
  }

  private static boolean visible(ResultSet row) throws SQLException {
    return !HIDDEN_SCHEMA.equals(row.getString("TABLE_SCHEM"));
  }

  /** JDBC pattern semantics ({@code %}, {@code _}, {@code \} escapes; null matches all), ignoring case. */
  private static boolean like(Object pattern, ResultSet row, String column) throws SQLException {
    if (pattern == null) {
      return true;
    }
    String value = row.getString(column);
    return value != null && likePattern((String) pattern).matcher(value).matches();
  }

  static Pattern likePattern(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(Pattern.quote(String.valueOf(pattern.charAt(++i))));
      } else if (c == '%') {
        regex.append(".*");
      } else if (c == '_') {
        regex.append('.');
      } else {
        regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE | Pattern.DOTALL);
  }

  /** A declared table of a visible schema. */
  private record Declared(String schema, String name, DescribedTable table) {
  }

  private static List<Declared> declaredTables(Connection calcite) throws SQLException {
    SchemaPlus root = calcite.unwrap(CalciteConnection.class).getRootSchema();
    List<Declared> tables = new ArrayList<>();
    for (String schemaName : root.subSchemas().getNames(LikePattern.any())) {
      SchemaPlus schema = root.subSchemas().get(schemaName);
      if (schema == null || schemaName.equals(HIDDEN_SCHEMA)) {
        continue;
      }
      for (String tableName : schema.tables().getNames(LikePattern.any())) {
        Table table = schema.tables().get(tableName);
        if (table instanceof DescribedTable) {
          tables.add(new Declared(schemaName, tableName, (DescribedTable) table));
        }
      }
    }
    tables.sort(Comparator.comparing(Declared::schema).thenComparing(Declared::name));
    return tables;
  }

  /** Whether {@code name} is {@code wanted}; a null {@code wanted} matches any (JDBC: not in the criteria). */
  private static boolean is(String wanted, String name) {
    return wanted == null || wanted.equalsIgnoreCase(name);
  }

  private static ResultSet primaryKeys(Connection calcite, String schema, String table) throws SQLException {
    List<List<Object>> rows = new ArrayList<>();
    for (Declared t : declaredTables(calcite)) {
      if (is(schema, t.schema()) && is(table, t.name())) {
        short seq = 1;
        for (Column<?> c : t.table().columns()) {
          if (c.inPrimaryKey()) {
            rows.add(listOf(calcite.getCatalog(), t.schema(), t.name(), c.name(), seq++, "pk_" + t.name()));
          }
        }
      }
    }
    rows.sort(Comparator.comparing(r -> (String) r.get(3)));
    return values(calcite, KEY_COLUMNS, types(KEY_COLUMNS), rows);
  }

  /** Foreign keys from tables matching {@code fkSchema}/{@code fkTable} to those matching the pk criteria. */
  private static ResultSet references(Connection calcite, String pkSchema, String pkTable, String fkSchema,
      String fkTable) throws SQLException {
    List<Declared> tables = declaredTables(calcite);
    List<List<Object>> rows = new ArrayList<>();
    for (Declared fk : tables) {
      if (!is(fkSchema, fk.schema()) || !is(fkTable, fk.name())) {
        continue;
      }
      for (Column<?> c : fk.table().columns()) {
        for (Declared pk : tables) {
          if (c.references() != null && pk.schema().equals(fk.schema()) && pk.name().equalsIgnoreCase(c.references())
              && is(pkSchema, pk.schema()) && is(pkTable, pk.name())) {
            rows.add(listOf(calcite.getCatalog(), pk.schema(), pk.name(), "arn", calcite.getCatalog(), fk.schema(),
                fk.name(), c.name(), (short) 1, (short) DatabaseMetaData.importedKeyNoAction,
                (short) DatabaseMetaData.importedKeyNoAction, "fk_" + fk.name() + "_" + c.name(), "pk_" + pk.name(),
                (short) DatabaseMetaData.importedKeyNotDeferrable));
          }
        }
      }
    }
    // JDBC orders imported keys by the primary key's table, exported keys by the foreign key's.
    int by = fkTable != null && pkTable == null ? 2 : 6;
    rows.sort(Comparator.comparing((List<Object> r) -> (String) r.get(by)).thenComparing(r -> (String) r.get(7)));
    return values(calcite, REFERENCE_COLUMNS, types(REFERENCE_COLUMNS), rows);
  }

  private static List<Object> listOf(Object... values) {
    return Arrays.asList(values);
  }

  /** The JDBC types of key results' columns: the sequence and rule numbers are SMALLINT. */
  private static List<Integer> types(List<String> columns) {
    return columns.stream().map(c -> c.equals("KEY_SEQ") || c.endsWith("_RULE") || c.equals("DEFERRABILITY")
        ? Types.SMALLINT : Types.VARCHAR).collect(Collectors.toList());
  }

  /** Rows as a result set of Calcite's own, from a VALUES query with the given column types. */
  private static ResultSet values(Connection calcite, List<String> columns, List<Integer> types,
      List<List<Object>> rows) throws SQLException {
    List<List<Object>> shown = rows.isEmpty() ? List.of(Arrays.asList(new Object[columns.size()])) : rows;
    String sql = "select * from (values "
        + shown.stream().map(r -> IntStream.range(0, columns.size())
                .mapToObj(i -> literal(r.get(i), types.get(i))).collect(Collectors.joining(", ", "(", ")")))
            .collect(Collectors.joining(", "))
        + ") as t(" + columns.stream().map(c -> '"' + c + '"').collect(Collectors.joining(", ")) + ")"
        + (rows.isEmpty() ? " where false" : "");
    Statement st = calcite.createStatement();
    st.closeOnCompletion();
    return st.executeQuery(sql);
  }

  private static String literal(Object value, int type) {
    String sqlType = type == Types.SMALLINT ? "smallint" : type == Types.INTEGER ? "integer" : "varchar";
    String text = value == null ? "null"
        : sqlType.equals("varchar") ? "'" + value.toString().replace("'", "''") + "'" : value.toString();
    return "cast(" + text + " as " + sqlType + ")";
  }

  /** Calcite's table rows, with the table's remarks. */
  static final CalciteMetaTableFactory TABLES = new CalciteMetaTableFactory() {
    @Override
    public MetaImpl.MetaTable createTable(Table table, String tableCat, String tableSchem, String tableName) {
      return new DescribedMetaTable(table, tableCat, tableSchem, tableName,
          table instanceof DescribedTable ? ((DescribedTable) table).remarks() : null);
    }

    @Override
    public Class<? extends MetaImpl.MetaTable> getMetaTableClass() {
      return DescribedMetaTable.class;
    }
  };

  /** Calcite's column rows, with the column's remarks. */
  static final CalciteMetaColumnFactory COLUMNS = new CalciteMetaColumnFactory() {
    @Override
    public MetaImpl.MetaColumn createColumn(Table table, String tableCat, String tableSchem, String tableName,
        String columnName, int dataType, String typeName, Integer columnSize, Integer decimalDigits,
        int numPrecRadix, int nullable, Integer charOctetLength, int ordinalPosition, String isNullable) {
      String remarks = null;
      if (table instanceof DescribedTable) {
        for (Column<?> c : ((DescribedTable) table).columns()) {
          if (c.name().equals(columnName)) {
            remarks = c.remarks();
          }
        }
      }
      return new DescribedMetaColumn(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize,
          decimalDigits, numPrecRadix, nullable, charOctetLength, ordinalPosition, isNullable, remarks);
    }

    @Override
    public Class<? extends MetaImpl.MetaColumn> getMetaColumnClass() {
      return DescribedMetaColumn.class;
    }
  };

  /** Calcite reads metadata rows' public fields by JDBC column name; {@code remarks} hides the base's null. */
  public static final class DescribedMetaTable extends CalciteMetaImpl.CalciteMetaTable {
    public final String remarks;

    DescribedMetaTable(Table table, String tableCat, String tableSchem, String tableName, String remarks) {
      super(table, tableCat, tableSchem, tableName);
      this.remarks = remarks;
    }
  }

  /** See {@link DescribedMetaTable}. */
  public static final class DescribedMetaColumn extends MetaImpl.MetaColumn {
    public final String remarks;

    DescribedMetaColumn(String tableCat, String tableSchem, String tableName, String columnName, int dataType,
        String typeName, Integer columnSize, Integer decimalDigits, int numPrecRadix, int nullable,
        Integer charOctetLength, int ordinalPosition, String isNullable, String remarks) {
      super(tableCat, tableSchem, tableName, columnName, dataType, typeName, columnSize, decimalDigits, numPrecRadix,
          nullable, charOctetLength, ordinalPosition, isNullable);
      this.remarks = remarks;
    }
  }
}
