package dev.gameliftstreams.jdbc.schema;

import java.time.Instant;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A column of a table over API items of type {@code T}: its SQL name and type, and how to read
 * its value in Calcite's internal representation (TIMESTAMP as epoch millis, UTC).
 */
public record Column<T>(String name, SqlTypeName type, Function<T, Object> value) {
  static <T> Column<T> varchar(String name, Function<T, String> value) {
    return new Column<>(name, SqlTypeName.VARCHAR, value::apply);
  }

  static <T> Column<T> integer(String name, Function<T, Integer> value) {
    return new Column<>(name, SqlTypeName.INTEGER, value::apply);
  }

  static <T> Column<T> bool(String name, Function<T, Boolean> value) {
    return new Column<>(name, SqlTypeName.BOOLEAN, value::apply);
  }

  static <T> Column<T> timestamp(String name, Function<T, Instant> value) {
    return new Column<>(name, SqlTypeName.TIMESTAMP, item -> {
      Instant instant = value.apply(item);
      return instant == null ? null : instant.toEpochMilli();
    });
  }

  RelDataType relType(RelDataTypeFactory typeFactory) {
    RelDataType base = type == SqlTypeName.TIMESTAMP
        ? typeFactory.createSqlType(type, 3)
        : typeFactory.createSqlType(type);
    return typeFactory.createTypeWithNullability(base, true);
  }
}
