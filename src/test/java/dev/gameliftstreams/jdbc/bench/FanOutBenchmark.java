package dev.gameliftstreams.jdbc.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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

/**
 * {@code select arn from stream_sessions} over a dozen stream groups against an emulator with 150 ms latency
 * that enforces the published quotas (20 ListStreamSessions per second). The physical limit of one scan is the
 * session-list pages / 20 per second plus one latency for the group listing: 12 groups x 3 pages / 20 + 150 ms
 * = 1,950 ms. Goal: within 1.2x of it.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 6)
@Fork(1)
public class FanOutBenchmark {
  static final int GROUPS = 12;
  static final int SESSIONS_PER_GROUP = 250;
  static final long LATENCY_MS = 150;
  private static final String ACCOUNT = "123456789012";
  private static final String REGION = BenchFixture.REGION;

  private BenchFixture fixture;
  private Connection connection;

  @Setup(Level.Trial)
  public void start() throws IOException, SQLException {
    Path data = Files.createTempFile("fan-out", ".json");
    Files.writeString(data, data());
    fixture = BenchFixture.start(EmulatorOptions.defaults().withDataFile(data).withLatencyMs(LATENCY_MS)
        .withQuotas(true));
    connection = fixture.connect("");
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    fixture.close();
  }

  @Benchmark
  public long scanAllGroups() throws SQLException {
    long rows = 0;
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery("select arn from stream_sessions")) {
      while (rs.next()) {
        rows++;
      }
    }
    if (rows != GROUPS * SESSIONS_PER_GROUP) {
      throw new IllegalStateException("expected " + GROUPS * SESSIONS_PER_GROUP + " rows, got " + rows);
    }
    return rows;
  }

  private static String data() {
    ObjectMapper mapper = new ObjectMapper();
    ObjectNode root = mapper.createObjectNode().put("accountId", ACCOUNT);
    ObjectNode region = root.putObject("regions").putObject(REGION);
    ArrayNode groups = region.putArray("streamGroups");
    ArrayNode sessions = region.putArray("streamSessions");
    for (int g = 0; g < GROUPS; g++) {
      String id = String.format("sg-bench%04d", g);
      groups.addObject().put("Arn", "arn:aws:gameliftstreams:" + REGION + ":" + ACCOUNT + ":streamgroup/" + id)
          .put("Id", id).put("Status", "ACTIVE");
      for (int s = 0; s < SESSIONS_PER_GROUP; s++) {
        sessions.addObject()
            .put("Arn", "arn:aws:gameliftstreams:" + REGION + ":" + ACCOUNT + ":streamsession/" + id + "/ses" + s)
            .put("Status", "ACTIVE").put("UserId", "user" + s).put("CreatedAt", 1_732_675_200L + s);
      }
    }
    return root.toString();
  }
}
