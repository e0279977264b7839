package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Statuses SDK 2.40.2 does not know (AWS adds values) give exactly the rows the service lists with
 * them: values shaped like the service's enum values are sent; anything else matches no row unsent.
 */
class UnknownStatusTest {
  private static final String REGION = "us-west-2";
  private static Emulator emulator;
  private static Connection connection;
  private static String paused;
  private static String archived;

  @BeforeAll
  static void start(@TempDir Path dir) throws Exception {
    ObjectNode data = (ObjectNode) new ObjectMapper().readTree(EmulatorData.generate(11, 300).toJson());
    List<ObjectNode> sessions = new java.util.ArrayList<>();
    data.path("regions").path(REGION).path("streamSessions").forEach(s -> sessions.add((ObjectNode) s));
    ObjectNode p = sessions.get(3);
    p.put("Status", "PAUSED");
    paused = p.get("Arn").asText();
    ObjectNode a = sessions.get(7);
    a.putObject("ExportFilesMetadata").put("Status", "ARCHIVED");
    archived = a.get("Arn").asText();
    Path file = dir.resolve("data.json");
    Files.writeString(file, data.toString());
    emulator = Emulator.start(EmulatorOptions.defaults().withDataFile(file));
    connection = DriverManager.getConnection("jdbc:gameliftstreams:region=" + REGION + ";endpoint="
        + emulator.endpoint());
  }

  @AfterAll
  static void stop() throws Exception {
    connection.close();
    emulator.close();
  }

  @BeforeEach
  void clear() {
    emulator.requestLog().clear();
  }

  private static Set<String> arns(String sql) throws Exception {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      return EmulatorFixture.column(rs, "arn");
    }
  }

  private static List<RequestLog.Entry> calls() {
    return emulator.requestLog().entries();
  }

  @Test
  void aStatusTheSdkDoesNotKnowIsSentAndReturnsItsRows() throws Exception {
    assertEquals(Set.of(paused), arns("select arn from account_stream_sessions where status = 'PAUSED'"));
    assertEquals(1, calls().size());
    assertEquals("PAUSED", calls().get(0).query().get("Status"));
    assertEquals(Set.of(paused), arns("select arn from account_stream_sessions where status like 'PAUSED'"));
    assertEquals(Set.of(paused), arns("select arn from stream_sessions where status in ('PAUSED')"));
    assertEquals(Set.of(archived), arns("select arn from account_stream_sessions where export_status = 'ARCHIVED'"));
  }

  @Test
  void groupByStatusAgreesWithTheFilter() throws Exception {
    Set<String> statuses = new TreeSet<>();
    long pausedCount = -1;
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("select status, count(*) from account_stream_sessions group by status")) {
      while (rs.next()) {
        statuses.add(rs.getString(1));
        if ("PAUSED".equals(rs.getString(1))) {
          pausedCount = rs.getLong(2);
        }
      }
    }
    assertTrue(statuses.contains("PAUSED"), statuses.toString());
    assertEquals(1, pausedCount);
  }

  @Test
  void aValueTheServiceRejectsMatchesNoRowAndOtherShapesAreNotSent() throws Exception {
    assertEquals(Set.of(), arns("select arn from account_stream_sessions where status = 'NOT_A_STATUS'"));
    assertEquals(1, calls().size(), "sent: the service, not the SDK, knows which statuses exist");
    emulator.requestLog().clear();
    assertEquals(Set.of(), arns("select arn from account_stream_sessions where status = 'paused'"));
    assertEquals(Set.of(), arns("select arn from account_stream_sessions where status = ''"));
    assertEquals(Set.of(), arns("select arn from account_stream_sessions where export_status = 'Archived'"));
    assertEquals(0, calls().size());
  }
}
