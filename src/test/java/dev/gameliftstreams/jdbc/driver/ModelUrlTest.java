package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** jdbc:gameliftstreams:model=FILE: a Calcite model (examples/players-model.json) opened through this driver. */
class ModelUrlTest {
  private static final String MODEL = "jdbc:gameliftstreams:model=examples/players-model.json";

  @Test
  void aModelsSchemasAreQueriedTogetherThroughThisDriversConnection() throws SQLException {
    EmulatorData demo = EmulatorData.generate(42, 5000);
    long sessions = demo.regions().stream().mapToLong(r -> demo.streamSessions(r).size()).sum();
    try (Connection c = DriverManager.getConnection(MODEL);
         Statement st = c.createStatement();
         // Lower-case names unquoted, as on every jdbc:gameliftstreams: connection.
         ResultSet rs = st.executeQuery("select (select count(*) from account_stream_sessions),"
             + " (select count(*) from players.players)")) {
      assertSame(c, rs.getStatement().getConnection(), "the application sees this driver's connection");
      assertEquals("Amazon GameLift Streams", c.getMetaData().getDatabaseProductName());
      assertEquals(MODEL, c.getMetaData().getURL());
      assertTrue(c.isReadOnly() && c.getAutoCommit());
      assertTrue(rs.next());
      assertEquals(sessions, rs.getLong(1));
      assertEquals(144, rs.getLong(2), "rows of examples/players/players.csv");
    }
  }

  @Test
  void theModelCarriesEverySettingSoOtherKeysAreRejected() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection(MODEL + ";region=us-west-2"));
    assertEquals("HY024", e.getSQLState());
    assertTrue(e.getMessage().contains("region"), e.getMessage());

    Properties keys = new Properties();
    keys.setProperty("user", "AKIDEXAMPLE");
    keys.setProperty("password", "secret-key");
    e = assertThrows(SQLException.class, () -> DriverManager.getConnection(MODEL, keys));
    assertEquals("HY024", e.getSQLState());
    assertTrue(e.getMessage().contains("user and password"), e.getMessage());
    assertTrue(!e.getMessage().contains("secret-key"), e.getMessage());
  }

  @Test
  void aModelThatCannotBeOpenedIsNamedWithItsCause() {
    SQLException e = assertThrows(SQLException.class,
        () -> DriverManager.getConnection("jdbc:gameliftstreams:model=examples/no-such-model.json"));
    assertEquals("HY024", e.getSQLState());
    assertTrue(e.getMessage().startsWith("Cannot open model examples/no-such-model.json: "), e.getMessage());
    assertTrue(e.getMessage().contains("no-such-model.json ("), e.getMessage());
  }
}
