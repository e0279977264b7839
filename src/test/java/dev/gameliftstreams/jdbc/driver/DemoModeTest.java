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
      assertEquals(Set.of("account_stream_sessions", "applications", "stream_groups", "stream_sessions"), tables);
      try (ResultSet rs = md.getColumns(null, GameLiftStreamsDriver.SCHEMA, "stream_sessions", "created_at")) {
        assertTrue(rs.next());
        assertEquals(java.sql.Types.TIMESTAMP, rs.getInt("DATA_TYPE"));
      }
      assertEquals(c, md.getConnection(), "objects lead back to the driver's connection");
    }
  }
}
