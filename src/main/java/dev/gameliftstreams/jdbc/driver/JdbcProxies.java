package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsException;
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
import java.sql.SQLException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Wraps Calcite's JDBC objects so that every failure reaches the caller as a {@link SQLException}
 * with a meaningful SQLState. Calcite lets a scan's exception escape {@code ResultSet.next()} as
 * a RuntimeException, or wraps it without SQLState; here the driver's own
 * {@link GameLiftStreamsException} is found in the cause chain and reported as what it is.
 */
final class JdbcProxies {
  private static final Set<Class<?>> WRAPPED = Set.of(Statement.class, PreparedStatement.class,
      CallableStatement.class, ResultSet.class, DatabaseMetaData.class);

  private JdbcProxies() {
  }

  /** The connection the application sees; {@code onClose} runs once, after Calcite's close. */
  static Connection connection(Connection calcite, Runnable onClose) {
    Connection[] self = new Connection[1];
    self[0] = (Connection) Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(),
        new Class<?>[] {Connection.class}, new Handler(calcite, () -> self[0], null) {
          private boolean closed;

          @Override
          Object call(Method method, Object[] args) throws Throwable {
            Object result = super.call(method, args);
            if (method.getName().equals("close") && !closed) {
              closed = true;
              onClose.run();
            }
            return result;
          }
        });
    return self[0];
  }

  private static class Handler implements InvocationHandler {
    private final Object target;
    private final Supplier<Connection> connection;
    /** A statement's scan warnings, shared with its result sets; null for other objects. */
    private final ScanWarnings warnings;

    Handler(Object target, Supplier<Connection> connection, ScanWarnings warnings) {
      this.target = target;
      this.connection = connection;
      this.warnings = warnings;
    }

    @Override
    public Object invoke(Object proxy, Method method, Object[] args) throws Throwable {
      switch (method.getName()) {
        case "getConnection":
          return connection.get();
        case "equals":
          return proxy == args[0];
        case "hashCode":
          return System.identityHashCode(proxy);
        case "toString":
          return "gameliftstreams-jdbc " + method.getDeclaringClass().getSimpleName() + "@"
              + Integer.toHexString(System.identityHashCode(proxy));
        default:
          return call(method, args);
      }
    }

    Object call(Method method, Object[] args) throws Throwable {
      if (warnings != null) {
        switch (method.getName()) {
          case "getWarnings":
            return chain((SQLWarning) invoke(method, args), warnings.chain());
          case "clearWarnings":
            warnings.clear();
            break;
          default:
            // JDBC: a statement's warnings are cleared each time it is executed.
            if (method.getName().startsWith("execute") && target instanceof Statement) {
              warnings.clear();
            }
        }
      }
      ScanWarnings previous = warnings == null ? null : warnings.bind();
      Object result;
      // The query timeout counts from execute, planning included (Calcite counts from after planning).
      boolean execute = target instanceof Statement && method.getName().startsWith("execute");
      if (execute) {
        ScanControl.executeStarting();
      }
      try {
        result = invoke(method, args);
      } finally {
        if (warnings != null) {
          ScanWarnings.restore(previous);
        }
        if (execute) {
          ScanControl.executeEnded();
        }
      }
      Class<?> type = method.getReturnType();
      if (result != null && WRAPPED.contains(type)) {
        ScanWarnings sink = Statement.class.isAssignableFrom(type) ? new ScanWarnings()
            : type == ResultSet.class ? warnings : null;
        return Proxy.newProxyInstance(JdbcProxies.class.getClassLoader(), new Class<?>[] {type},
            new Handler(result, connection, sink));
      }
      return result;
    }

    private Object invoke(Method method, Object[] args) throws Throwable {
      try {
        return method.invoke(target, args);
      } catch (InvocationTargetException e) {
        throw translate(e.getCause());
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

  static Throwable translate(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof GameLiftStreamsException) {
        return ((GameLiftStreamsException) c).toSQLException();
      }
    }
    if (t instanceof SQLException || t instanceof Error) {
      return t;
    }
    return new SQLException(t.getMessage(), "HY000", t);
  }
}
