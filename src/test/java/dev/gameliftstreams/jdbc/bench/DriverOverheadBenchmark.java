package dev.gameliftstreams.jdbc.bench;

import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/**
 * The driver's own cost: a full scan of 20,000 sessions through JDBC ({@code jdbcFullScan}) against the
 * plain SDK paginator loop over the same pages ({@code sdkPaginatorBaseline}), zero latency, no client-side
 * rate limit ({@code rateLimit=0}). Goal: the JDBC scan within 1.2x the baseline of the same run.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 10, time = 3)
@Measurement(iterations = 10, time = 3)
@Fork(1)
public class DriverOverheadBenchmark {
  static final int SESSIONS = 20_000;

  private BenchFixture fixture;
  private Connection connection;
  private GameLiftStreamsClient client;

  @Setup(Level.Trial)
  public void start() throws IOException, SQLException {
    // All sessions in one region: generated data puts two thirds in us-west-2.
    fixture = BenchFixture.start(EmulatorOptions.defaults().withSessions(SESSIONS * 3 / 2));
    connection = fixture.connect(";rateLimit=0");
    client = fixture.sdkClient();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    fixture.close();
  }

  @Benchmark
  public long jdbcFullScan() throws SQLException {
    long rows = 0;
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("select arn from account_stream_sessions")) {
      while (rs.next()) {
        rows += rs.getString(1).length();
      }
    }
    return rows;
  }

  @Benchmark
  public long sdkPaginatorBaseline() {
    return client.listStreamSessionsByAccountPaginator(b -> b.maxResults(100)).items().stream()
        .mapToLong(s -> s.arn().length()).sum();
  }
}
