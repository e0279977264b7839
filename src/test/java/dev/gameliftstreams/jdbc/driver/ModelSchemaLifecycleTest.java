package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A schema mounted through a Calcite model ({@code jdbc:calcite:model=...}) is never told that its
 * connection closed; its SDK clients must not outlive it (they hold sockets and threads).
 */
class ModelSchemaLifecycleTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(50, "region=" + REGION);

  private static long openSockets() throws IOException {
    try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
      return fds.filter(fd -> {
        try {
          return Files.readSymbolicLink(fd).toString().startsWith("socket:");
        } catch (IOException gone) {
          return false;
        }
      }).count();
    }
  }

  private static long sdkThreads() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(t -> t.getName().startsWith("sdk-ScheduledExecutor")).count();
  }

  @Test
  void twentyModelConnectionsLeaveNoSocketOrSdkThreadBehind() throws Exception {
    String model = "inline:{version: '1.0', defaultSchema: 'gls', schemas: [{name: 'gls', type: 'custom',"
        + " factory: 'dev.gameliftstreams.jdbc.driver.GameLiftStreamsSchemaFactory',"
        + " operand: {endpoint: '" + fixture.emulator.endpoint() + "', region: '" + REGION + "'}}]}";
    long sockets = openSockets();
    long threads = sdkThreads();
    for (int i = 0; i < 20; i++) {
      try (Connection c = DriverManager.getConnection("jdbc:calcite:model=" + model);
           Statement st = c.createStatement();
           ResultSet rs = st.executeQuery("select count(*) from \"account_stream_sessions\"")) {
        assertTrue(rs.next());
        assertEquals(fixture.sessions(REGION, s -> true).size(), rs.getLong(1));
      }
    }
    assertTrue(openSockets() > sockets || sdkThreads() > threads, "the connections did use sockets and threads");
    long deadline = System.nanoTime() + 10_000_000_000L;
    while ((openSockets() > sockets || sdkThreads() > threads) && System.nanoTime() < deadline) {
      System.gc();
      Thread.sleep(200);
    }
    // At most as many as before: other tests' idle connections may close meanwhile.
    assertTrue(openSockets() <= sockets, "sockets of closed model connections: " + openSockets() + " > " + sockets);
    assertTrue(sdkThreads() <= threads, "SDK timeout threads of closed model connections: " + sdkThreads());
  }
}
