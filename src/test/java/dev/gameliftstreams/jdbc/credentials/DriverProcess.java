package dev.gameliftstreams.jdbc.credentials;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A {@link ForkedDriver} JVM with exactly the environment a test gives it (plus PATH), never the developer's HOME or
 * AWS settings; its log output (stderr, SDK and driver loggers at DEBUG/TRACE) is kept for secret checks.
 */
final class DriverProcess implements AutoCloseable {
  private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();

  /** One answer: {@code ok} with the first column, or the SQLState and message of the failure. */
  record Answer(boolean ok, String value, String sqlState, String message) {
    @Override
    public String toString() {
      return ok ? "OK " + value : "ERR " + sqlState + " " + message;
    }
  }

  private final Process process;
  private final Path log;
  private final BufferedReader answers;
  private final OutputStream requests;
  private final List<String> transcript = new ArrayList<>();

  /**
   * @param classpath the driver's classpath (the test classpath, or the shaded jar plus test classes)
   * @param env       the whole environment of the JVM besides PATH
   */
  private static final String TRACE_LOGGING = Path.of("src/test/resources/trace-logging.properties")
      .toAbsolutePath().toString();

  DriverProcess(String classpath, Map<String, String> env, Path log) throws IOException {
    List<String> command = List.of(JAVA, "-cp", classpath,
        // Quick start-up: these JVMs run a few queries each.
        "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC", "-Xshare:auto",
        // Everything the driver, the SDK and the HTTP client log (java.util.logging, where the SDK's SLF4J lines go
        // too), at their most verbose (Calcite's planner trace is left out: it logs plans, not credentials, and
        // takes long). The driver masks credentials in the header and wire loggers' lines: this checks
        // that it does.
        "-Djava.util.logging.config.file=" + TRACE_LOGGING,
        ForkedDriver.class.getName());
    ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().putAll(env);
    this.log = log;
    this.process = builder.start();
    this.answers = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.requests = process.getOutputStream();
  }

  /** Runs {@code sql} on a new connection to {@code url}; {@code properties} are key=value connection properties. */
  synchronized Answer query(String url, String sql, String... properties) throws IOException {
    String request = url + "\t" + sql + (properties.length == 0 ? "" : "\t" + String.join("\t", properties));
    requests.write((request + "\n").getBytes(StandardCharsets.UTF_8));
    requests.flush();
    String line;
    do {
      // Libraries may print to stdout too (spring-jcl on the test classpath does): kept, not taken for answers.
      line = answers.readLine();
      if (line == null) {
        throw new IOException("the driver JVM ended; its log:\n" + Files.readString(log));
      }
      transcript.add(line);
    } while (!line.startsWith("OK\t") && !line.startsWith("ERR\t"));
    String[] parts = line.split("\t", 3);
    return parts[0].equals("OK") ? new Answer(true, parts[1], null, null)
        : new Answer(false, null, parts[1], parts[2].replace("\\n", "\n"));
  }

  /** Everything the JVM printed: answers (messages included) and its log. */
  String output() throws IOException {
    return String.join("\n", transcript) + "\n" + Files.readString(log);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    process.waitFor(10, TimeUnit.SECONDS);
  }
}
