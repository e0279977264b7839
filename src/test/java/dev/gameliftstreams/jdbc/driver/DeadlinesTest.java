package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLTimeoutException;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Query timeouts and cancel hold whatever the endpoint does: the request in flight, retries,
 * backoff and limiter waits are all interrupted, the SQLException arrives about when asked, and no
 * request starts after it. Bounds are generous (a loaded machine), the point is seconds, not minutes.
 */
class DeadlinesTest {
  private static final String ALL = "select arn from account_stream_sessions";
  /** What "within 1 s of the deadline or cancel" may take on a loaded 2-core machine (load 15 seen). */
  private static final long BOUND_NANOS = TimeUnit.SECONDS.toNanos(5);

  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(300, "region=" + REGION);

  /** Accepts connections and never answers; remembers when each was accepted. */
  private static final class SilentServer implements AutoCloseable {
    final ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
    final List<Long> accepted = new CopyOnWriteArrayList<>();
    final List<Socket> sockets = new CopyOnWriteArrayList<>();

    SilentServer() throws IOException {
      Thread t = new Thread(() -> {
        try {
          while (true) {
            Socket s = server.accept();
            accepted.add(System.nanoTime());
            sockets.add(s);
          }
        } catch (IOException closed) {
          // closed by the test
        }
      }, "silent-server");
      t.setDaemon(true);
      t.start();
    }

    String url(String more) {
      return "jdbc:gameliftstreams:endpoint=http://127.0.0.1:" + server.getLocalPort() + ";region=us-west-2;" + more;
    }

    @Override
    public void close() throws IOException {
      server.close();
      for (Socket s : sockets) {
        s.close();
      }
    }
  }

  /** Runs the query to its end; returns the failure and when it arrived. */
  private static SQLException fail(Statement st, String sql) {
    return assertThrows(SQLException.class, () -> {
      try (ResultSet rs = st.executeQuery(sql)) {
        while (rs.next()) {
          rs.getString(1);
        }
      }
    });
  }

  @org.junit.jupiter.api.BeforeAll
  static void warmUp() throws SQLException {
    // Deadlines count from execute, planning included: a cold JVM's first plan could use up a 1 s timeout.
    fixture.query("select count(*) from account_stream_sessions");
  }

  private static void cancelAfter(Statement st, long millis) {
    Thread t = new Thread(() -> {
      try {
        Thread.sleep(millis);
        st.cancel();
      } catch (InterruptedException | SQLException e) {
        throw new IllegalStateException(e);
      }
    });
    t.setDaemon(true);
    t.start();
  }

  @Test
  void aTimeoutInterruptsARequestTheEndpointNeverAnswers() throws Exception {
    try (SilentServer silent = new SilentServer();
         Connection c = DriverManager.getConnection(silent.url(""));
         Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException e = fail(st, ALL);
      long end = System.nanoTime();
      assertTrue(e instanceof SQLTimeoutException, e.toString());
      assertEquals("HYT00", e.getSQLState());
      assertTrue(end - start < BOUND_NANOS, "returned after " + (end - start) / 1e6 + " ms");
      assertTrue(silent.accepted.size() >= 1, "the request was sent");
      Thread.sleep(500);
      assertTrue(silent.accepted.stream().allMatch(t -> t < end), "no request after the timeout");
    }
  }

  @Test
  void cancelInterruptsARequestTheEndpointNeverAnswers() throws Exception {
    try (SilentServer silent = new SilentServer();
         Connection c = DriverManager.getConnection(silent.url(""));
         Statement st = c.createStatement()) {
      long start = System.nanoTime();
      cancelAfter(st, 700);
      SQLException e = fail(st, ALL);
      long end = System.nanoTime();
      assertEquals("57014", e.getSQLState(), e.toString());
      assertTrue(end - start < TimeUnit.MILLISECONDS.toNanos(700) + BOUND_NANOS,
          "returned after " + (end - start) / 1e6 + " ms");
      Thread.sleep(500);
      assertTrue(silent.accepted.stream().allMatch(t -> t < end), "no request after the cancel");
    }
  }

  @Test
  void aTimeoutInterruptsRetriesOfThrottlingThatNeverClears() throws Exception {
    fixture.emulator.setThrottleRate(1.0);
    try (Connection c = fixture.connect("region=" + REGION + ";maxAttempts=20"); Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException e = fail(st, ALL);
      long elapsed = System.nanoTime() - start;
      long requests = fixture.calls();
      assertTrue(e instanceof SQLTimeoutException, e.toString());
      assertTrue(elapsed < BOUND_NANOS, "returned after " + elapsed / 1e6 + " ms");
      Thread.sleep(700);
      assertEquals(requests, fixture.calls(), "no request after the timeout");
    }
  }

  @Test
  void cancelInterruptsRetriesOfThrottlingThatNeverClears() throws Exception {
    fixture.emulator.setThrottleRate(1.0);
    try (Connection c = fixture.connect("region=" + REGION + ";maxAttempts=20"); Statement st = c.createStatement()) {
      long start = System.nanoTime();
      cancelAfter(st, 700);
      SQLException e = fail(st, ALL);
      long elapsed = System.nanoTime() - start;
      long requests = fixture.calls();
      assertEquals("57014", e.getSQLState(), e.toString());
      assertTrue(elapsed < TimeUnit.MILLISECONDS.toNanos(700) + BOUND_NANOS, "returned after " + elapsed / 1e6 + " ms");
      Thread.sleep(700);
      assertEquals(requests, fixture.calls(), "no request after the cancel");
    }
  }

  @Test
  void aTimeoutInterruptsALimiterWait() throws Exception {
    // 20/s scaled by 0.001: one ListStreamSessionsByAccount per 50 s; the second page waits for it.
    try (Connection c = fixture.connect("region=" + REGION + ";pageSize=1;rateLimit=0.001");
         Statement st = c.createStatement()) {
      st.setQueryTimeout(1);
      long start = System.nanoTime();
      SQLException e = fail(st, ALL);
      long elapsed = System.nanoTime() - start;
      assertTrue(e instanceof SQLTimeoutException, e.toString());
      assertTrue(elapsed < BOUND_NANOS, "returned after " + elapsed / 1e6 + " ms");
      assertTrue(fixture.calls() <= 1, "only the first page went out: " + fixture.calls());
    }
  }
}
