package dev.gameliftstreams.jdbc.examples;

import static java.util.stream.Collectors.toMap;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * What the example specifications share: the files under {@code examples/} (tests run in the project root), the
 * connection the README documents, and the demo data of {@code "demo": true} (seed 42, 5000 sessions) in plain
 * Java, so that every expected result is computed independently of Calcite.
 */
final class Examples {
  static final Path DIR = Path.of("examples");

  /** The demo data the embedded emulator serves. */
  static final EmulatorData DEMO = EmulatorData.generate(42, 5000);

  record Session(String region, String arn, String streamGroupId, String userId, String status,
                 String statusReason, String exportStatus, Instant createdAt, Instant lastUpdatedAt) {
  }

  record StreamGroup(String region, String id, String streamClass, String defaultApplicationId) {
  }

  record Application(String region, String id, String description) {
  }

  record Player(String userId, String displayName, String country, String tier, LocalDate signupDate) {
  }

  private Examples() {
  }

  /**
   * A connection to a model through this driver, as examples/README.md shows: the driver's name rules (lower-case
   * names unquoted, case-insensitive) and UTC timestamps apply to every schema of the model.
   */
  static Connection connect(String model) throws SQLException {
    return DriverManager.getConnection("jdbc:gameliftstreams:model=" + DIR.resolve(model));
  }

  /** The statements of a script, split on {@code ;}; each keeps its leading {@code --} comment. */
  static List<String> statements(String script) {
    return Arrays.stream(read(DIR.resolve(script)).split(";"))
        .map(String::strip)
        .filter(s -> !s.isEmpty())
        .collect(Collectors.toList());
  }

  /** The rows of a query, with integers as Long and timestamps as Instant, so rows compare with plain Java. */
  static List<List<Object>> rows(Connection connection, String sql) throws SQLException {
    try (Statement st = connection.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      List<List<Object>> rows = new ArrayList<>();
      while (rs.next()) {
        List<Object> row = new ArrayList<>();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          Object v = rs.getObject(i);
          row.add(v instanceof Integer || v instanceof Short ? ((Number) v).longValue()
              : v instanceof Timestamp t ? Instant.ofEpochMilli(t.getTime())
              : v);
        }
        rows.add(row);
      }
      return rows;
    }
  }

  static void assertRows(List<List<Object>> expected, List<List<Object>> actual, String sql) {
    assertEquals(expected.size(), actual.size(), () -> "row count of\n" + sql);
    for (int i = 0; i < expected.size(); i++) {
      int row = i;
      assertEquals(expected.get(i), actual.get(i), () -> "row " + row + " of\n" + sql);
    }
  }

  static List<Object> row(Object... values) {
    return Arrays.asList(values);
  }

  /** The rows of {@code GROUP BY key ... COUNT(*)}: each distinct key followed by its count, in key order. */
  static <T> List<List<Object>> countBy(Stream<T> items, Function<T, List<Object>> key) {
    Map<List<Object>, Long> counts = items.collect(Collectors.groupingBy(key, Collectors.counting()));
    return counts.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(IN_ORDER))
        .map(e -> {
          List<Object> row = new ArrayList<>(e.getKey());
          row.add(e.getValue());
          return row;
        })
        .collect(Collectors.toList());
  }

  /** ORDER BY over every column, ascending, NULLs last (Calcite's default). */
  @SuppressWarnings({"unchecked", "rawtypes"})
  static final Comparator<List<Object>> IN_ORDER = (a, b) -> {
    Comparator<Object> column = Comparator.nullsLast((x, y) -> ((Comparable) x).compareTo(y));
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = column.compare(a.get(i), b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  };

  static List<Session> sessions() {
    return DEMO.regions().stream()
        .flatMap(region -> DEMO.streamSessions(region).stream().map(s -> session(region, s)))
        .collect(Collectors.toList());
  }

  static List<StreamGroup> streamGroups() {
    return DEMO.regions().stream()
        .flatMap(region -> DEMO.streamGroups(region).stream().map(g -> new StreamGroup(region,
            g.get("Id").asText(), g.get("StreamClass").asText(), g.path("DefaultApplication").path("Id").asText())))
        .collect(Collectors.toList());
  }

  static List<Application> applications() {
    return DEMO.regions().stream()
        .flatMap(region -> DEMO.applications(region).stream().map(a -> new Application(region,
            a.get("Id").asText(), a.get("Description").asText())))
        .collect(Collectors.toList());
  }

  /** {@code examples/players/players.csv}, read without the file adapter; the header is the typed one. */
  static Map<String, Player> players() {
    List<String> lines = read(DIR.resolve("players/players.csv")).lines().collect(Collectors.toList());
    assertEquals("user_id:string,display_name:string,country:string,tier:string,signup_date:date", lines.get(0));
    return lines.stream().skip(1)
        .map(line -> line.split(",", -1))
        .map(f -> new Player(f[0], f[1], f[2], f[3], LocalDate.parse(f[4])))
        .collect(toMap(Player::userId, p -> p, (a, b) -> {
          throw new IllegalStateException("duplicate user_id " + a.userId());
        }, LinkedHashMap::new));
  }

  private static Session session(String region, ObjectNode s) {
    String arn = s.get("Arn").asText();
    String[] resource = arn.split(":")[5].split("/");
    return new Session(region, arn, resource[1], s.get("UserId").asText(), s.get("Status").asText(),
        s.path("StatusReason").asText(null), s.path("ExportFilesMetadata").path("Status").asText(null),
        instant(s.get("CreatedAt")), instant(s.get("LastUpdatedAt")));
  }

  /** The wire form: epoch seconds with a millisecond fraction. */
  private static Instant instant(JsonNode epochSeconds) {
    return Instant.ofEpochMilli(epochSeconds.decimalValue().movePointRight(3).longValueExact());
  }

  static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
