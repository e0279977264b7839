package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.io.IOException;
import java.io.UncheckedIOException;

/** The in-process emulator behind {@code demo=true}: started on first use, shared by the JVM's demo connections. */
final class EmbeddedEmulator {
  private static Emulator instance;

  private EmbeddedEmulator() {
  }

  static synchronized Emulator get() {
    if (instance == null) {
      try {
        instance = Emulator.start(EmulatorOptions.defaults());
      } catch (IOException e) {
        throw new UncheckedIOException("Could not start the embedded GameLift Streams emulator", e);
      }
    }
    return instance;
  }
}
