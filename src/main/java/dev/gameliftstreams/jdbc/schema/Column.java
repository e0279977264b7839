package dev.gameliftstreams.jdbc.schema;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;
import org.apache.calcite.rel.type.RelDataType;
import org.apache.calcite.rel.type.RelDataTypeFactory;
import org.apache.calcite.sql.type.SqlTypeName;

/**
 * A column of a table over API items of type {@code T}: its SQL name and type, how to read its
 * value in Calcite's internal representation (TIMESTAMP as epoch millis, UTC), and what
 * DatabaseMetaData says of it: remarks, nullability, maximum length, primary key, and the table
 * whose {@code arn} it references.
 *
 * @param maxLength the model's length constraint of a VARCHAR, or 0 where it has none
 * @param inPrimaryKey whether the column is (part of) the table's primary key
 * @param references the table whose {@code arn} this column holds, or null
 */
public record Column<T>(String name, SqlTypeName type, Function<T, Object> value, boolean nullable, int maxLength,
    String remarks, boolean inPrimaryKey, String references) {
  Column(String name, SqlTypeName type, Function<T, Object> value) {
    this(name, type, value, true, 0, null, false, null);
  }

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

  /** Column factories for items of type {@code T}, so that attribute calls chain: {@code on.varchar(...).notNull()}. */
  static final class Factory<T> {
    Column<T> varchar(String name, Function<T, String> value) {
      return Column.varchar(name, value);
    }

    Column<T> timestamp(String name, Function<T, Instant> value) {
      return Column.timestamp(name, value);
    }

    Column<T> integer(String name, Function<T, Integer> value) {
      return Column.integer(name, value);
    }

    Column<T> bool(String name, Function<T, Boolean> value) {
      return Column.bool(name, value);
    }
  }

  /** Always has a value (the model requires it, or it is derived from one that is required). */
  Column<T> notNull() {
    return new Column<>(name, type, value, false, maxLength, remarks, inPrimaryKey, references);
  }

  Column<T> maxLength(int length) {
    return new Column<>(name, type, value, nullable, length, remarks, inPrimaryKey, references);
  }

  Column<T> remarks(String text) {
    return new Column<>(name, type, value, nullable, maxLength, text, inPrimaryKey, references);
  }

  /** The table's primary key (never null). */
  Column<T> primaryKey() {
    return new Column<>(name, type, value, false, maxLength, remarks, true, references);
  }

  /** A foreign key to {@code table}'s {@code arn}. */
  Column<T> references(String table) {
    return new Column<>(name, type, value, nullable, maxLength, remarks, inPrimaryKey, table);
  }

  /** The SQL row type of a table of these columns. */
  static RelDataType rowType(List<? extends Column<?>> columns, RelDataTypeFactory typeFactory) {
    RelDataTypeFactory.Builder builder = typeFactory.builder();
    for (Column<?> c : columns) {
      builder.add(c.name(), c.relType(typeFactory));
    }
    return builder.build();
  }

  RelDataType relType(RelDataTypeFactory typeFactory) {
    RelDataType base;
    if (type == SqlTypeName.TIMESTAMP) {
      base = typeFactory.createSqlType(type, 3);
    } else if (type == SqlTypeName.VARCHAR) {
      // Without a constraint in the model, the longest VARCHAR the type system allows (tools size columns by it).
      base = typeFactory.createSqlType(type,
          maxLength > 0 ? maxLength : typeFactory.getTypeSystem().getMaxPrecision(type));
    } else {
      base = typeFactory.createSqlType(type);
    }
    return typeFactory.createTypeWithNullability(base, nullable);
  }
}
