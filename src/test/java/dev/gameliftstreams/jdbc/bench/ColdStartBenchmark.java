package dev.gameliftstreams.jdbc.bench;

import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
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

/**
 * Start-up: a fresh JVM from start to the first row of {@code select arn from account_stream_sessions limit 1}
 * through the shaded jar ({@code driverFirstRow}), against a fresh JVM running a plain SDK program to its first
 * page ({@code sdkFirstPageBaseline}); the emulator runs in this (another) process. Goal: within 2x the baseline.
 * Needs {@code target/gameliftstreams-jdbc.jar} and {@code target/bench.classpath} (bin/bench builds both).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 5)
@Fork(1)
public class ColdStartBenchmark {
  private BenchFixture fixture;
  private String testClasses;
  private String jar;
  private String dependencies;

  @Setup(Level.Trial)
  public void start() throws IOException {
    jar = BenchFixture.shadedJar();
    dependencies = BenchFixture.dependencies();
    testClasses = Path.of("target", "test-classes").toAbsolutePath().toString();
    fixture = BenchFixture.start(EmulatorOptions.defaults());
  }

  @TearDown(Level.Trial)
  public void stop() throws Exception {
    fixture.close();
  }

  @Benchmark
  public int driverFirstRow() throws Exception {
    return run(jar + File.pathSeparator + testClasses, ColdStartDriver.class.getName());
  }

  @Benchmark
  public int sdkFirstPageBaseline() throws Exception {
    return run(testClasses + File.pathSeparator + dependencies, ColdStartSdk.class.getName());
  }

  /** The milliseconds of each program in {@link #interleaved}, summed per iteration (one operation each). */
  @AuxCounters(AuxCounters.Type.EVENTS)
  @State(Scope.Thread)
  public static class Times {
    public double driverMs;
    public double sdkMs;
  }

  /**
   * Both fresh JVMs in each operation, one after the other: unlike the two benchmarks above (all of one,
   * then all of the other), both see the same state of the machine, so their ratio is steadier.
   */
  @Benchmark
  public void interleaved(Times times) throws Exception {
    long start = System.nanoTime();
    driverFirstRow();
    long middle = System.nanoTime();
    sdkFirstPageBaseline();
    times.driverMs += (middle - start) / 1e6;
    times.sdkMs += (System.nanoTime() - middle) / 1e6;
  }

  private int run(String classpath, String main) throws Exception {
    Process p = new ProcessBuilder(List.of(BenchFixture.java(), "-cp", classpath, main, fixture.endpoint().toString()))
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    if (!p.waitFor(120, TimeUnit.SECONDS) || p.exitValue() != 0) {
      p.destroyForcibly();
      throw new IllegalStateException(main + " failed");
    }
    return p.exitValue();
  }
}
