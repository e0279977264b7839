package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * A connection behaves as a read-only source does for pools and transaction managers: auto-commit
 * on by default, transaction calls accepted without effect, writes refused at once.
 */
class ReadOnlyConnectionTest {
  private static final String GROUPS = "select count(*) from stream_groups";

  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(50, "region=" + REGION);

  private static int groups() {
    return fixture.emulator.data().streamGroups(REGION).size();
  }

  private static int count(Connection c) throws Exception {
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(GROUPS)) {
      assertTrue(rs.next());
      return rs.getInt(1);
    }
  }

  @Test
  void aNewConnectionIsReadOnlyWithAutoCommitOn() throws Exception {
    try (Connection c = fixture.connect("region=" + REGION)) {
      assertTrue(c.getAutoCommit());
      assertTrue(c.isReadOnly());
      assertTrue(c.getMetaData().isReadOnly());
    }
  }

  @Test
  void transactionCallsAreAcceptedAndChangeNothing() throws Exception {
    try (Connection c = fixture.connect("region=" + REGION)) {
      c.setAutoCommit(false);
      assertFalse(c.getAutoCommit());
      c.setReadOnly(false);
      assertTrue(c.isReadOnly(), "a read-only source stays read-only");
      c.setTransactionIsolation(Connection.TRANSACTION_SERIALIZABLE);
      assertEquals(groups(), count(c));
      c.commit();
      assertEquals(groups(), count(c));
      c.rollback();
      c.setAutoCommit(true);
      c.commit();
      c.rollback();
      assertEquals(groups(), count(c));
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "insert into stream_groups (arn) values ('x')",
      "INSERT INTO applications SELECT * FROM applications",
      "upsert into stream_groups (arn) values ('x')",
      "update stream_groups set description = 'x'",
      "delete from stream_sessions where status = 'ERROR'",
      "merge into applications a using applications b on a.arn = b.arn when matched then update set id = b.id",
      "create table t (x int)",
      "  /* comment */ -- line\n DROP TABLE stream_groups",
      "alter table stream_groups add column x int",
      "truncate table stream_groups"})
  void writesAndDdlFailFastAsNotSupported(String sql) throws Exception {
    try (Connection c = fixture.connect("region=" + REGION); Statement st = c.createStatement()) {
      for (org.junit.jupiter.api.function.Executable attempt : List.<org.junit.jupiter.api.function.Executable>of(
          () -> st.execute(sql), () -> st.executeUpdate(sql), () -> st.executeQuery(sql),
          () -> st.executeLargeUpdate(sql), () -> st.addBatch(sql), () -> c.prepareStatement(sql))) {
        SQLFeatureNotSupportedException e = assertThrows(SQLFeatureNotSupportedException.class, attempt);
        assertEquals("0A000", e.getSQLState());
        assertTrue(e.getMessage().contains("read-only"), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one short line: " + e.getMessage());
        assertTrue(e.getMessage().length() < 100, e.getMessage());
      }
    }
    assertEquals(0, fixture.calls(), "refused before any API call");
  }

  @Test
  void queriesWhoseTextMerelyMentionsAWriteVerbRun() throws Exception {
    try (Connection c = fixture.connect("region=" + REGION);
         PreparedStatement ps = c.prepareStatement(
             "select count(*) from stream_groups where description <> 'delete' and 'insert' <> ?")) {
      ps.setString(1, "update");
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
      }
    }
  }

  private static HikariDataSource pool(boolean autoCommit) {
    HikariConfig config = new HikariConfig();
    config.setJdbcUrl("jdbc:gameliftstreams:endpoint=" + fixture.emulator.endpoint() + ";region=" + REGION);
    config.setAutoCommit(autoCommit);
    config.setMaximumPoolSize(2);
    config.setPoolName("gls-" + autoCommit);
    return new HikariDataSource(config);
  }

  @ParameterizedTest
  @ValueSource(booleans = {true, false})
  void aHikariPoolBorrowsQueriesAndReturnsConnections(boolean autoCommit) throws Exception {
    try (HikariDataSource pool = pool(autoCommit)) {
      for (int i = 0; i < 100; i++) {
        try (Connection c = pool.getConnection()) {
          assertEquals(autoCommit, c.getAutoCommit());
          assertEquals(groups(), count(c));
        }
      }
      assertEquals(0, pool.getHikariPoolMXBean().getActiveConnections());
      assertTrue(pool.getHikariPoolMXBean().getTotalConnections() <= 2,
          "connections were returned and reused, not evicted as broken");
    }
    assertEquals(100, fixture.calls("ListStreamGroups").size());
  }

  @Test
  void springJdbcTemplateRunsInsideAReadOnlyTransaction() {
    try (HikariDataSource pool = pool(true)) {
      TransactionTemplate tx = new TransactionTemplate(new DataSourceTransactionManager(pool));
      tx.setReadOnly(true);
      JdbcTemplate jdbc = new JdbcTemplate(pool);
      for (int i = 0; i < 3; i++) {
        Integer n = tx.execute(status -> jdbc.queryForObject(GROUPS, Integer.class));
        assertEquals(groups(), n);
        List<String> arns = tx.execute(status -> jdbc.queryForList(
            "select arn from stream_groups where region = ? order by arn", String.class, REGION));
        assertEquals(groups(), arns.size());
      }
    }
  }
}
