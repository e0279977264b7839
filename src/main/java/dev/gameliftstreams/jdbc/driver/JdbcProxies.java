package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.aws.ScanControl;
import dev.gameliftstreams.jdbc.aws.ScanWarnings;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLWarning;
import java.sql.Savepoint;
import java.sql.Statement;
import java.time.temporal.Temporal;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.calcite.avatica.AvaticaConnection;
import org.apache.calcite.avatica.AvaticaStatement;
import org.apache.calcite.avatica.NoSuchStatementException;
import org.apache.calcite.prepare.Prepare;
import org.apache.calcite.util.TryThreadLocal;

/**
 * The JDBC objects the application sees: Calcite's, wrapped so that
 * <ul>
 *   <li>every failure is an {@link SQLException} whose SQLState names the cause ({@link SqlErrors});
 *   <li>the connection behaves as a read-only source: commit, rollback and setReadOnly are accepted;
 *   <li>statements that would write are refused before planning ({@link WriteStatements});
 *   <li>a canceled statement reports 57014 wherever the cancel surfaces, and runs again afterwards;
 *   <li>java.time values and integer parameters of any width convert ({@link JdbcValues});
 *   <li>a statement's scan warnings ({@link ScanWarnings}) reach its {@code getWarnings()}.
 * </ul>
 */
final class JdbcProxies {
  private static final Set<Class<?>> WRAPPED = Set.of(Statement.class, PreparedStatement.class,
      CallableStatement.class, ResultSet.class, DatabaseMetaData.class);
  private static final Set<String> SQL_METHODS = Set.of("prepareStatement", "prepareCall", "execute",
      "executeQuery", "executeUpdate", "executeLargeUpdate", "addBatch");
  private static final Set<String> INTEGRAL_SETTERS = Set.of("setObject", "setLong", "setInt", "setShort",
      "setByte", "setBigDecimal");

  /**
   * A read-only source has nothing to commit or roll back, and stays read-only whatever pools and
   * transaction managers set; these calls succeed without effect (auto-commit and isolation are kept by Calcite).
   */
  private static final Set<String> READ_ONLY_NO_OPS = Set.of("commit", "rollback", "setReadOnly");

  /** Which ResultSet methods only read the current row, by {@link #readsRow}. */
  private static final Map<Method, Boolean> READS_ROW = new ConcurrentHashMap<>();

  private JdbcProxies() {
  }

  /**
   * A column getter (or wasNull) that returns a plain value: most calls on a result set, one per column and row.
   * It runs no scan and returns nothing to wrap, so it goes straight to Calcite's result set.
   */
  private static boolean readsRow(Method method) {
    String name = method.getName();
    return method.getDeclaringClass() == ResultSet.class && !WRAPPED.contains(method.getReturnType())
        && (name.equals("wasNull") || name.startsWith("get") && !name.equals("getWarnings")
            && !name.equals("getStatement") && !(name.equals("getObject") && method.getParameterCount() == 2));
  }

  /** The connection the application sees; {@code onClose} runs once, after Calcite's close. */
  static Connection connection(Connection calcite, Runnable onClose) throws SQLException {
    ConnectionHandler handler = new ConnectionHandler(calcite, calcite.unwrap(AvaticaConnection.class), onClose);
    handler.proxy = proxy(Connection.class, handler);
    return handler.proxy;
  }

  /**
   * Generates the proxy classes ahead of their first use (a fresh JVM's first takes about 0.1 s): run by
   * {@link ClassPreloader}, off the connecting thread.
   */
  static void defineProxyClasses() {
    InvocationHandler none = (proxy, method, args) -> null;
    proxy(Connection.class, none);
    WRAPPED.forEach(type -> proxy(type, none));
  }

