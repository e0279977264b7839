package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.column;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gameliftstreams.jdbc.aws.ResultCache;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLWarning;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code ignoreErrors}: an organization denies a region (or a stream group, or an operation) by policy;
 * the query returns what the other sources hold, with one SQLWarning per skipped source.
 */
class PartialResultsTest {
  private static final String ALLOWED = "us-west-2";
  private static final String DENIED = "us-east-1";
  private static final String IGNORE = "region=" + ALLOWED + "," + DENIED + ";ignoreErrors=AccessDeniedException";
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(800, IGNORE);
  private static Connection partial;

  @BeforeAll
  static void open() throws SQLException {
    partial = fixture.connection();
  }

  @AfterAll
  static void emptyCache() {
    ResultCache.SHARED.clear();
  }

  private static List<SQLWarning> list(SQLWarning chain) {
    List<SQLWarning> list = new ArrayList<>();
    for (SQLWarning w = chain; w != null; w = w.getNextWarning()) {
      list.add(w);
    }
    return list;
  }

  @Test
  void aDeniedRegionContributesNoRowsAndOneWarning() throws Exception {
    fixture.emulator.setDeniedRegions(Set.of(DENIED));
    try (Statement st = partial.createStatement();
         ResultSet rs = st.executeQuery("select arn from account_stream_sessions")) {
      assertEquals(arns(fixture.sessions(ALLOWED, s -> true)), column(rs, "arn"));
      List<SQLWarning> warnings = list(rs.getWarnings());
      assertEquals(1, warnings.size(), warnings.toString());
      SQLWarning w = warnings.get(0);
      assertTrue(w.getMessage().contains("region " + DENIED), w.getMessage());
      assertTrue(w.getMessage().contains("ListStreamSessionsByAccount"), w.getMessage());
      assertTrue(w.getMessage().contains("AccessDeniedException"), w.getMessage());
      assertTrue(w.getMessage().contains("explicit deny in a service control policy"), w.getMessage());
      assertEquals("01000", w.getSQLState());
      assertEquals(403, w.getErrorCode());
      assertEquals(List.of(w.getMessage()),
          list(st.getWarnings()).stream().map(SQLWarning::getMessage).collect(Collectors.toList()),
          "the statement carries the same warning");
    }
  }

  @Test
  void theWarningIsAlsoLogged() throws Exception {
    fixture.emulator.setDeniedRegions(Set.of(DENIED));
    PrintStream stderr = System.err;
    ByteArrayOutputStream log = new ByteArrayOutputStream();
    System.setErr(new PrintStream(log, true, StandardCharsets.UTF_8));
    try {
      fixture.query("select count(*) from applications");
    } finally {
      System.setErr(stderr);
    }
    List<String> lines = log.toString(StandardCharsets.UTF_8).lines()
        .filter(l -> l.contains("Partial result")).collect(Collectors.toList());
    assertEquals(1, lines.size(), lines.toString());
    assertTrue(lines.get(0).startsWith("WARN "), lines.get(0));
    assertTrue(lines.get(0).contains("region " + DENIED + ", ListApplications"), lines.get(0));
  }

  @Test
  void eachSkippedStreamGroupHasItsOwnWarning() throws Exception {
    List<ObjectNode> groups = fixture.emulator.data().streamGroups(ALLOWED);
    String a = groups.get(0).get("Id").asText();
    String b = groups.get(1).get("Id").asText();
    fixture.emulator.setDeniedOperations(Set.of("ListStreamSessions"));
    try (PreparedStatement ps = partial.prepareStatement(
        "select arn from stream_sessions where region = ? and stream_group_id in (?, ?)")) {
      ps.setString(1, ALLOWED);
      ps.setString(2, a);
      ps.setString(3, b);
      try (ResultSet rs = ps.executeQuery()) {
        assertFalse(rs.next());
        List<String> warnings = list(rs.getWarnings()).stream().map(SQLWarning::getMessage)
            .collect(Collectors.toList());
        assertEquals(2, warnings.size(), warnings.toString());
        assertTrue(warnings.stream().anyMatch(m -> m.contains("Identifier=" + a)), warnings.toString());
        assertTrue(warnings.stream().anyMatch(m -> m.contains("Identifier=" + b)), warnings.toString());
      }
      fixture.emulator.setDeniedOperations(Set.of());
      try (ResultSet rs = ps.executeQuery()) {
        assertTrue(rs.next());
        assertNull(rs.getWarnings(), "warnings are cleared when the statement runs again");
        assertNull(ps.getWarnings());
      }
    }
  }

  @Test
  void errorsNotListedStillFailTheQuery() throws Exception {
    fixture.emulator.setErrorRate(1);
    try (Connection c = fixture.connect(IGNORE + ";maxAttempts=1")) {
      SQLException e = assertThrows(SQLException.class, () -> {
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("select * from stream_groups")) {
          rs.next();
        }
      });
      assertEquals("58000", e.getSQLState());
    }
  }

  @Test
  void withoutIgnoreErrorsADeniedRegionFailsTheQuery() throws Exception {
    fixture.emulator.setDeniedRegions(Set.of(DENIED));
    try (Connection c = fixture.connect("region=" + ALLOWED + "," + DENIED)) {
      assertThrows(SQLInvalidAuthorizationSpecException.class, () -> {
        try (Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("select arn from account_stream_sessions")) {
          while (rs.next()) {
            rs.getString(1);
          }
        }
      });
    }
  }

  @Test
  void aSkippedSourceIsNotCached() throws Exception {
    try (Connection cached = fixture.connect(IGNORE + ";cacheTtl=600")) {
      fixture.emulator.setDeniedRegions(Set.of(DENIED));
      try (Statement st = cached.createStatement();
           ResultSet rs = st.executeQuery("select arn from account_stream_sessions")) {
        assertEquals(arns(fixture.sessions(ALLOWED, s -> true)), column(rs, "arn"));
      }
      fixture.emulator.setDeniedRegions(Set.of());
      fixture.clearCalls();
      try (Statement st = cached.createStatement();
           ResultSet rs = st.executeQuery("select arn from account_stream_sessions")) {
        List<ObjectNode> all = new ArrayList<>(fixture.sessions(ALLOWED, s -> true));
        all.addAll(fixture.sessions(DENIED, s -> true));
        assertEquals(arns(all), column(rs, "arn"));
        assertNull(rs.getWarnings());
      }
      assertTrue(fixture.calls("ListStreamSessionsByAccount").stream().allMatch(c -> c.region().equals(DENIED)),
          "the allowed region came from the cache, the once-denied region from the service");
    }
  }
}
