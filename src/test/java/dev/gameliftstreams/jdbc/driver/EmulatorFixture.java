package dev.gameliftstreams.jdbc.driver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A JUnit extension: an emulator over HTTP with generated data for the test class, a driver
 * connection to it, a healthy service and an empty request log before each test; and the helpers
 * the driver's specifications share.
 */
final class EmulatorFixture implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback {
  static final String REGION = "us-west-2";

  private final int sessions;
  private final String properties;
  Emulator emulator;
  private Connection connection;

  /** @param properties URL properties of {@link #connection()} (the endpoint is added) */
  EmulatorFixture(int sessions, String properties) {
    this.sessions = sessions;
    this.properties = properties;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws IOException, SQLException {
    emulator = Emulator.start(EmulatorOptions.defaults().withSeed(7).withSessions(sessions));
    connection = connect(properties);
  }

  @Override
  public void afterAll(ExtensionContext context) throws SQLException {
    connection.close();
    emulator.close();
  }

  @Override
  public void beforeEach(ExtensionContext context) {
    emulator.setThrottleRate(0);
    emulator.setErrorRate(0);
    emulator.setLatencyMs(0);
    emulator.setDeniedOperations(Set.of());
    emulator.setDeniedRegions(Set.of());
    emulator.requestLog().clear();
  }

  Connection connection() {
    return connection;
  }

  List<List<Object>> query(String sql) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return rows(rs);
    }
  }

  Set<String> arnsOf(String sql) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return column(rs, "arn");
    }
  }

  /** A connection through DriverManager; {@code properties} are appended to the URL. */
  Connection connect(String properties) throws SQLException {
    return DriverManager.getConnection("jdbc:gameliftstreams:endpoint=" + emulator.endpoint() + ";" + properties);
  }

  List<ObjectNode> sessions(String region, Predicate<ObjectNode> where) {
    return emulator.data().streamSessions(region).stream().filter(where).collect(Collectors.toList());
  }

  static Set<String> arns(List<ObjectNode> items) {
    return items.stream().map(s -> s.get("Arn").asText()).collect(Collectors.toCollection(TreeSet::new));
  }

  static String text(ObjectNode node, String... path) {
    com.fasterxml.jackson.databind.JsonNode n = node;
    for (String p : path) {
      n = n.path(p);
    }
    return n.isMissingNode() || n.isNull() ? null : n.asText();
  }

  List<RequestLog.Entry> calls(String operation) {
    return emulator.requestLog().entries().stream()
        .filter(e -> e.operation().equals(operation))
        .collect(Collectors.toList());
  }

  /**
   * The calls of {@code operation} once the request log has been quiet for a moment: lookups a query started
   * ahead of its consumer still count after the query stopped (LIMIT), and must not leak into the next test.
   */
  List<RequestLog.Entry> settledCalls(String operation) throws InterruptedException {
    // Quiet for longer than the rate limiter's one-second window: calls still waiting for the limiter
    // (e.g. the lookups a query abandoned) would otherwise land after the log is read or cleared.
    int seen = -1;
    for (int quiet = 0; quiet < 12; ) {
      Thread.sleep(100);
      int now = emulator.requestLog().entries().size();
      quiet = now == seen ? quiet + 1 : 0;
      seen = now;
    }
    return calls(operation);
  }

  long calls() {
    return emulator.requestLog().entries().size();
  }

  void clearCalls() {
    emulator.requestLog().clear();
  }

  static int pages(int rows, int pageSize) {
    return Math.max(1, (rows + pageSize - 1) / pageSize);
  }

  static List<List<Object>> rows(ResultSet rs) throws SQLException {
    ResultSetMetaData md = rs.getMetaData();
    List<List<Object>> rows = new ArrayList<>();
    while (rs.next()) {
      List<Object> row = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        row.add(rs.getObject(i));
      }
      rows.add(row);
    }
    return rows;
  }

  static Set<String> column(ResultSet rs, String column) throws SQLException {
    Set<String> values = new TreeSet<>();
    while (rs.next()) {
      values.add(rs.getString(column));
    }
    return values;
  }
}
