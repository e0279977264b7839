package dev.gameliftstreams.jdbc.emulator;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;

/** Command line: runs an {@link Emulator} until the process is killed. */
public final class EmulatorMain {

  static final String USAGE = String.join(System.lineSeparator(),
      "Usage: emulator --port P [--data FILE] [--seed S] [--sessions N] [--latency-ms MS]"
          + " [--throttle-rate F] [--error-rate F] [--quotas]",
      "  --port P            TCP port on 127.0.0.1 (0 = any free port)",
      "  --data FILE         data file (format: see EmulatorData); default: generated demo data",
      "  --seed S            seed of the generated data (default 42)",
      "  --sessions N        number of generated stream sessions (default 5000)",
      "  --latency-ms MS     delay added to every request (default 0)",
      "  --throttle-rate F   fraction 0..1 of requests answered with ThrottlingException (default 0)",
      "  --error-rate F      fraction 0..1 of requests answered with InternalServerException (default 0)",
      "  --quotas            throttle (429) beyond the published per-region rates: 20 requests/s for the",
      "                      session lists and GetStreamSession, 10 for ListStreamGroups and ListApplications",
      "  --help              print this help");

  private EmulatorMain() {
  }

  public static void main(String[] args) {
    int exitCode = run(args, System.out, System.err, EmulatorMain::awaitTermination);
    if (exitCode != 0) {
      System.exit(exitCode);
    }
  }

  /**
   * Parses {@code args}, starts the emulator, announces its endpoint on {@code out} and hands it to
   * {@code serve}; the emulator is closed once {@code serve} returns.
   *
   * @return the process exit code: 0 after serving or --help, 1 if the emulator cannot start, 2 on bad flags
   */
  static int run(String[] args, PrintStream out, PrintStream err, Consumer<Emulator> serve) {
    Optional<EmulatorOptions> options;
    try {
      options = parseArgs(args);
    } catch (IllegalArgumentException e) {
      err.println("emulator: " + e.getMessage());
      err.println(USAGE);
      return 2;
    }
    if (options.isEmpty()) {
      out.println(USAGE);
      return 0;
    }
    try (Emulator emulator = Emulator.start(options.get())) {
      out.println("GameLift Streams emulator listening on " + emulator.endpoint());
      out.flush();
      serve.accept(emulator);
      return 0;
    } catch (IOException e) {
      err.println("emulator: cannot start: " + e.getMessage());
      return 1;
    }
  }

  /**
   * The options the flags ask for, or empty when --help is among them.
   *
   * @throws IllegalArgumentException on an unknown flag, a missing or malformed value, or no --port
   */
  static Optional<EmulatorOptions> parseArgs(String... args) {
    EmulatorOptions options = EmulatorOptions.defaults();
    boolean portGiven = false;
    for (int i = 0; i < args.length; i++) {
      String flag = args[i];
      if (flag.equals("--help") || flag.equals("-h")) {
        return Optional.empty();
      }
      if (flag.equals("--quotas")) {
        options = options.withQuotas(true);
        continue;
      }
      if (i + 1 == args.length) {
        throw new IllegalArgumentException(flag.startsWith("--") ? "missing value for " + flag
            : "unexpected argument " + flag);
      }
      String value = args[++i];
      try {
        options = switch (flag) {
          case "--port" -> options.withPort(Integer.parseInt(value));
          case "--data" -> options.withDataFile(Path.of(value));
          case "--seed" -> options.withSeed(Long.parseLong(value));
          case "--sessions" -> options.withSessions(Integer.parseInt(value));
          case "--latency-ms" -> options.withLatencyMs(Long.parseLong(value));
          case "--throttle-rate" -> options.withThrottleRate(Double.parseDouble(value));
          case "--error-rate" -> options.withErrorRate(Double.parseDouble(value));
          default -> throw new IllegalArgumentException("unknown flag " + flag);
        };
      } catch (NumberFormatException e) {
        throw new IllegalArgumentException("not a number for " + flag + ": " + value, e);
      }
      portGiven |= flag.equals("--port");
    }
    if (!portGiven) {
      throw new IllegalArgumentException("--port is required (0 picks a free port)");
    }
    return Optional.of(options);
  }

  /** Blocks until the process is killed; the shutdown hook then stops the server cleanly. */
  private static void awaitTermination(Emulator emulator) {
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      emulator.close();
      stopped.countDown();
    }));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
