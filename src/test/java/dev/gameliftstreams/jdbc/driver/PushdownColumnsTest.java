package dev.gameliftstreams.jdbc.driver;

import static dev.gameliftstreams.jdbc.driver.EmulatorFixture.REGION;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * {@code pushdown_columns} tells users and tools what a WHERE clause costs, from the same declarations the
 * planner and the README's pushdown table read, without calling the API.
 */
class PushdownColumnsTest {
  private static final String COLUMNS = "select table_name, column_name, api_operation, sent_as, predicates,"
      + " rechecked_by_calcite from pushdown_columns";

  @RegisterExtension
  static final EmulatorFixture fixture = new EmulatorFixture(20, "region=" + REGION);

  private static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  @Test
  void eachKeyColumnNamesItsOperationParameterAndWhetherCalciteRechecksIt() throws Exception {
    List<List<Object>> sessions = fixture.query(COLUMNS + " where table_name = 'stream_sessions'");
    assertEquals(List.of(
        row("stream_sessions", "status", "ListStreamSessions", "Status", "=, IN, OR of =, = ?", false),
        row("stream_sessions", "export_status", "ListStreamSessions", "ExportFilesStatus", "=, IN, OR of =, = ?",
            false),
        row("stream_sessions", "arn", "GetStreamSession", "Identifier", "=, IN, OR of =, = ?", true),
        row("stream_sessions", "session_id", "GetStreamSession", "StreamSessionIdentifier", "=, IN, OR of =, = ?",
            true),
        row("stream_sessions", "stream_group_id", "ListStreamSessions", "Identifier", "=, IN, OR of =, = ?", true),
        row("stream_sessions", "region", null, "the region called", "=, IN, OR of =, = ?", false),
        row("stream_sessions", "account_id", null, "the identities (accounts) called", "=, IN, OR of =, = ?", true)),
        sessions);
    assertEquals(List.of(row("GetStreamSession", "Identifier", "with `session_id`: one call per pair, no list call")),
        fixture.query("select api_operation, sent_as, values_sent from pushdown_columns"
            + " where table_name = 'account_stream_sessions' and column_name = 'stream_group_id'"));
    assertEquals(0, fixture.calls(), "answered from the declarations, no API call");
  }

  @Test
  void itHasOneRowPerRowOfTheReadmesPushdownTable() throws Exception {
    String readme = Files.readString(Path.of("README.md"));
    int from = readme.indexOf("<!-- pushdown table: generated from the table declarations -->");
    String table = readme.substring(from, readme.indexOf("<!-- end of pushdown table -->", from));
    long readmeRows = table.lines().filter(l -> l.startsWith("| `")).count();
    assertTrue(readmeRows > 20, table);
    assertEquals(List.of(row(readmeRows)), fixture.query("select count(*) from pushdown_columns"));
    assertEquals(List.of(row("status"), row("export_status"), row("region")), fixture.query("select column_name"
        + " from pushdown_columns where table_name = 'account_stream_sessions' and not rechecked_by_calcite"));
    assertEquals(0, fixture.calls());
  }
}
