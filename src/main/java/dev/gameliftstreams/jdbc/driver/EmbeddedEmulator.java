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
      instance = startOnDaemonThread();
    }
    return instance;
  }

  /**
   * The JDK HTTP server's dispatcher thread inherits daemon status from the thread that starts it:
   * started from a daemon thread, the demo emulator never keeps the application's JVM alive.
   */
  private static Emulator startOnDaemonThread() {
    Emulator[] started = new Emulator[1];
    IOException[] failure = new IOException[1];
    Thread starter = new Thread(() -> {
      try {
        started[0] = Emulator.start(EmulatorOptions.defaults());
      } catch (IOException e) {
        failure[0] = e;
      }
    }, "gameliftstreams-demo-start");
    starter.setDaemon(true);
    starter.start();
    try {
      starter.join();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while starting the embedded emulator", e);
    }
    if (failure[0] != null) {
      throw new UncheckedIOException("Could not start the embedded GameLift Streams emulator", failure[0]);
    }
    return started[0];
  }
}
