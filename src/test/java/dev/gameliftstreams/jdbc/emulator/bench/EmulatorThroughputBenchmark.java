package dev.gameliftstreams.jdbc.emulator.bench;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport;
import java.io.IOException;
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
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;

/**
 * How fast one AWS SDK client pages every stream session out of the emulator (ListStreamSessionsByAccount,
 * MaxResults 100, default 5000-session data set). JMH reports the {@code sessions} counter in sessions/s.
 * Run with {@code java -cp <test classpath> org.openjdk.jmh.Main EmulatorThroughputBenchmark}, or without JMH
 * through {@link #main}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class EmulatorThroughputBenchmark {

  private static final int PAGE_SIZE = 100;

  private Emulator emulator;
  private GameLiftStreamsClient client;

  /** JMH reports public fields of an auxiliary counter as rates: here sessions per second. */
  @State(Scope.Thread)
  @AuxCounters(AuxCounters.Type.OPERATIONS)
  public static class Counters {
    public long sessions;
  }

  @Setup(Level.Trial)
  public void start() throws IOException {
    emulator = Emulator.start(EmulatorOptions.defaults());
    client = EmulatorTestSupport.sdkClient(emulator, Region.US_WEST_2);
  }

  @TearDown(Level.Trial)
  public void stop() {
    client.close();
    emulator.close();
  }

  @Benchmark
  public long pageAllSessions(Counters counters) {
    long sessions = client.listStreamSessionsByAccountPaginator(b -> b.maxResults(PAGE_SIZE)).items().stream()
        .count();
    counters.sessions += sessions;
    return sessions;
  }

  /** JMH-free measurement: pages all sessions for a few seconds after a warm-up and prints sessions/s. */
  public static void main(String[] args) throws IOException {
    EmulatorThroughputBenchmark benchmark = new EmulatorThroughputBenchmark();
    benchmark.start();
    try {
      Counters counters = new Counters();
      runFor(benchmark, counters, TimeUnit.SECONDS.toNanos(5));
      counters.sessions = 0;
      long elapsed = runFor(benchmark, counters, TimeUnit.SECONDS.toNanos(10));
      System.out.printf("%.0f sessions/s (%d sessions in %.1f s, MaxResults %d, one client)%n",
          counters.sessions * 1e9 / elapsed, counters.sessions, elapsed / 1e9, PAGE_SIZE);
    } finally {
      benchmark.stop();
    }
  }

  private static long runFor(EmulatorThroughputBenchmark benchmark, Counters counters, long nanos) {
    long start = System.nanoTime();
    while (System.nanoTime() - start < nanos) {
      benchmark.pageAllSessions(counters);
    }
    return System.nanoTime() - start;
  }
}
