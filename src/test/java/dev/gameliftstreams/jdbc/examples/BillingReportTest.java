package dev.gameliftstreams.jdbc.examples;

import static dev.gameliftstreams.jdbc.examples.Examples.assertRows;
import static dev.gameliftstreams.jdbc.examples.Examples.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.gameliftstreams.jdbc.examples.Examples.Session;
import dev.gameliftstreams.jdbc.examples.Examples.StreamGroup;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/billing-model.json + examples/billing-report.sql: the demo account joined with an H2 table of hourly
 * rates through Calcite's JDBC adapter. The expected rates are read from H2 directly, at the model's jdbcUrl.
 */
class BillingReportTest {
  private static final List<String> REPORTS = Examples.statements("billing-report.sql");

  private static Connection connection;
  /** stream_class to usd_per_hour, in stream_class order. */
  private static Map<String, BigDecimal> rates;

  @BeforeAll
  static void connect() throws Exception {
    connection = Examples.connect("billing-model.json");
    rates = ratesFromH2();
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  /** The rates as H2 itself answers them, at the model's jdbcUrl: independent of Calcite's JDBC adapter. */
  private static Map<String, BigDecimal> ratesFromH2() throws Exception {
    String jdbcUrl = null;
    for (JsonNode schema : new ObjectMapper().readTree(Examples.DIR.resolve("billing-model.json").toFile())
        .get("schemas")) {
      if (schema.get("name").asText().equals("billing")) {
        jdbcUrl = schema.get("jdbcUrl").asText();
      }
    }
    Map<String, BigDecimal> rates = new TreeMap<>();
    try (Connection h2 = DriverManager.getConnection(jdbcUrl, "sa", "");
         Statement st = h2.createStatement();
         ResultSet rs = st.executeQuery("select stream_class, usd_per_hour from stream_class_rates")) {
      while (rs.next()) {
        rates.put(rs.getString(1), rs.getBigDecimal(2));
      }
    }
    assertEquals(6, rates.size(), "the rows of examples/billing.sql");
    return rates;
  }

  @Test
  void theScriptHoldsTheTwoSpecifiedReports() {
    assertEquals(2, REPORTS.size(), "one test below per report");
  }

  @Test
  void costPerRegionAndStreamClassIsSessionSecondsTimesTheH2HourlyRate() throws Exception {
    Map<List<String>, StreamGroup> groups = Examples.streamGroups().stream()
        .collect(Collectors.toMap(g -> List.of(g.region(), g.id()), g -> g));
    Map<List<Object>, List<Session>> byRegionAndClass = Examples.sessions().stream()
        .collect(Collectors.groupingBy(s -> {
          StreamGroup g = groups.get(List.of(s.region(), s.streamGroupId()));
          return row(g.region(), g.streamClass());
        }));
    List<List<Object>> expected = new ArrayList<>();
    byRegionAndClass.forEach((key, sessions) -> {
      BigDecimal rate = rates.get((String) key.get(1));
      // TIMESTAMPDIFF(SECOND, ...) counts whole seconds.
      long seconds = sessions.stream()
          .mapToLong(s -> Duration.between(s.createdAt(), s.lastUpdatedAt()).getSeconds()).sum();
      BigDecimal cost = BigDecimal.valueOf(seconds).multiply(rate).divide(BigDecimal.valueOf(3600), 2,
          RoundingMode.HALF_UP);
      expected.add(row(key.get(0), key.get(1), (long) sessions.size(), seconds, rate, cost));
    });
    expected.sort(Examples.IN_ORDER);

    List<List<Object>> rows = Examples.rows(connection, REPORTS.get(0));
    assertRows(expected, rows, REPORTS.get(0));
    assertEquals(4 + 3, rows.size(), "us-west-2 has four stream classes, us-east-1 three");
    assertEquals((long) Examples.DEMO.regions().stream().mapToInt(r -> Examples.DEMO.streamSessions(r).size()).sum(),
        rows.stream().mapToLong(r -> (Long) r.get(2)).sum(), "every session has a group with a rate");
  }

  @Test
  void everyRateIsListedWithItsStreamGroupsAndRatesWithoutGroupsKeepZero() throws Exception {
    Map<String, Long> groupsPerClass = Examples.streamGroups().stream()
        .collect(Collectors.groupingBy(StreamGroup::streamClass, Collectors.counting()));
    List<List<Object>> expected = rates.entrySet().stream()
        .map(e -> row(e.getKey(), e.getValue(), groupsPerClass.getOrDefault(e.getKey(), 0L)))
        .collect(Collectors.toList());

    List<List<Object>> rows = Examples.rows(connection, REPORTS.get(1));
    assertRows(expected, rows, REPORTS.get(1));
    assertEquals(List.of("gen4n_ultra", "gen6n_large"),
        rows.stream().filter(r -> r.get(2).equals(0L)).map(r -> r.get(0)).collect(Collectors.toList()),
        "LEFT JOIN from the H2 table keeps rates no stream group uses");
  }
}
