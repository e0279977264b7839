package dev.gameliftstreams.jdbc.driver;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

/** What the driver logs (java.util.logging, under its parent logger) while an action runs, whatever the console. */
final class DriverLog {
  interface Action {
    void run() throws Exception;
  }

  private DriverLog() {
  }

  static List<LogRecord> during(Action action) throws Exception {
    List<LogRecord> records = new CopyOnWriteArrayList<>();
    Handler capture = new Handler() {
      @Override
      public void publish(LogRecord r) {
        records.add(r);
      }

      @Override
      public void flush() {
      }

      @Override
      public void close() {
      }
    };
    Logger driverLogger = Logger.getLogger(GameLiftStreamsDriver.LOGGER);
    driverLogger.addHandler(capture);
    try {
      action.run();
    } finally {
      driverLogger.removeHandler(capture);
    }
    return records;
  }

  /** A record's message as a handler prints it (suppliers and parameters resolved). */
  static String message(LogRecord r) {
    return new java.util.logging.SimpleFormatter().formatMessage(r);
  }
}
