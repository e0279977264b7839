package dev.gameliftstreams.jdbc.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
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
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded jar as users run it: the emulator command, sqlline on the demo, the driver's registration. */
class ShadedJarIT {
  private static final Path JAR = Path.of(System.getProperty("shadedJar", "target/gameliftstreams-jdbc.jar"));
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** The demo's data: what {@code demo=true} serves. */
  private static final EmulatorData DEMO = EmulatorData.generate(42, 5000);

  private static Process run(String... args) throws Exception {
    return run(List.of(), args);
  }

  private static Process run(List<String> jvmOptions, String... args) throws Exception {
    List<String> command = new ArrayList<>(List.of(JAVA));
    command.addAll(jvmOptions);
    command.addAll(List.of("-jar", JAR.toString()));
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true).start();
  }

  /** Runs the jar with {@code input} piped to it (no terminal on either side), and returns what it printed. */
  private static String piped(String input, List<String> jvmOptions, String... args) throws Exception {
    Process p = run(jvmOptions, args);
    try (OutputStream in = p.getOutputStream()) {
      in.write(input.getBytes(StandardCharsets.UTF_8));
    }
    return output(p);
  }

  /** Everything a process prints until it exits; it must exit on its own. */
  private static String output(Process p) throws Exception {
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (!p.waitFor(120, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      throw new AssertionError("did not exit:\n" + output);
    }
    return output;
  }

  private static Map<String, Long> demoSessionsPerStatus() {
    return DEMO.regions().stream().flatMap(r -> DEMO.streamSessions(r).stream())
        .collect(Collectors.groupingBy(s -> s.get("Status").asText(), Collectors.counting()));
  }

  /** A table row of sqlline's table format, e.g. {@code | ERROR  | 336 |}. */
  private static Pattern tableRow(Object... cells) {
    return Pattern.compile(java.util.Arrays.stream(cells).map(c -> Pattern.quote(String.valueOf(c)))
        .collect(Collectors.joining("\\s*\\|\\s*", "(?m)^\\|\\s*", "\\s*\\|$")));
  }

  @Test
  void pipedInputPrintsReadableTablesAndTheDriversLogLines() throws Exception {
    String output = piped("select status, count(*) as n from account_stream_sessions group by status;\n", List.of());
    Map<String, Long> expected = demoSessionsPerStatus();
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      assertTrue(tableRow(e.getKey(), e.getValue()).matcher(output).find(), e + " in\n" + output);
    }
    assertTrue(output.contains(expected.size() + " rows selected"), output);
    assertTrue(output.contains("INFO dev.gameliftstreams.jdbc.pushdown - account_stream_sessions: "), output);
    assertFalse(output.contains("dumb terminal"), "no jline warning about the pipe:\n" + output);
  }

  @Test
  void aScriptFileWithoutUrlRunsAgainstTheDemoAndExits(@TempDir Path dir) throws Exception {
    Path script = Files.writeString(dir.resolve("report.sql"),
        "select status, count(*) as n from account_stream_sessions where status = 'ERROR' group by status;\n");
    String output = output(run("-f", script.toString()));
    assertTrue(tableRow("ERROR", demoSessionsPerStatus().get("ERROR")).matcher(output).find(), output);
    assertFalse(output.contains("No current connection"), output);
  }

  @Test
  void aUrlConnectsWithoutPromptingForUserOrPassword() throws Exception {
    // Without the entry point's default, sqlline would read the query as the user name.
    String output = piped("select count(*) as n from stream_groups;\n", List.of(),
        "-u", "jdbc:gameliftstreams:demo=true;region=us-east-1");
    assertFalse(output.contains("Enter username"), output);
    assertTrue(tableRow(DEMO.streamGroups("us-east-1").size()).matcher(output).find(), output);
  }

  /**
   * sqlline's !dbinfo shows what this driver's DatabaseMetaData answers (the driver's own tests specify the names):
   * the metadata reaches sqlline through the driver's JDBC layer, not Calcite's.
   */
  @Test
  void dbinfoShowsThisDriversMetadata() throws Exception {
    String product;
    String driver;
    String url;
    try (Connection c = DriverManager.getConnection("jdbc:gameliftstreams:demo=true")) {
      product = c.getMetaData().getDatabaseProductName();
      driver = c.getMetaData().getDriverName();
      url = c.getMetaData().getURL();
    }
    String output = piped("!dbinfo\n", List.of());
    assertTrue(Pattern.compile("(?m)^getDatabaseProductName\\s+" + Pattern.quote(product) + "\\s*$").matcher(output)
        .find(), product + " in\n" + output);
    assertTrue(Pattern.compile("(?m)^getDriverName\\s+" + Pattern.quote(driver) + "\\s*$").matcher(output).find(),
        driver + " in\n" + output);
    assertTrue(Pattern.compile("(?m)^getURL\\s+" + Pattern.quote(url) + "\\s*$").matcher(output).find(),
        url + " in\n" + output);
  }

  @Test
  void timestampsAreShownInUtcWhateverTheJvmZone() throws Exception {
    com.fasterxml.jackson.databind.JsonNode session = DEMO.streamSessions("us-west-2").get(0);
    String arn = session.get("Arn").asText();
    Instant created = Instant.ofEpochMilli(session.get("CreatedAt").decimalValue().movePointRight(3).longValueExact());
    String utc = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS").withZone(ZoneOffset.UTC).format(created);
    String output = piped("select created_at from account_stream_sessions where arn = '" + arn + "';\n",
        List.of("-Duser.timezone=America/Los_Angeles"));
    assertTrue(tableRow(utc).matcher(output).find(), utc + " (UTC) in\n" + output);
  }

  /**
   * What shortens a cold start (ColdStartBenchmark): a fresh JVM plans its first query without initializing
   * CoreRules' 162 rules and without Janino compiling metadata handlers, and the classes it loads from the jar
   * are stored in it, not deflated (src/build/StoreStartupClasses.java); and it still answers.
   */
  @Test
  void aFreshJvmsFirstQueryLoadsStoredClassesAndBuildsNeitherAllCoreRulesNorMetadataHandlers() throws Exception {
    String output = piped("select status, count(*) from account_stream_sessions where status = 'ERROR' group by status;\n",
        List.of("-Xlog:class+load=info"));
    assertTrue(tableRow("ERROR", demoSessionsPerStatus().get("ERROR")).matcher(output).find(), output);
    assertFalse(output.contains("org.apache.calcite.rel.rules.CoreRules "), "CoreRules initialized");
    assertFalse(output.contains("GeneratedMetadata_"), "metadata handlers compiled");

    Matcher loaded = Pattern.compile("\\] (\\S+) source: file:\\S+\\.jar$", Pattern.MULTILINE).matcher(output);
    int classes = 0;
    int deflated = 0;
    try (ZipFile zip = new ZipFile(JAR.toFile())) {
      while (loaded.find()) {
        // Classes Janino compiles name the jar as their source too, without an entry in it.
        ZipEntry entry = zip.getEntry(loaded.group(1).replace('.', '/') + ".class");
        if (entry != null) {
          classes++;
          deflated += entry.getMethod() == ZipEntry.STORED ? 0 : 1;
        }
      }
    }
    assertTrue(classes > 3000, classes + " classes loaded from the jar");
    assertTrue(deflated < classes / 50, deflated + " of the " + classes + " classes loaded from the jar are deflated");
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
    String output = output(sqlline);
    long sessions = DEMO.regions().stream().mapToLong(r -> DEMO.streamSessions(r).size()).sum();
    assertTrue(output.contains("'n'\n'" + sessions + "'"), output);
  }

  @Test
  void driverAndServiceFilesAreMerged() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      String drivers = new String(jar.getInputStream(jar.getEntry("META-INF/services/java.sql.Driver"))
          .readAllBytes(), StandardCharsets.UTF_8);
      assertTrue(drivers.contains("dev.gameliftstreams.jdbc.driver.GameLiftStreamsDriver"), drivers);
      assertTrue(drivers.contains("org.apache.calcite.jdbc.Driver"), drivers);
      assertTrue(jar.getEntry(SHADED + "software/amazon/awssdk/services/gameliftstreams/GameLiftStreamsClient.class")
          != null, "the AWS SDK is relocated");
      String janino = new String(jar.getInputStream(jar.getEntry("META-INF/services/dev.gameliftstreams.jdbc.shaded"
          + ".org.codehaus.commons.compiler.ICompilerFactory")).readAllBytes(), StandardCharsets.UTF_8);
      assertEquals("dev.gameliftstreams.jdbc.shaded.org.codehaus.janino.CompilerFactory", janino.strip(),
          "Calcite finds the relocated Janino through its relocated service file");
    }
    assertTrue(Files.size(JAR) > 1_000_000);
  }

  /** What keeps its name in the shaded jar (README, "The shaded jar"); everything else is under {@link #SHADED}. */
  private static final List<String> KEPT = List.of("dev/gameliftstreams/", "org/apache/calcite/", "sqlline/");
  private static final String SHADED = "dev/gameliftstreams/jdbc/shaded/";
  /** Roots of Java package names: a resource under one of them belongs to a library's package. */
  private static final Set<String> PACKAGE_ROOTS = Set.of("com", "org", "net", "io", "software", "edu", "au",
      "javax", "jakarta", "ch", "de");
  /** Configuration files that logging frameworks read from the class path, whoever ships them. */
  private static final Set<String> LOGGING_CONFIGS = Set.of("simplelogger.properties", "logging.properties",
      "log4j.properties", "log4j.xml", "log4j2.xml", "log4j2.properties", "log4j2-test.xml", "logback.xml",
      "logback-test.xml", "commons-logging.properties");

  @Test
  void everyThirdPartyPackageIsRelocatedAndNoLoggingConfigurationIsBundled() throws Exception {
    List<String> violations = new ArrayList<>();
    try (JarFile jar = new JarFile(JAR.toFile())) {
      for (JarEntry e : java.util.Collections.list(jar.entries())) {
        String name = e.getName();
        if (e.isDirectory()) {
          continue;
        }
        if (LOGGING_CONFIGS.contains(name.substring(name.lastIndexOf('/') + 1))) {
          violations.add(name + " (logging configuration)");
        } else if (name.startsWith("META-INF/services/")) {
          String service = name.substring("META-INF/services/".length());
          if (!service.equals("java.sql.Driver") && !service.startsWith("dev.gameliftstreams.")
              && !service.startsWith("org.apache.calcite.")) {
            violations.add(name + " (service of an unrelocated interface)");
          }
        } else if (name.startsWith("META-INF/versions/")) {
          violations.add(name + " (multi-release class that relocation does not reach)");
        } else if (name.startsWith("META-INF/")) {
          continue;
        } else if ((name.endsWith(".class") || PACKAGE_ROOTS.contains(name.split("/")[0]))
            && KEPT.stream().noneMatch(name::startsWith)) {
          violations.add(name);
        }
      }
      assertTrue(jar.getEntry("org/apache/calcite/jdbc/Driver.class") != null, "Calcite keeps its name");
      assertTrue(jar.getEntry("sqlline/SqlLine.class") != null, "sqlline keeps its name");
      assertTrue(jar.getEntry(SHADED + "com/google/common/collect/ImmutableList.class") != null);
      assertTrue(jar.getEntry(SHADED + "org/codehaus/janino/CompilerFactory.class") != null);
      assertTrue(jar.getEntry(SHADED + "org/jline/reader/LineReader.class") != null);
    }
    assertEquals(List.of(), violations.subList(0, Math.min(20, violations.size())),
        violations.size() + " entries outside " + KEPT + " and the relocated " + SHADED);
  }

  @Test
  void jlineNativeTerminalsAreLeftOut() throws Exception {
    try (JarFile jar = new JarFile(JAR.toFile())) {
      List<String> nativeBound = jar.stream().map(JarEntry::getName)
          .filter(n -> n.contains("/jna/") || n.contains("/jansi/") || n.contains("com/sun/jna")
              || n.contains("org/fusesource"))
          .limit(5)
          .collect(Collectors.toList());
      assertEquals(List.of(), nativeBound);
    }
  }

  /**
   * A host with its own Jackson 2.21 and SLF4J 2 + slf4j-simple, the shaded jar first on its class path, keeps
   * them (its logger factory, its Jackson version, no SLF4J warning) and gets the driver's lines through the
   * documented route (java.util.logging bridged into SLF4J), while the driver runs a model query: relocated
   * Jackson reads the model, the relocated file adapter the CSV, the relocated SDK calls the demo emulator and
   * Calcite compiles the plan with the relocated Janino.
   */
  @Test
  void aHostKeepsItsOwnJacksonAndLoggingAndReceivesTheDriversLogLines() throws Exception {
    Path hostLibs = Path.of(System.getProperty("hostLibs", "target/it-host-libs"));
    String classPath = JAR + java.io.File.pathSeparator + hostLibs.resolve("*");
    Process host = new ProcessBuilder(JAVA, "-cp", classPath, "src/test/host/HostApp.java",
        "jdbc:gameliftstreams:model=examples/players-model.json",
        "select count(*) from account_stream_sessions s join players.players p on p.user_id = s.user_id"
            + " where s.status = 'ERROR'")
        .redirectErrorStream(true).start();
    String output = output(host);

    Set<String> players = Files.readAllLines(Path.of("examples/players/players.csv")).stream().skip(1)
        .map(line -> line.split(",")[0]).collect(Collectors.toSet());
    long expected = DEMO.regions().stream().flatMap(r -> DEMO.streamSessions(r).stream())
        .filter(s -> s.get("Status").asText().equals("ERROR") && players.contains(s.get("UserId").asText()))
        .count();
    assertEquals(0, host.exitValue(), output);
    assertTrue(output.contains("INFO host - host logging: org.slf4j.simple.SimpleLoggerFactory"), output);
    assertTrue(output.contains("INFO host - host jackson: 2.21.0"), output);
    assertTrue(output.contains("result={\"n\":" + expected + "}"), output);
    assertTrue(Pattern.compile("INFO dev\\.gameliftstreams\\.jdbc\\.\\S+ - account_stream_sessions: ")
        .matcher(output).find(), "the driver's line reached the host's SLF4J binding:\n" + output);
    assertTrue(output.contains("INFO host - host done"), output);
    assertFalse(output.contains("SLF4J"), "no SLF4J warning (several providers, no provider):\n" + output);
  }
}
