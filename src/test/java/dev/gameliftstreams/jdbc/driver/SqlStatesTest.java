package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLDataException;
import java.sql.SQLException;
import java.sql.SQLSyntaxErrorException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every SQLException names its cause in its SQLState and its own message (tools such as
 * JayDeBeApi show only that message, never the cause chain).
 */
class SqlStatesTest {
  private static final String ALL = "select arn from account_stream_sessions";

  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(300, "region=" + REGION);

  /** The exception that preparing, executing and reading {@code sql} throws. */
  private static SQLException failure(String sql) throws SQLException {
    Connection c = fixture.connection();
    return assertThrows(SQLException.class, () -> {
      try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
            rs.getObject(i);
          }
        }
      }
    }, sql);
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(delimiter = '|', value = {
      "select * from nope                                  | 42S02 | Object 'nope' not found",
      "select * from gameliftstreams.nope                  | 42S02 | 'nope' not found",
      "select * from nope.stream_groups                    | 42S02 | not found",
      "select nope from stream_groups                      | 42S22 | Column 'nope' not found",
      "select g.nope from stream_groups g                  | 42S22 | Column 'nope' not found in table 'g'",
      "selec arn from stream_groups                        | 42000 | syntax error",
      "select arn from stream_groups where                 | 42000 | Encountered \"<EOF>\" at line 1, column 35",
      "select arn from stream_groups where created_at > 5  | 42000 | Cannot apply '>'",
      "select upper(arn, 2) from stream_groups             | 42000 | Invalid number of arguments",
      "select cast(arn as integer) from stream_groups      | 22018 | arn:aws:gameliftstreams",
      "select 1 / 0 from stream_groups                     | 22012 | Division by zero",
      "select cast('2020-13-45' as date) from stream_groups | 22007 | 2020-13-45",
      "select timestamp '2020-13-45 00:00:00' from stream_groups | 22007 | Illegal TIMESTAMP literal"})
  void failuresCarryTheirSqlStateAndTheRealCause(String sql, String sqlState, String cause) throws Exception {
    SQLException e = failure(sql);
    assertEquals(sqlState, e.getSQLState(), e.toString());
    assertTrue(e.getMessage().contains(cause), e.getMessage());
    assertFalse(e.getMessage().startsWith("Error while"), "the message is the cause, not a wrapper: " + e.getMessage());
    assertFalse(e.getMessage().contains("\n"), e.getMessage());
    if (sqlState.startsWith("42")) {
      assertTrue(e instanceof SQLSyntaxErrorException, e.toString());
    }
    if (sqlState.startsWith("22")) {
      assertTrue(e instanceof SQLDataException, e.toString());
    }
  }

  @Test
  void readingAValueAsATypeItCannotConvertToIsADataError() throws Exception {
    try (Statement st = fixture.connection().createStatement();
         ResultSet rs = st.executeQuery("select arn from stream_groups")) {
      assertTrue(rs.next());
      SQLException e = assertThrows(SQLException.class, () -> rs.getInt(1));
      assertTrue(e instanceof SQLDataException, e.toString());
      assertEquals("22018", e.getSQLState());
      assertTrue(e.getMessage().startsWith("Cannot read column 1 (VARCHAR) with getInt"), e.getMessage());
    }
  }

  @Test
  void aParameterOutOfRangeForItsTypeIsADataError() throws Exception {
    try (PreparedStatement ps = fixture.connection().prepareStatement("select arn from stream_groups limit ?")) {
      SQLException e = assertThrows(SQLException.class, () -> ps.setLong(1, 1L << 40));
      assertEquals("22003", e.getSQLState());
    }
  }

  @Test
  void everyFailureHasASqlState() throws Exception {
    Connection c = fixture.connect("region=" + REGION);
    Statement st = c.createStatement();
    ResultSet rs = st.executeQuery("select arn from stream_groups");
    rs.close();
    assertEquals("HY010", assertThrows(SQLException.class, rs::next).getSQLState());
    st.close();
    assertEquals("HY010", assertThrows(SQLException.class, () -> st.executeQuery(ALL)).getSQLState());
    c.close();
    assertEquals("08003", assertThrows(SQLException.class, c::createStatement).getSQLState());
    assertEquals("08003", assertThrows(SQLException.class, c::commit).getSQLState());
  }

  @Test
  void aCancelDuringNextIs57014AndTheStatementRunsAgainAfterwards() throws Exception {
    try (Connection c = fixture.connect("region=" + REGION + ";pageSize=10"); Statement st = c.createStatement()) {
      ResultSet rs = st.executeQuery(ALL);
      assertTrue(rs.next());
      st.cancel();
      SQLException e = assertThrows(SQLException.class, () -> {
        while (rs.next()) {
          rs.getString(1);
        }
      });
      assertEquals("57014", e.getSQLState(), e.toString());
      assertTrue(e.getMessage().toLowerCase().contains("cancel"), e.getMessage());

      try (ResultSet again = st.executeQuery(ALL)) {
        assertEquals(arns(fixture.sessions(REGION, s -> true)), column(again, "arn"),
            "the same statement runs to completion after a cancel");
      }
    }
  }

  @Test
  void aCancelFromAnotherThreadDuringPagingIs57014AndAPreparedStatementRunsAgain() throws Exception {
    fixture.emulator.setLatencyMs(100);
    try (Connection c = fixture.connect("region=" + REGION + ";pageSize=10");
         PreparedStatement ps = c.prepareStatement(ALL)) {
      Thread canceller = new Thread(() -> {
        try {
          Thread.sleep(400);
          ps.cancel();
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      });
      canceller.start();
      SQLException e = assertThrows(SQLException.class, () -> {
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
      canceller.join();
      assertEquals("57014", e.getSQLState(), e.toString());
      fixture.emulator.setLatencyMs(0);
      try (ResultSet again = ps.executeQuery()) {
        assertEquals(arns(fixture.sessions(REGION, s -> true)), column(again, "arn"));
      }
    }
  }

  @Test
  void jvmErrorsAreNotDisguisedAsSqlExceptions() {
    OutOfMemoryError oom = new OutOfMemoryError("Java heap space");
    assertSame(oom, SqlErrors.translate(oom, false));
    StackOverflowError soe = new StackOverflowError();
    assertSame(soe, SqlErrors.translate(soe, true));
  }
}
