package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsException;
import java.net.ServerSocket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.sql.SQLTransientException;
import java.sql.Statement;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Service and network failures reach JDBC callers as SQLExceptions with the AWS error and a SQLState. */
class ErrorsTest {
  private static final String ALL = "select arn from account_stream_sessions";
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(600, "region=" + REGION);

  private SQLException failure(String properties, String sql) throws SQLException {
    try (Connection c = fixture.connect(properties); Statement st = c.createStatement()) {
      return assertThrows(SQLException.class, () -> {
        try (ResultSet rs = st.executeQuery(sql)) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
    }
  }

  @Test
  void accessDeniedIsAnAuthorizationError() throws Exception {
    fixture.emulator.setDeniedOperations(Set.of("ListStreamSessionsByAccount"));
    SQLException e = failure("region=" + REGION, ALL);
    assertTrue(e instanceof SQLInvalidAuthorizationSpecException, e.toString());
    assertEquals("28000", e.getSQLState());
    assertTrue(e.getMessage().contains("AccessDeniedException"), e.getMessage());
    assertEquals(403, e.getErrorCode());
    assertEquals("AccessDeniedException", ((GameLiftStreamsException) e.getCause()).awsErrorCode(),
        "the cause carries the AWS error code for programs");
  }

  @Test
  void throttlingIsRetriedWithBackoffSoResultsStayExact() throws Exception {
    fixture.emulator.setThrottleRate(0.3);
    try (Connection c = fixture.connect("region=" + REGION + ";pageSize=25");
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery(ALL)) {
      assertEquals(arns(fixture.sessions(REGION, s -> true)), column(rs, "arn"));
    }
    assertTrue(fixture.emulator.requestLog().entries().stream().anyMatch(e -> e.status() == 429),
        "some pages were throttled");
  }

  @Test
  void throttlingThatOutlastsTheRetriesIsATransientError() throws Exception {
    fixture.emulator.setThrottleRate(1.0);
    SQLException e = failure("region=" + REGION + ";maxAttempts=2", ALL);
    assertTrue(e instanceof SQLTransientException, e.toString());
    assertEquals("53400", e.getSQLState());
    assertTrue(e.getMessage().contains("ThrottlingException"), e.getMessage());
    assertEquals(2, fixture.calls("ListStreamSessionsByAccount").size(), "one try and one retry");
  }

  @Test
  void serverErrorsAreRetriedThenReported() throws Exception {
    fixture.emulator.setErrorRate(1.0);
    SQLException e = failure("region=" + REGION + ";maxAttempts=3", ALL);
    assertEquals("58000", e.getSQLState());
    assertTrue(e.getMessage().contains("InternalServerException"), e.getMessage());
    assertEquals(3, fixture.calls("ListStreamSessionsByAccount").size());
  }

  @Test
  void anUnreachableEndpointIsAConnectionError() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0)) {
      closedPort = s.getLocalPort();
    }
    try (Connection c = DriverManager.getConnection(
        "jdbc:gameliftstreams:endpoint=http://127.0.0.1:" + closedPort + ";region=us-west-2;maxAttempts=1");
         Statement st = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery(ALL).next());
      assertTrue(e instanceof SQLTransientConnectionException, e.toString());
      assertEquals("08001", e.getSQLState());
    }
  }

  @Test
  void aMalformedResponseHasItsOwnStateNotUnreachable() throws Exception {
    for (String body : new String[] {"<html>Gateway</html>", "{\"Items\": [{\"Arn\": "}) {
      com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
          new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext("/", exchange -> {
        byte[] bytes = body.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
      });
      server.start();
      try (Connection c = DriverManager.getConnection("jdbc:gameliftstreams:endpoint=http://127.0.0.1:"
          + server.getAddress().getPort() + ";region=us-west-2;maxAttempts=1");
           Statement st = c.createStatement()) {
        SQLException e = assertThrows(SQLException.class, () -> st.executeQuery(ALL).next());
        assertEquals("08P01", e.getSQLState(), e.toString());
        assertTrue(e instanceof java.sql.SQLNonTransientConnectionException, e.toString());
        assertTrue(e.getMessage().contains("response could not be read"), e.getMessage());
      } finally {
        server.stop(0);
      }
    }
  }

  @Test
  void queryTimeoutStopsPaging() throws Exception {
    fixture.emulator.setLatencyMs(150);
    try (Connection c = fixture.connect("region=" + REGION + ";pageSize=10"); Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = st.executeQuery(ALL)) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
      assertTrue(e instanceof SQLTimeoutException, e.toString());
    }
    long calls = fixture.calls("ListStreamSessionsByAccount").size();
    assertTrue(calls < 15, "paging stopped after about a second, not after all 60 pages: " + calls);
  }

  @Test
  void cancelFromAnotherThreadStopsPaging() throws Exception {
    fixture.emulator.setLatencyMs(100);
    try (Connection c = fixture.connect("region=" + REGION + ";pageSize=10"); Statement st = c.createStatement()) {
      CompletableFuture<Void> cancel = CompletableFuture.runAsync(() -> {
        try {
          TimeUnit.MILLISECONDS.sleep(500);
          st.cancel();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = st.executeQuery(ALL)) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
      cancel.join();
      assertTrue(e.getMessage().toLowerCase().contains("cancel"), e.getMessage());
    }
    assertTrue(fixture.calls("ListStreamSessionsByAccount").size() < 20, "paging stopped");
  }

  @Test
  void badConnectionPropertiesAreRejectedClearly() {
    SQLException unknown = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:gameliftstreams:regoin=us-west-2"));
    assertTrue(unknown.getMessage().contains("Unknown connection property 'regoin'"), unknown.getMessage());
    for (String bad : new String[] {"pageSize=0", "pageSize=101", "pageSize=ten", "region=US West",
        "endpoint=ftp://x", "demo=yes", "maxAttempts=0", "region"}) {
      SQLException e = assertThrows(SQLException.class,
          () -> DriverManager.getConnection("jdbc:gameliftstreams:" + bad), bad);
      assertEquals("HY024", e.getSQLState(), bad);
    }
  }

  @Test
  void secretsAreNeverPrinted() throws Exception {
    java.util.Properties info = new java.util.Properties();
    info.setProperty("user", "AKIDEXAMPLE");
    info.setProperty("password", "wJalrXUtnFEMI-very-secret");
    ConnectionConfig config = ConnectionConfig.parse("jdbc:gameliftstreams:region=us-west-2", info);
    assertFalse(config.toString().contains("wJalrXUtnFEMI"), config.toString());
    assertFalse(config.identities(null, java.util.List.of()).toString().contains("wJalrXUtnFEMI"));
    fixture.emulator.setDeniedOperations(Set.of("ListStreamSessionsByAccount"));
    try (Connection c = DriverManager.getConnection(
        "jdbc:gameliftstreams:endpoint=" + fixture.emulator.endpoint() + ";region=" + REGION, info);
         Statement st = c.createStatement()) {
      SQLException e = assertThrows(SQLException.class, () -> st.executeQuery(ALL).next());
      for (Throwable t = e; t != null; t = t.getCause()) {
        assertFalse(String.valueOf(t.getMessage()).contains("wJalrXUtnFEMI"), t.toString());
      }
    }
  }
}
