package dev.gameliftstreams.jdbc.emulator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line: flags, usage and the ready line scripts wait for. */
class EmulatorMainTest {

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void everyFlagSetsItsOption() {
    Optional<EmulatorOptions> options = EmulatorMain.parseArgs("--port", "8123", "--data", "d.json",
        "--seed", "7", "--sessions", "10", "--latency-ms", "5", "--throttle-rate", "0.25",
        "--error-rate", "0.5", "--quotas");

    assertEquals(Optional.of(new EmulatorOptions(8123, Path.of("d.json"), 7, 10, 5, 0.25, 0.5, true)), options);
  }

  @Test
  void onlyThePortIsRequired() {
    assertEquals(Optional.of(EmulatorOptions.defaults()), EmulatorMain.parseArgs("--port", "0"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "--sessions 5", "--port", "--port x", "--port 70000", "--port 1 --bogus 2",
      "--port 1 --error-rate 2", "--port 1 --throttle-rate -0.1", "--port 1 --latency-ms -1", "stray"})
  void badFlagsExitWithCode2AndUsageOnStderr(String args) {
    String[] argv = args.isEmpty() ? new String[0] : args.split(" ");

    assertThrows(IllegalArgumentException.class, () -> EmulatorMain.parseArgs(argv));
    assertEquals(2, run(argv, emulator -> { }));
    assertTrue(text(err).contains("Usage: emulator --port P"), text(err));
    assertEquals("", text(out));
  }

  @Test
  void helpPrintsUsageAndExitsWith0() {
    assertEquals(0, run(new String[] {"--help"}, emulator -> { }));
    assertTrue(text(out).startsWith("Usage: emulator --port P [--data FILE] [--seed S] [--sessions N]"));
  }

  @Test
  void announcesTheActualPortOnceServing() {
    AtomicInteger port = new AtomicInteger();

    int exitCode = run(new String[] {"--port", "0", "--sessions", "50", "--latency-ms", "1"}, emulator -> {
      port.set(emulator.port());
      assertEquals(200, EmulatorTestSupport.signedGet(emulator, "/streamgroups", "us-west-2").statusCode());
    });

    assertEquals(0, exitCode);
    assertEquals("GameLift Streams emulator listening on http://127.0.0.1:" + port.get() + System.lineSeparator(),
        text(out));
  }

  @Test
  void anUnreadableDataFileExitsWith1() {
    assertEquals(1, run(new String[] {"--port", "0", "--data", "/nonexistent/data.json"}, emulator -> { }));
    assertTrue(text(err).contains("cannot start"), text(err));
  }

  private int run(String[] args, Consumer<Emulator> serve) {
    return EmulatorMain.run(args, new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8), serve);
  }

  private static String text(ByteArrayOutputStream stream) {
    return stream.toString(StandardCharsets.UTF_8);
  }
}
