package dev.gameliftstreams.jdbc.examples;

import static dev.gameliftstreams.jdbc.examples.Examples.assertRows;
import static dev.gameliftstreams.jdbc.examples.Examples.countBy;
import static dev.gameliftstreams.jdbc.examples.Examples.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.examples.Examples.Application;
import dev.gameliftstreams.jdbc.examples.Examples.Player;
import dev.gameliftstreams.jdbc.examples.Examples.Session;
import dev.gameliftstreams.jdbc.examples.Examples.StreamGroup;
import java.sql.Connection;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * examples/players-model.json + examples/player-reports.sql: the demo account's sessions joined with a CSV of
 * players through Calcite's file adapter. Each report equals the same computation in Java over the demo data and
 * the CSV.
 */
class PlayerReportsTest {
  private static final List<String> REPORTS = Examples.statements("player-reports.sql");
  private static final List<Session> SESSIONS = Examples.sessions();
  private static final Map<String, Player> PLAYERS = Examples.players();

  private static Connection connection;

  @BeforeAll
  static void connect() throws Exception {
    connection = Examples.connect("players-model.json");
  }

  @AfterAll
  static void close() throws Exception {
    connection.close();
  }

  /** Runs report {@code index} of the script and compares it with {@code expected}, row by row. */
  private static List<List<Object>> assertReport(int index, List<List<Object>> expected) throws Exception {
    List<List<Object>> actual = Examples.rows(connection, REPORTS.get(index));
    assertRows(expected, actual, REPORTS.get(index));
    return actual;
  }

  private static Player player(Session s) {
    return PLAYERS.get(s.userId());
  }

  private static boolean hasPlayer(Session s) {
    return PLAYERS.containsKey(s.userId());
  }

  @Test
  void theScriptHoldsTheFiveSpecifiedReportsEachWithAComment() {
    assertEquals(5, REPORTS.size(), "one test below per report");
    assertTrue(REPORTS.stream().allMatch(sql -> sql.startsWith("-- ")), REPORTS.toString());
  }

  @Test
  void theCsvHasPlayersWithoutSessionsAndTheSessionsHaveUsersWithoutAPlayer() {
    Set<String> sessionUsers = SESSIONS.stream().map(Session::userId).collect(Collectors.toSet());
    assertTrue(PLAYERS.keySet().stream().filter(sessionUsers::contains).count() > 100);
    assertFalse(PLAYERS.keySet().stream().allMatch(sessionUsers::contains), "players who never streamed");
    assertFalse(PLAYERS.keySet().containsAll(sessionUsers), "session users without a player row");
  }

  @Test
  void sessionsPerTierAndStatusKeepSessionsWithoutAPlayerRow() throws Exception {
    List<List<Object>> rows = assertReport(0, countBy(SESSIONS.stream(),
        s -> row(hasPlayer(s) ? player(s).tier() : "(no player)", s.status())));

    assertEquals((long) SESSIONS.size(), rows.stream().mapToLong(r -> (Long) r.get(2)).sum(),
        "LEFT JOIN: every session is counted once");
    long withoutPlayer = SESSIONS.stream().filter(s -> !hasPlayer(s)).count();
    assertTrue(withoutPlayer > 0);
    assertEquals(withoutPlayer, rows.stream().filter(r -> r.get(0).equals("(no player)"))
        .mapToLong(r -> (Long) r.get(2)).sum());
  }

  @Test
  void playersWithErrorSessionsPerStatusReason() throws Exception {
    List<List<Object>> expected = countBy(SESSIONS.stream().filter(s -> s.status().equals("ERROR") && hasPlayer(s)),
        s -> row(s.userId(), player(s).displayName(), player(s).country(), s.statusReason()));
    // ORDER BY error_sessions DESC, user_id, status_reason
    expected.sort(Comparator.<List<Object>, Long>comparing(r -> (Long) r.get(4)).reversed()
        .thenComparing(r -> (String) r.get(0)).thenComparing(r -> (String) r.get(3)));
    List<List<Object>> rows = assertReport(1, expected);

    assertTrue(rows.size() > 10);
    assertTrue(rows.stream().allMatch(r -> r.get(3) != null), "every ERROR session has a status_reason");
  }

  @Test
  void exportStatusPerCountry() throws Exception {
    assertReport(2, countBy(SESSIONS.stream().filter(s -> s.exportStatus() != null && hasPlayer(s)),
        s -> row(player(s).country(), s.exportStatus())));
  }

  @Test
  void everyPlayerWithSessionCountAndLastSessionIncludingPlayersWhoNeverStreamed() throws Exception {
    Map<String, List<Session>> byUser = SESSIONS.stream().collect(Collectors.groupingBy(Session::userId));
    List<List<Object>> expected = PLAYERS.values().stream()
        .map(p -> {
          List<Session> own = byUser.getOrDefault(p.userId(), List.of());
          Instant last = own.stream().map(Session::createdAt).max(Comparator.naturalOrder()).orElse(null);
          return row(p.userId(), p.displayName(), p.tier(), (long) own.size(), last);
        })
        // ORDER BY sessions, user_id
        .sorted(Comparator.<List<Object>, Long>comparing(r -> (Long) r.get(3)).thenComparing(r -> (String) r.get(0)))
        .collect(Collectors.toList());
    List<List<Object>> rows = assertReport(3, expected);

    Set<String> neverStreamed = rows.stream().filter(r -> r.get(3).equals(0L)).map(r -> (String) r.get(0))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(Set.of("player-00900", "player-00901", "player-00902", "player-00903", "player-00904",
        "player-00905"), neverStreamed, "LEFT JOIN keeps players without sessions");
    assertTrue(rows.stream().filter(r -> r.get(3).equals(0L)).allMatch(r -> r.get(4) == null));
  }

  @Test
  void sessionsPerApplicationAndStreamClassThroughStreamGroups() throws Exception {
    Map<List<String>, StreamGroup> groups = index(Examples.streamGroups(), g -> List.of(g.region(), g.id()));
    Map<List<String>, Application> apps = index(Examples.applications(), a -> List.of(a.region(), a.id()));
    List<List<Object>> expected = countBy(SESSIONS.stream().filter(PlayerReportsTest::hasPlayer), s -> {
      StreamGroup g = Objects.requireNonNull(groups.get(List.of(s.region(), s.streamGroupId())));
      Application a = Objects.requireNonNull(apps.get(List.of(g.region(), g.defaultApplicationId())));
      return row(a.region(), a.description(), g.streamClass(), player(s).tier());
    });
    List<List<Object>> rows = assertReport(4, expected);

    assertEquals(Set.of("us-west-2", "us-east-1"), rows.stream().map(r -> r.get(0)).collect(Collectors.toSet()));
    assertEquals(SESSIONS.stream().filter(PlayerReportsTest::hasPlayer).count(),
        rows.stream().mapToLong(r -> (Long) r.get(4)).sum(), "every player session reaches its application");
  }

  private static <K, V> Map<K, V> index(List<V> items, Function<V, K> key) {
    return items.stream().collect(Collectors.toMap(key, v -> v));
  }
}
