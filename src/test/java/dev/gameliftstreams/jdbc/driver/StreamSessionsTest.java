package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.arns;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.column;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.pages;
import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.text;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** stream_sessions: ListStreamSessions per stream group, chosen by stream_group_id or listed. */
class StreamSessionsTest {
  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(1500, "region=" + REGION);

  private Set<String> arnsOf(String sql) throws Exception {
    return fixture.arnsOf(sql);
  }

  private static List<String> groups() {
    return fixture.emulator.data().streamGroups(REGION).stream().map(g -> text(g, "Id"))
        .collect(Collectors.toList());
  }

  private static boolean inGroup(ObjectNode s, String group) {
    return text(s, "Arn").contains("/" + group + "/");
  }

  @Test
  void aGroupPredicateListsOnlyThatGroup() throws Exception {
    String group = groups().get(0);
    List<ObjectNode> expected = fixture.sessions(REGION, s -> inGroup(s, group));
    assertTrue(expected.size() > 100);
    assertEquals(arns(expected), arnsOf("select arn from stream_sessions where stream_group_id = '" + group + "'"));
    List<RequestLog.Entry> calls = fixture.calls("ListStreamSessions");
    assertEquals(pages(expected.size(), 100), calls.size());
    assertTrue(calls.stream().allMatch(c -> c.path().equals("/streamgroups/" + group + "/streamsessions")));
    assertEquals(calls.size(), fixture.calls(), "no ListStreamGroups call");
  }

  @Test
  void withoutAGroupPredicateTheScanFansOutOverListStreamGroups() throws Exception {
    List<ObjectNode> all = fixture.sessions(REGION, s -> true);
    assertEquals(arns(all), arnsOf("select arn from stream_sessions"));
    assertEquals(1, fixture.calls("ListStreamGroups").size());
    int expectedCalls = groups().stream()
        .mapToInt(g -> pages(fixture.sessions(REGION, s -> inGroup(s, g)).size(), 100)).sum();
    assertEquals(expectedCalls, fixture.calls("ListStreamSessions").size());
  }

  @Test
  void groupsStatusesAndExportStatusesCombineIntoOneCallChainEach() throws Exception {
    String g1 = groups().get(0);
    String g2 = groups().get(1);
    List<ObjectNode> expected = fixture.sessions(REGION, s -> (inGroup(s, g1) || inGroup(s, g2))
        && List.of("TERMINATED", "ERROR").contains(text(s, "Status"))
        && "FAILED".equals(text(s, "ExportFilesMetadata", "Status")));
    assertEquals(arns(expected), arnsOf("select arn from stream_sessions where stream_group_id in ('" + g1 + "', '"
        + g2 + "') and status in ('TERMINATED', 'ERROR') and export_status = 'FAILED'"));
    Set<String> chains = fixture.calls("ListStreamSessions").stream()
        .map(c -> c.path() + "?" + c.query().get("Status") + "&" + c.query().get("ExportFilesStatus"))
        .collect(Collectors.toSet());
    assertEquals(4, chains.size(), chains.toString());
  }

  @Test
  void aGroupThatDoesNotExistHasNoSessions() throws Exception {
    assertEquals(Set.of(), arnsOf("select arn from stream_sessions where stream_group_id = 'sg-doesnotexist'"));
    assertEquals(1, fixture.calls("ListStreamSessions").size());
    assertEquals(Set.of(), arnsOf("select arn from stream_sessions where stream_group_id = 'arn:aws:x'"));
    assertEquals(1, fixture.calls(), "a value that cannot be an id is not sent");
  }

  @Test
  void groupIdAsAPreparedStatementParameter() throws Exception {
    try (PreparedStatement ps = fixture.connection().prepareStatement(
        "select arn from stream_sessions where stream_group_id = ? and status = 'ACTIVE'")) {
      for (String group : groups().subList(0, 2)) {
        ps.setString(1, group);
        try (ResultSet rs = ps.executeQuery()) {
          assertEquals(arns(fixture.sessions(REGION, s -> inGroup(s, group) && "ACTIVE".equals(text(s, "Status")))),
              column(rs, "arn"));
        }
      }
    }
    assertEquals(0, fixture.calls("ListStreamGroups").size());
  }
}
