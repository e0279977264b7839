package dev.gameliftstreams.jdbc.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.gameliftstreams.jdbc.examples.Examples.Player;
import dev.gameliftstreams.jdbc.examples.Examples.Session;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * examples/python/error_sessions.py, run as its README says, with the shaded jar, by a Python that has pandas
 * and JPype (with JayDeBeApi when installed, else JPype's own DB-API module), on a machine in Los Angeles time:
 * its report equals the same computation in Java, with last_error_at the sessions' UTC instants.
 */
class PythonExampleIT {
  private static final Path SCRIPT = Path.of("examples/python/error_sessions.py");
  private static final Path JAR = Path.of(System.getProperty("shadedJar", "target/gameliftstreams-jdbc.jar"));

  @Test
  void errorSessionsPerTierAreReadIntoPandasWithUtcDatetimes(@TempDir Path dir) throws Exception {
    Optional<String> python = pythonWithPandasAndJpype(dir);
    assumeTrue(python.isPresent(), "no python3 with pandas and JPype (Debian: python3-pandas python3-jpype;"
        + " pip: pandas JayDeBeApi); skipping the Python example");
    Path output = dir.resolve("report.tsv");
    Path log = dir.resolve("stderr.log");
    ProcessBuilder builder = new ProcessBuilder(python.get(), SCRIPT.toString(), JAR.toString())
        .redirectOutput(output.toFile()).redirectError(log.toFile());
    builder.environment().put("TZ", "America/Los_Angeles");
    Process process = builder.start();
    if (!process.waitFor(300, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("timed out:\n" + Files.readString(output) + Files.readString(log));
    }
    String printed = Files.readString(output, StandardCharsets.UTF_8);
    assertEquals(0, process.exitValue(), () -> printed + read(log));

    List<String> lines = printed.lines().collect(Collectors.toList());
    assertEquals("tier\tstatus_reason\tsessions\tlast_error_at", lines.get(0), printed);
    List<List<Object>> rows = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split("\t", -1);
      assertTrue(f[3].endsWith("+00:00"), "a timezone-aware UTC datetime: " + line);
      rows.add(List.of(f[0], f[1], Long.parseLong(f[2]), OffsetDateTime.parse(f[3].replace(' ', 'T')).toInstant()));
    }
    assertEquals(expected(), rows, printed);
  }

  /** ERROR sessions with a player, per tier and status reason: their count and their latest created_at. */
  private static List<List<Object>> expected() {
    Map<String, Player> players = Examples.players();
    Map<List<Object>, List<Session>> groups = Examples.sessions().stream()
        .filter(s -> s.status().equals("ERROR") && players.containsKey(s.userId()))
        .collect(Collectors.groupingBy(s -> Examples.row(players.get(s.userId()).tier(), s.statusReason())));
    List<List<Object>> rows = new ArrayList<>();
    groups.entrySet().stream()
        .sorted(Map.Entry.comparingByKey(Examples.IN_ORDER))
        .forEach(e -> rows.add(List.of(e.getKey().get(0), e.getKey().get(1), (long) e.getValue().size(),
            e.getValue().stream().map(Session::createdAt).max(Comparator.<Instant>naturalOrder()).get())));
    assertTrue(rows.size() > 3, "the example has something to show");
    return rows;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "(" + e + ")";
    }
  }

  /** The first of python3 on the PATH and Debian's own python3 that imports pandas and JPype. */
  private static Optional<String> pythonWithPandasAndJpype(Path dir) throws InterruptedException {
    for (String python : List.of("python3", "/usr/bin/python3")) {
      try {
        Process probe = new ProcessBuilder(python, "-c", "import pandas, jpype")
            .redirectErrorStream(true).redirectOutput(dir.resolve("probe.log").toFile()).start();
        if (probe.waitFor(60, TimeUnit.SECONDS) && probe.exitValue() == 0) {
          return Optional.of(python);
        }
        probe.destroyForcibly();
      } catch (IOException noSuchPython) {
        // try the next one
      }
    }
    return Optional.empty();
  }
}