  private static <T> T proxy(Class<T> type, InvocationHandler handler) {
    return type.cast(Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type}, handler));
  }

  /** What a statement and its result sets share. */
  private static final class Execution {
    /** Set by {@code cancel()}, cleared when the next execution starts. */
    final AtomicBoolean canceled = new AtomicBoolean();
    /** The warnings of the statement's scans, bound to the thread during each call on it or its result sets. */
    final ScanWarnings warnings = new ScanWarnings();
    /** Calcite's own flag for the statement, which it never clears by itself. */
    final AtomicBoolean engineCancelFlag;
    Statement proxy;

    Execution(AtomicBoolean engineCancelFlag) {
      this.engineCancelFlag = engineCancelFlag;
    }

    /** JDBC: a statement's warnings are cleared each time it is executed. */
    void start() {
      canceled.set(false);
      engineCancelFlag.set(false);
      warnings.clear();
    }
  }

  private static class Handler implements InvocationHandler {
    final Object target;
    private final ConnectionHandler connection;
    /** The statement this object belongs to, or null (the connection, DatabaseMetaData). */
    final Execution execution;

    Handler(Object target, ConnectionHandler connection, Execution execution) {
      this.target = target;
      this.connection = connection;
      this.execution = execution;
    }

    ConnectionHandler connection() {
      return connection;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      if (target instanceof ResultSet && READS_ROW.computeIfAbsent(method, JdbcProxies::readsRow)) {
        try {
          return invokeTarget(method, args);
        } catch (SQLException | RuntimeException | Error e) {
          throw failure(method, args, e);
        }
      }
      switch (method.getName()) {
        case "getConnection":
          return connection().proxy;
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "gameliftstreams-jdbc " + method.getDeclaringClass().getSimpleName() + "@"
              + Integer.toHexString(System.identityHashCode(proxy));
        default:
          try {
            return call(method, args);
          } catch (SQLException | RuntimeException | Error e) {
            throw failure(method, args, e);
          }
      }
    }

    Object call(Method method, Object[] args) throws Throwable {
      if (SQL_METHODS.contains(method.getName()) && args != null && args[0] instanceof String) {
        WriteStatements.reject((String) args[0]);
      }
      if (target instanceof Statement) {
        statementCall(method, args);
      }
      if (target instanceof PreparedStatement && INTEGRAL_SETTERS.contains(method.getName())
          && args[0] instanceof Integer && bindConverted((Integer) args[0], args[1])) {
        return null;
      }
      if (target instanceof DatabaseMetaData) {
        ResultSet answer = Metadata.answer((DatabaseMetaData) target, (Connection) connection().target,
            method.getName(), args);
        if (answer != null) {
          return wrap(ResultSet.class, answer);
        }
      }
      if (target instanceof ResultSet) {
        if (method.getName().equals("getStatement") && execution != null) {
          return execution.proxy;
        }
        if (method.getName().equals("getObject") && args.length == 2 && args[1] instanceof Class
            && JdbcValues.isTimeType((Class<?>) args[1])) {
          ResultSet rs = (ResultSet) target;
          Object value = args[0] instanceof Integer ? rs.getObject((Integer) args[0]) : rs.getObject((String) args[0]);
          return JdbcValues.readTime(value, (Class<?>) args[1]);
        }
      }
      if (execution == null) {
        return wrap(method.getReturnType(), invoke(method, args));
      }
      switch (method.getName()) {
        case "getWarnings":
          return chain((SQLWarning) invoke(method, args), execution.warnings.chain());
        case "clearWarnings":
          execution.warnings.clear();
          break;
        default:
      }
      ScanWarnings previous = execution.warnings.bind();
      // The query timeout counts from execute, planning included (Calcite counts from after planning).
      boolean execute = target instanceof Statement && method.getName().startsWith("execute");
      if (execute) {
        ScanControl.executeStarting();
      }
      try {
        return wrap(method.getReturnType(), invoke(method, args));
      } finally {
        ScanWarnings.restore(previous);
        if (execute) {
          ScanControl.executeEnded();
        }
      }
    }

    private Object invoke(Method method, Object[] args) throws Throwable {
      if (!SQL_METHODS.contains(method.getName())) {
        return invokeTarget(method, args); // a row's getters and next() are most calls: nothing is planned there
      }
      // IN lists of any length stay one filter the scan can push (Calcite's default turns 20+ values into a join).
      try (TryThreadLocal.Memo ignored = Prepare.THREAD_INSUBQUERY_THRESHOLD.push(Integer.MAX_VALUE)) {
        return invokeTarget(method, args);
      }
    }

    private Object invokeTarget(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw e.getCause();
      }
    }

    private void statementCall(Method method, Object[] args) {
      if (method.getName().startsWith("execute")) {
        execution.start();
      } else if (method.getName().equals("cancel")) {
        execution.canceled.set(true);
      }
    }

    /**
     * Binds java.time values, and integers of another width as the parameter's declared type.
     *
     * @return false if {@code value} needs no conversion
     */
    private boolean bindConverted(int index, Object value) throws SQLException {
      PreparedStatement ps = (PreparedStatement) target;
      Object converted = value instanceof Temporal && JdbcValues.isBindableTime(value)
          ? JdbcValues.bindableTime((Temporal) value)
          : JdbcValues.integral(value, ps.getParameterMetaData().getParameterType(index), index);
      if (converted == value) {
        return false;
      }
      ps.setObject(index, converted);
      return true;
    }

    Object wrap(Class<?> type, Object result) throws SQLException {
      if (result == null || !WRAPPED.contains(type)) {
        return result;
      }
      if (Statement.class.isAssignableFrom(type)) {
        Execution newExecution = new Execution(connection().cancelFlag((Statement) result));
        newExecution.proxy = (Statement) proxy(type, new Handler(result, connection(), newExecution));
        return newExecution.proxy;
      }
      return proxy(type, new Handler(result, connection(), execution));
    }

    private Throwable failure(Method method, Object[] args, Throwable e) {
      if (target instanceof ResultSet && method.getName().startsWith("get") && e instanceof SQLDataException
          && ((SQLException) e).getSQLState() == null) {
        return new SQLDataException("Cannot read column " + args[0] + describeColumn(args[0]) + " with "
            + method.getName() + ": " + e.getMessage(), SqlErrors.INVALID_CAST, e);
      }
      Throwable t = SqlErrors.translate(e, execution != null && execution.canceled.get());
      if (!(t instanceof SQLException) || !SqlErrors.GENERAL.equals(((SQLException) t).getSQLState())
          && ((SQLException) t).getSQLState() != null) {
        return t;
      }
      if (isClosed()) {
        String type = method.getDeclaringClass().getSimpleName();
        return target instanceof Connection
            ? new SQLNonTransientConnectionException("Connection is closed", SqlErrors.CONNECTION_CLOSED, e)
            : new SQLException(type + " is closed", SqlErrors.INVALID_STATE, e);
      }
      return t;
    }

    private String describeColumn(Object column) {
      try {
        ResultSet rs = (ResultSet) target;
        int index = column instanceof Integer ? (Integer) column : rs.findColumn((String) column);
        return " (" + rs.getMetaData().getColumnTypeName(index) + ")";
      } catch (SQLException | RuntimeException e) {
        return "";
      }
    }

    private boolean isClosed() {
      try {
        if (target instanceof Connection) {
          return ((Connection) target).isClosed();
        }
        if (target instanceof Statement) {
          return ((Statement) target).isClosed();
        }
        return target instanceof ResultSet && ((ResultSet) target).isClosed();
      } catch (SQLException e) {
        return false;
      }
    }
  }

  private static SQLWarning chain(SQLWarning first, SQLWarning second) {
    if (first == null) {
      return second;
    }
    SQLWarning last = first;
    while (last.getNextWarning() != null) {
      last = last.getNextWarning();
    }
    last.setNextWarning(second);
    return first;
  }

  /** The connection's handler: runs {@code onClose} once, and finds each statement's cancel flag. */
  private static final class ConnectionHandler extends Handler {
    private final AvaticaConnection avatica;
    private final Runnable onClose;
    private boolean closed;
    Connection proxy;

    ConnectionHandler(Connection calcite, AvaticaConnection avatica, Runnable onClose) {
      super(calcite, null, null);
      this.avatica = avatica;
      this.onClose = onClose;
    }

    @Override
    Object call(Method method, Object[] args) throws Throwable {
      if (READ_ONLY_NO_OPS.contains(method.getName()) && (args == null || !(args[0] instanceof Savepoint))) {
        if (((Connection) target).isClosed()) {
          throw new SQLNonTransientConnectionException("Connection is closed", SqlErrors.CONNECTION_CLOSED);
        }
        return null;
      }
      Object result = super.call(method, args);
      if (method.getName().equals("close") && !closed) {
        closed = true;
        onClose.run();
      }
      return result;
    }

    @Override
    ConnectionHandler connection() {
      return this;
    }

    AtomicBoolean cancelFlag(Statement statement) throws SQLException {
      try {
        return avatica.getCancelFlag(statement.unwrap(AvaticaStatement.class).handle);
      } catch (NoSuchStatementException e) {
        throw new SQLException("Statement is closed", SqlErrors.INVALID_STATE, e);
      }
    }
  }
}
