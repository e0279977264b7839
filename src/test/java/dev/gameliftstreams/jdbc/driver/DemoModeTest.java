package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** demo=true: the embedded emulator, in-process, with the demo data set; nothing to configure. */
class DemoModeTest {
  @Test
  void demoConnectionsQueryTheEmbeddedEmulatorsDemoData() throws Exception {
    EmulatorOptions defaults = EmulatorOptions.defaults();
    EmulatorData demo = EmulatorData.generate(defaults.seed(), defaults.sessions());
    long expected = demo.regions().stream().mapToLong(r -> demo.streamSessions(r).size()).sum();
    try (Connection c = DriverManager.getConnection("jdbc:gameliftstreams:demo=true");
         Statement st = c.createStatement();
         ResultSet rs = st.executeQuery("SELECT COUNT(*), COUNT(DISTINCT region) FROM Account_Stream_Sessions")) {
      assertTrue(rs.next());
      assertEquals(expected, rs.getLong(1));
      assertEquals(demo.regions().size(), rs.getInt(2));
    }
  }

  /** A program that used demo mode and returned from main. */
  public static final class ReturnsFromMain {
    public static void main(String[] args) throws Exception {
      try (Connection c = DriverManager.getConnection("jdbc:gameliftstreams:demo=true");
           ResultSet rs = c.createStatement().executeQuery("select count(*) from stream_groups")) {
        rs.next();
      }
    }
  }

  @Test
  void theEmbeddedEmulatorDoesNotKeepTheJvmAlive() throws Exception {
    Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), ReturnsFromMain.class.getName())
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    boolean exited = p.waitFor(60, TimeUnit.SECONDS);
    p.destroyForcibly();
    assertTrue(exited, "the JVM exited after main returned");
    assertEquals(0, p.exitValue());
  }

  @Test
  void metadataListsTheTablesForBiTools() throws Exception {
    try (Connection c = DriverManager.getConnection("jdbc:gameliftstreams:demo=true")) {
      DatabaseMetaData md = c.getMetaData();
      Set<String> tables = new TreeSet<>();
      try (ResultSet rs = md.getTables(null, GameLiftStreamsDriver.SCHEMA, "%", null)) {
        while (rs.next()) {
          tables.add(rs.getString("TABLE_NAME"));
        }
      }
      assertEquals(Set.of("account_stream_sessions", "applications", "pushdown_columns", "stream_groups",
          "stream_session_details", "stream_sessions"), tables);
      try (ResultSet rs = md.getColumns(null, GameLiftStreamsDriver.SCHEMA, "stream_sessions", "created_at")) {
        assertTrue(rs.next());
        assertEquals(java.sql.Types.TIMESTAMP, rs.getInt("DATA_TYPE"));
      }
      assertEquals(c, md.getConnection(), "objects lead back to the driver's connection");
    }
  }
}
