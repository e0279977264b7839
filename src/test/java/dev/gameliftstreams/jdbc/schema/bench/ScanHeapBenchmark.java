package dev.gameliftstreams.jdbc.schema.bench;

import dev.gameliftstreams.jdbc.bench.BenchFixture;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Iterator;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.AuxCounters;
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
import software.amazon.awssdk.services.gameliftstreams.model.StreamSessionSummary;

/**
 * Live heap while streaming 100,000 sessions: every listed column through the driver against its baseline, a
 * plain SDK paginator loop over the same rows, in the same run. The emulator runs in its own process, so this
 * JVM's heap holds only the client. Every 10,000 rows a full GC is forced and the heap in use is sampled; the
 * {@code liveHeapKb} counter is the largest sample minus the heap in use before the scan, summed with
 * {@code rows} over the iteration (one scan each). Flat memory means it does not grow with the rows: see
 * {@code FlatMemoryIT} for 200,000 rows in -Xmx128m.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xmx1g", "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn"})
public class ScanHeapBenchmark {
  private static final int SAMPLE_EVERY = 10_000;
  /** Two thirds of the generated sessions are in the fixture's region: 100,000 rows. */
  private static final int SESSIONS = 150_000;
  private static final long ROWS = 100_000;
  /** Every column the list call gives (the export's URI and reason would add GetStreamSession calls). */
  private static final String LISTED_COLUMNS = "select arn, session_id, stream_group_id, user_id, status,"
      + " status_reason, protocol, created_at, last_updated_at, application_arn, application_id, export_status,"
      + " location, region, account_id from account_stream_sessions";

  private BenchFixture fixture;
  private Connection connection;
  private GameLiftStreamsClient client;

  /** Live heap in KB at the fullest point of one scan (reported per iteration, one scan each). */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.EVENTS)
  public static class Heap {
    public long liveHeapKb;
    public long rows;
  }

  @Setup(Level.Trial)
  public void start() throws Exception {
    fixture = BenchFixture.startProcess("--sessions", String.valueOf(SESSIONS));
    connection = fixture.connect(";rateLimit=0");
    client = fixture.sdkClient();
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    fixture.close();
  }

  @Benchmark
  public long driverSelectStar(Heap heap) throws SQLException {
    Sampler sampler = new Sampler();
    long rows = 0;
    try (Statement st = connection.createStatement();
         ResultSet rs = st.executeQuery(LISTED_COLUMNS)) {
      int columns = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        for (int i = 1; i <= columns; i++) {
          rs.getObject(i);
        }
        sampler.row(++rows);
      }
    }
    return sampler.report(heap, rows);
  }

  @Benchmark
  public long sdkPaginatorLoop(Heap heap) {
    Sampler sampler = new Sampler();
    long rows = 0;
    Iterator<StreamSessionSummary> items = client.listStreamSessionsByAccountPaginator(b -> b.maxResults(100))
        .items().iterator();
    while (items.hasNext()) {
      items.next();
      sampler.row(++rows);
    }
    return sampler.report(heap, rows);
  }

  /** Heap in use after a full GC, before the scan and every {@link #SAMPLE_EVERY} rows. */
  private static final class Sampler {
    private final MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    private final long before = usedAfterGc();
    private long max = before;

    private long usedAfterGc() {
      System.gc();
      return memory.getHeapMemoryUsage().getUsed();
    }

    void row(long rows) {
      if (rows % SAMPLE_EVERY == 0) {
        max = Math.max(max, usedAfterGc());
      }
    }

    long report(Heap heap, long rows) {
      if (rows != ROWS) {
        throw new IllegalStateException("expected " + ROWS + " rows, got " + rows);
      }
      long live = Math.max(0, max - before);
      heap.liveHeapKb += live / 1024;
      heap.rows += rows;
      return live;
    }
  }
}
