package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsException;
import java.lang.reflect.Method;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.SQLSyntaxErrorException;
import java.time.DateTimeException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.calcite.avatica.util.DateTimeUtils;
import org.apache.calcite.plan.RelOptPlanner;
import org.apache.calcite.runtime.CalciteContextException;
import org.apache.calcite.runtime.CalciteException;
import org.apache.calcite.runtime.CalciteResource;
import org.apache.calcite.runtime.Resources;
import org.apache.calcite.sql.parser.SqlParseException;
import org.apache.calcite.sql.validate.SqlValidatorException;

/**
 * The driver's SQLState mapping: whatever Calcite, Avatica or a scan threw becomes an
 * {@link SQLException} whose SQLState and message name the real cause. Calcite reports what went
 * wrong through the kind of its exception and the resource (message template) it was made from;
 * those are what is classified here, not the wording of the outer "Error while preparing" wrapper.
 */
final class SqlErrors {
  static final String SYNTAX_ERROR = "42000";
  static final String NO_SUCH_TABLE = "42S02";
  static final String NO_SUCH_COLUMN = "42S22";
  static final String DATA_ERROR = "22000";
  static final String NUMERIC_OUT_OF_RANGE = "22003";
  static final String INVALID_DATETIME = "22007";
  static final String DIVISION_BY_ZERO = "22012";
  static final String INVALID_CAST = "22018";
  static final String NOT_SUPPORTED = "0A000";
  static final String CANCELED = GameLiftStreamsException.CANCELED;
  static final String CONNECTION_CLOSED = "08003";
  static final String INVALID_STATE = "HY010";
  static final String GENERAL = "HY000";

  /** Calcite resources (CalciteResource method names) by the SQLState they stand for. */
  private static final Map<String, List<String>> RESOURCES = Map.of(
      NO_SUCH_TABLE, List.of("objectNotFound", "objectNotFoundWithin", "objectNotFoundDidYouMean",
          "objectNotFoundWithinDidYouMean", "tableNameNotFound", "tableNameNotFoundDidYouMean", "tableNotFound",
          "schemaNotFound"),
      NO_SUCH_COLUMN, List.of("columnNotFound", "columnNotFoundDidYouMean", "columnNotFoundInTable",
          "columnNotFoundInTableDidYouMean", "unknownIdentifier", "unknownField"),
      NUMERIC_OUT_OF_RANGE, List.of("numberLiteralOutOfRange", "inputArgumentsOfFunctionOutOfRange"),
      INVALID_DATETIME, List.of("illegalLiteral", "dateLiteralOutOfRange"),
      INVALID_CAST, List.of("invalidLiteral"));

  private static final List<Kind> KINDS = kinds();

  private SqlErrors() {
  }

  /** A resource's message template as a pattern, tagged with the SQLState its kind stands for. */
  private record Kind(Pattern message, String sqlState) {
  }

  private static List<Kind> kinds() {
    List<Kind> kinds = new ArrayList<>();
    for (Method m : CalciteResource.class.getMethods()) {
      Resources.BaseMessage template = m.getAnnotation(Resources.BaseMessage.class);
      RESOURCES.forEach((state, names) -> {
        if (template != null && names.contains(m.getName())) {
          kinds.add(new Kind(templatePattern(template.value()), state));
        }
      });
    }
    return kinds;
  }

  /** A {@link java.text.MessageFormat} template as a regex: arguments match anything. */
  private static Pattern templatePattern(String template) {
    StringBuilder regex = new StringBuilder();
    Matcher arg = Pattern.compile("\\{[^}]*}").matcher(template);
    int at = 0;
    while (arg.find()) {
      regex.append(Pattern.quote(template.substring(at, arg.start()).replace("''", "'"))).append(".*?");
      at = arg.end();
    }
    regex.append(Pattern.quote(template.substring(at).replace("''", "'")));
    return Pattern.compile(regex.toString(), Pattern.DOTALL);
  }

