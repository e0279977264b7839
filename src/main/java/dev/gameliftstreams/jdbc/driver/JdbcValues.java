package dev.gameliftstreams.jdbc.driver;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.Set;
import java.util.function.LongFunction;

/**
 * Values crossing the JDBC boundary that Calcite's Avatica layer does not convert: java.time
 * values read from and bound to TIMESTAMP/DATE/TIME (all UTC: the driver's timestamps are UTC wall
 * clock, whatever the JVM's zone), and integral numbers bound to parameters of another integer
 * width (a {@code LIMIT ?} is INTEGER; Python and many tools send every integer as a long).
 */
final class JdbcValues {
  private static final Set<Class<?>> TIME_TYPES = Set.of(Instant.class, LocalDateTime.class, OffsetDateTime.class,
      ZonedDateTime.class, LocalDate.class, LocalTime.class, OffsetTime.class);

  private record IntType(String name, long min, long max, LongFunction<Object> box) {
  }

  private static final Map<Integer, IntType> INT_TYPES = Map.of(
      Types.TINYINT, new IntType("TINYINT", Byte.MIN_VALUE, Byte.MAX_VALUE, v -> (byte) v),
      Types.SMALLINT, new IntType("SMALLINT", Short.MIN_VALUE, Short.MAX_VALUE, v -> (short) v),
      Types.INTEGER, new IntType("INTEGER", Integer.MIN_VALUE, Integer.MAX_VALUE, v -> (int) v),
      Types.BIGINT, new IntType("BIGINT", Long.MIN_VALUE, Long.MAX_VALUE, v -> v));

  private JdbcValues() {
  }

  static boolean isTimeType(Class<?> type) {
    return TIME_TYPES.contains(type);
  }

  /**
   * {@code getObject(column, type)} for a java.time {@code type}.
   *
   * @param value what {@code getObject(column)} returned: a java.sql.Timestamp, Date or Time
   *              whose epoch millis are the UTC instant
   */
  static Object readTime(Object value, Class<?> type) throws SQLException {
    if (value == null) {
      return null;
    }
    Instant instant;
    if (value instanceof Timestamp) {
      instant = ((Timestamp) value).toInstant();
    } else if (value instanceof java.util.Date) {
      instant = Instant.ofEpochMilli(((java.util.Date) value).getTime());
    } else {
      throw new SQLDataException("Cannot convert a " + value.getClass().getSimpleName() + " value to "
          + type.getSimpleName(), SqlErrors.INVALID_CAST);
    }
    OffsetDateTime utc = instant.atOffset(ZoneOffset.UTC);
    if (type == Instant.class) {
      return instant;
    } else if (type == OffsetDateTime.class) {
      return utc;
    } else if (type == ZonedDateTime.class) {
      return utc.toZonedDateTime();
    } else if (type == LocalDateTime.class) {
      return utc.toLocalDateTime();
    } else if (type == LocalDate.class) {
      return utc.toLocalDate();
    } else if (type == LocalTime.class) {
      return utc.toLocalTime();
    }
    return utc.toOffsetTime();
  }

  /** A java.time parameter as the java.sql value Avatica binds (epoch millis of the UTC instant). */
  static Object bindableTime(Temporal value) {
    if (value instanceof LocalDate) {
      return new java.sql.Date(((LocalDate) value).toEpochDay() * 86_400_000L);
    }
    if (value instanceof LocalTime) {
      return new java.sql.Time(((LocalTime) value).toNanoOfDay() / 1_000_000L);
    }
    if (value instanceof OffsetTime) {
      return new java.sql.Time(((OffsetTime) value).withOffsetSameInstant(ZoneOffset.UTC).toLocalTime()
          .toNanoOfDay() / 1_000_000L);
    }
    Instant instant = value instanceof LocalDateTime ? ((LocalDateTime) value).toInstant(ZoneOffset.UTC)
        : Instant.from(value);
    return Timestamp.from(instant);
  }

  static boolean isBindableTime(Object value) {
    return value != null && isTimeType(value.getClass());
  }

  /**
   * An integral number as the Java type of the parameter's declared integer type, or the value
   * itself when either is not integral.
   *
   * @throws SQLDataException if it does not fit the declared type
   */
  static Object integral(Object value, int sqlType, int parameter) throws SQLException {
    if (!(value instanceof Byte || value instanceof Short || value instanceof Integer || value instanceof Long
        || value instanceof BigInteger || value instanceof BigDecimal)) {
      return value;
    }
    IntType target = INT_TYPES.get(sqlType);
    if (target == null) {
      return value;
    }
    long v;
    try {
      v = value instanceof BigInteger ? ((BigInteger) value).longValueExact()
          : value instanceof BigDecimal ? ((BigDecimal) value).longValueExact()
          : ((Number) value).longValue();
    } catch (ArithmeticException e) {
      return value;
    }
    if (v < target.min() || v > target.max()) {
      throw new SQLDataException("Parameter " + parameter + ": " + value + " is out of range for " + target.name(),
          SqlErrors.NUMERIC_OUT_OF_RANGE);
    }
    return target.box().apply(v);
  }
}
