package dev.gameliftstreams.jdbc.bench;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/**
 * What the benchmarks share: an emulator (in this JVM, or in a process of its own when this JVM's heap is
 * measured), the driver's connections and a plain SDK client to it with the same keys and HTTP client, all
 * closed together.
 */
public final class BenchFixture implements AutoCloseable {
  public static final String REGION = "us-west-2";
  private static final String ACCESS_KEY = "AKIDEXAMPLE";
  private static final String SECRET = "secret";
  private static final Pattern READY = Pattern.compile("GameLift Streams emulator listening on (http://\\S+)");

  private final URI endpoint;
  private final Deque<AutoCloseable> opened = new ArrayDeque<>();

  private BenchFixture(URI endpoint, AutoCloseable emulator) {
    this.endpoint = endpoint;
    opened.push(emulator);
  }

  /** An emulator in this JVM. */
  public static BenchFixture start(EmulatorOptions options) throws IOException {
    Emulator emulator = Emulator.start(options);
    return new BenchFixture(emulator.endpoint(), emulator);
  }

  /** An emulator in its own process ({@code emulator} command of the shaded jar), so its heap is not this JVM's. */
  public static BenchFixture startProcess(String... emulatorArgs) throws IOException {
    List<String> command = new ArrayList<>(List.of(java(), "-jar", shadedJar(), "emulator", "--port", "0"));
    command.addAll(List.of(emulatorArgs));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    AutoCloseable stop = () -> {
      process.destroy();
      process.waitFor(10, TimeUnit.SECONDS);
    };
    BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    for (String line = out.readLine(); line != null; line = out.readLine()) {
      Matcher m = READY.matcher(line);
      if (m.matches()) {
        return new BenchFixture(URI.create(m.group(1)), stop);
      }
    }
    process.destroyForcibly();
    throw new IOException("the emulator exited before its ready line: " + command);
  }

  public URI endpoint() {
    return endpoint;
  }

  /** A driver connection to {@link #REGION} of the emulator; {@code properties} are more URL keys (";rateLimit=0"). */
  public Connection connect(String properties) throws SQLException {
    Connection c = DriverManager.getConnection("jdbc:gameliftstreams:endpoint=" + endpoint + ";region=" + REGION
        + properties, ACCESS_KEY, SECRET);
    opened.push(c);
    return c;
  }

  /** A plain SDK client to {@link #REGION} of the emulator, on the driver's HTTP client (Apache). */
  public GameLiftStreamsClient sdkClient() {
    GameLiftStreamsClient client = GameLiftStreamsClient.builder()
        .endpointOverride(endpoint)
        .region(Region.of(REGION))
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(ACCESS_KEY, SECRET)))
        .httpClient(ApacheHttpClient.create())
        .build();
    opened.push(client);
    return client;
  }

  /** Closes what was opened, the emulator last. */
  @Override
  public void close() throws Exception {
    while (!opened.isEmpty()) {
      opened.pop().close();
    }
  }

  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /** {@code target/gameliftstreams-jdbc.jar}, which bin/bench builds. */
  static String shadedJar() {
    return built(Path.of("target", "gameliftstreams-jdbc.jar"));
  }

  /** The test class path's dependencies, {@code target/bench.classpath}, which bin/bench writes. */
  static String dependencies() throws IOException {
    return Files.readString(Path.of(built(Path.of("target", "bench.classpath")))).trim();
  }

  private static String built(Path file) {
    if (!Files.exists(file)) {
      throw new IllegalStateException("run bin/bench: it builds " + file);
    }
    return file.toAbsolutePath().toString();
  }
}
