package dev.gameliftstreams.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Memory is flat in the number of rows (README, "What is pushed to the API"): the shaded jar in a JVM of
 * {@value #HEAP} streams every column of {@value #SESSIONS} sessions and counts them, served by the emulator in its
 * own process so that only the driver's heap is limited. A scan that kept its rows would need about 195 MB here.
 */
class FlatMemoryIT {
  private static final Path JAR = Path.of(System.getProperty("shadedJar", "target/gameliftstreams-jdbc.jar"));
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
  private static final int SESSIONS = 200_000;
  private static final String HEAP = "-Xmx128m";
  /** Every region the demo data fills: the scan must see all its sessions. */
  private static final List<String> REGIONS = List.of("us-west-2", "us-east-1");

  @Test
  void selectStarAndCountOverTwoHundredThousandSessionsRunIn128Mb(@TempDir Path dir) throws Exception {
    Process emulator = new ProcessBuilder(JAVA, "-Xmx1g", "-jar", JAR.toString(), "emulator", "--port", "0",
        "--sessions", String.valueOf(SESSIONS)).redirectErrorStream(true).start();
    try {
      String endpoint = readyEndpoint(emulator);
      long held = sessionsHeld();
      assertEquals(SESSIONS, held);

      Path output = dir.resolve("scan.log");
      String classpath = JAR + File.pathSeparator + Path.of(Scan.class.getProtectionDomain().getCodeSource()
          .getLocation().toURI());
      // Exit at once on OutOfMemoryError, whichever thread meets it (a pool thread's could be swallowed).
      Process scan = new ProcessBuilder(JAVA, HEAP, "-XX:+ExitOnOutOfMemoryError", "-cp", classpath,
          Scan.class.getName(), "jdbc:gameliftstreams:region=" + String.join(",", REGIONS) + ";rateLimit=0;endpoint="
          + endpoint).redirectErrorStream(true).redirectOutput(output.toFile()).start();
      boolean exited = scan.waitFor(10, TimeUnit.MINUTES);
      if (!exited) {
        scan.destroyForcibly();
      }
      String log = Files.readString(output);
      String summary = log.lines().filter(l -> l.startsWith("rows=") || l.startsWith("count=")
          || l.contains("OutOfMemoryError")).reduce("", (a, b) -> a + b + "\n");
      assertTrue(exited, "the scan ended within 10 minutes:\n" + summary);
      assertFalse(log.contains("OutOfMemoryError"), summary);
      assertEquals(0, scan.exitValue(), summary + tail(log));
      assertTrue(log.contains("rows=" + held + " "), summary);
      assertTrue(log.contains("count=" + held + " "), summary);
    } finally {
      emulator.destroy();
      emulator.waitFor(10, TimeUnit.SECONDS);
    }
  }

  /** The sessions the emulator holds in the scanned regions: its data, generated here the same way. */
  private static long sessionsHeld() {
    EmulatorData data = EmulatorData.generate(42, SESSIONS);
    assertEquals(REGIONS, List.copyOf(data.regions()), "the regions the demo data fills are the ones scanned");
    return REGIONS.stream().mapToLong(r -> data.streamSessions(r).size()).sum();
  }

  private static String readyEndpoint(Process emulator) throws Exception {
    BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
    Pattern ready = Pattern.compile("GameLift Streams emulator listening on (http://127\\.0\\.0\\.1:\\d+)");
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = ready.matcher(line);
      if (m.matches()) {
        return m.group(1);
      }
    }
    throw new AssertionError("the emulator exited before its ready line");
  }

  private static String tail(String log) {
    return log.substring(Math.max(0, log.length() - 4000));
  }

  /** The limited JVM: every row and column of {@code select *}, then {@code count(*)}; args[0] is the URL. */
  public static final class Scan {
    private Scan() {
    }

    public static void main(String[] args) throws Exception {
      long start = System.nanoTime();
      try (Connection c = DriverManager.getConnection(args[0], "AKIDTEST", "test-secret");
           Statement st = c.createStatement()) {
        long rows = 0;
        try (ResultSet rs = st.executeQuery("select * from account_stream_sessions")) {
          int columns = rs.getMetaData().getColumnCount();
          while (rs.next()) {
            for (int i = 1; i <= columns; i++) {
              rs.getObject(i);
            }
            rows++;
          }
        }
        System.out.println("rows=" + rows + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
        try (ResultSet rs = st.executeQuery("select count(*) from account_stream_sessions")) {
          rs.next();
          System.out.println("count=" + rs.getLong(1) + " after " + (System.nanoTime() - start) / 1_000_000 + " ms");
        }
      }
    }
  }
}
