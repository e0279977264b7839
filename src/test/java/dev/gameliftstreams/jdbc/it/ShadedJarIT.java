package dev.gameliftstreams.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.EmulatorData;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The shaded jar as users run it: the emulator command, sqlline on the demo, the driver's registration. */
class ShadedJarIT {
  private static final Path JAR = Path.of(System.getProperty("shadedJar", "target/gameliftstreams-jdbc.jar"));
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  private static Process run(String... args) throws Exception {
    List<String> command = new java.util.ArrayList<>(List.of(JAVA, "-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  @Test
  void emulatorCommandAnnouncesItsAddressAndServesTheDriver() throws Exception {
    Process emulator = run("emulator", "--port", "0", "--seed", "3", "--sessions", "300");
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(emulator.getInputStream(), StandardCharsets.UTF_8));
      Pattern ready = Pattern.compile("GameLift Streams emulator listening on (http://127\\.0\\.0\\.1:\\d+)");
      Matcher m = null;
      for (String line = out.readLine(); line != null; line = out.readLine()) {
        m = ready.matcher(line);
        if (m.matches()) {
          break;
        }
      }
      assertTrue(m != null && m.matches(), "the ready line was printed");
      try (Connection c = DriverManager.getConnection("jdbc:gameliftstreams:region=us-east-1;endpoint=" + m.group(1));
           ResultSet rs = c.createStatement().executeQuery("select count(*) from account_stream_sessions")) {
        assertTrue(rs.next());
        assertEquals(EmulatorData.generate(3, 300).streamSessions("us-east-1").size(), rs.getLong(1));
      }
    } finally {
      emulator.destroy();
      emulator.waitFor(10, TimeUnit.SECONDS);
    }
  }

  @Test
  void withoutArgumentsTheJarOpensSqllineOnTheDemo() throws Exception {
    Process sqlline = run();
    try (OutputStream in = sqlline.getOutputStream()) {
      in.write("!outputformat csv\nselect count(*) as n from account_stream_sessions;\n!quit\n"
          .getBytes(StandardCharsets.UTF_8));
    }
    String output = new String(sqlline.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(sqlline.waitFor(60, TimeUnit.SECONDS));
    EmulatorData demo = EmulatorData.generate(42, 5000);
    long sessions = demo.regions().stream().mapToLong(r -> demo.streamSessions(r).size()).sum();
    assertTrue(output.contains("'n'\n'" + sessions + "'"), output);
  }

  @Test
  void driverAndServiceFilesAreMerged() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(drivers.contains("dev.gameliftstreams.jdbc.driver.GameLiftStreamsDriver"), drivers);
      assertTrue(drivers.contains("org.apache.calcite.jdbc.Driver"), drivers);
      assertTrue(jar.getEntry("software/amazon/awssdk/services/gameliftstreams/GameLiftStreamsClient.class") != null,
          "AWS SDK packages are not relocated");
    }
    assertTrue(Files.size(JAR) > 1_000_000);
  }
}