  /**
   * What a JDBC call that failed with {@code t} throws.
   *
   * @param canceled whether the statement was canceled while this ran
   */
  static Throwable translate(Throwable t, boolean canceled) {
    // Calcite evaluates a query's constant expressions (1/0) in a generated class's static initializer.
    if (t instanceof ExceptionInInitializerError && t.getCause() instanceof RuntimeException) {
      t = t.getCause();
    } else if (t instanceof Error) {
      return t;
    }
    if (canceled) {
      return new SQLException("Statement canceled", CANCELED, t);
    }
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof GameLiftStreamsException) {
        return ((GameLiftStreamsException) c).toSQLException();
      }
    }
    if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
      return t;
    }
    SQLException cause = fromCause(t);
    if (cause != null) {
      return cause;
    }
    if (t instanceof SQLDataException) {
      return new SQLDataException(t.getMessage(), DATA_ERROR, t);
    }
    return new SQLException(message(t), GENERAL, t);
  }

  /** The SQLException for the first cause in the chain whose kind says what went wrong, or null. */
  private static SQLException fromCause(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SqlParseException) {
        return new SQLSyntaxErrorException(syntaxError((SqlParseException) c), SYNTAX_ERROR, t);
      }
      if (c instanceof CalciteContextException) {
        // "From line 1, column 15 to line 1, column 18: Object 'nope' not found"
        return validation(c.getMessage(), c.getCause() != null ? c.getCause().getMessage() : c.getMessage(), t);
      }
      if (c instanceof SqlValidatorException) {
        return validation(c.getMessage(), c.getMessage(), t);
      }
      if (c instanceof CalciteException) {
        String state = kind(c.getMessage());
        return state == null ? null : exception(c.getMessage(), state, t);
      }
      if (c instanceof RelOptPlanner.CannotPlanException) {
        return new SQLFeatureNotSupportedException("The driver cannot execute this query: Calcite found no plan for it",
            NOT_SUPPORTED, t);
      }
      if (c instanceof NumberFormatException) {
        return new SQLDataException("Invalid number: " + c.getMessage(), INVALID_CAST, t);
      }
      if (c instanceof ArithmeticException) {
        // The JDK's own wording for integer and BigDecimal division by zero.
        String m = String.valueOf(c.getMessage());
        return m.contains("by zero")
            ? new SQLDataException("Division by zero", DIVISION_BY_ZERO, t)
            : new SQLDataException("Numeric value out of range: " + m, NUMERIC_OUT_OF_RANGE, t);
      }
      if (c instanceof DateTimeException || thrownBy(c, DateTimeUtils.class)) {
        return new SQLDataException("Invalid date or time: " + c.getMessage(), INVALID_DATETIME, t);
      }
    }
    return null;
  }

  private static String syntaxError(SqlParseException e) {
    String message = "SQL syntax error: " + firstLine(e.getMessage());
    return e.getPos() == null || message.contains(" line ") ? message
        : message + " (line " + e.getPos().getLineNum() + ", column " + e.getPos().getColumnNum() + ")";
  }

  private static SQLException validation(String message, String resourceMessage, Throwable t) {
    String state = kind(resourceMessage);
    return exception(message, state == null ? SYNTAX_ERROR : state, t);
  }

  private static String kind(String resourceMessage) {
    if (resourceMessage == null) {
      return null;
    }
    for (Kind k : KINDS) {
      if (k.message().matcher(resourceMessage).matches()) {
        return k.sqlState();
      }
    }
    return null;
  }

  private static SQLException exception(String message, String state, Throwable cause) {
    if (state.startsWith("42")) {
      return new SQLSyntaxErrorException(message, state, cause);
    }
    if (state.startsWith("22")) {
      return new SQLDataException(message, state, cause);
    }
    return new SQLException(message, state, cause);
  }

  private static boolean thrownBy(Throwable t, Class<?> type) {
    StackTraceElement[] trace = t.getStackTrace();
    return trace.length > 0 && trace[0].getClassName().equals(type.getName());
  }

  /** The innermost message: wrappers (Avatica's "Error while ...") only repeat the SQL. */
  private static String message(Throwable t) {
    String message = t.getMessage();
    for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
      if (c.getMessage() != null) {
        message = c.getMessage();
      }
    }
    return message == null ? t.getClass().getSimpleName() : firstLine(message);
  }

  private static String firstLine(String s) {
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
