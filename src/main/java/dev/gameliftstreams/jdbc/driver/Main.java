package dev.gameliftstreams.jdbc.driver;

import dev.gameliftstreams.jdbc.emulator.EmulatorMain;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.TimeZone;
import java.util.logging.ConsoleHandler;
import java.util.logging.Formatter;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jline.terminal.TerminalBuilder;
import sqlline.SqlLine;

/**
 * The jar's entry point: {@code emulator ...} runs the local emulator; anything else is passed to sqlline,
 * which connects to the embedded demo unless {@code -u URL} names another database.
 *
 * <p>This is our own process, so it may set JVM-wide defaults that a library must never touch: the default
 * time zone is UTC (sqlline renders timestamps through {@code Timestamp.toString()}, which follows it), and
 * java.util.logging prints the driver's INFO lines (e.g. the pushdown line) and everyone's warnings, one line
 * each, unless {@code -Djava.util.logging.config.file} gives a configuration.
 */
public final class Main {
  static final String DEMO_URL = ConnectionConfig.URL_PREFIX + "demo=true";
  /** Wide enough for any row: sqlline cuts lines at maxWidth, and a pipe's terminal has width 0. */
  static final String NOT_A_TERMINAL_WIDTH = "10000";

  /** Held so that the levels set below are not lost to garbage collection of the loggers. */
  private static final Logger DRIVER_LOGGER = Logger.getLogger("dev.gameliftstreams.jdbc");
  /** The bundled libraries (relocated under the driver's package in the shaded jar) speak only of problems. */
  private static final Logger BUNDLED_LOGGER = Logger.getLogger("dev.gameliftstreams.jdbc.shaded");

  private Main() {
  }

  public static void main(String[] args) throws IOException {
    if (args.length > 0 && args[0].equals("emulator")) {
      EmulatorMain.main(Arrays.copyOfRange(args, 1, args.length));
      return;
    }
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    boolean terminal = System.console() != null;
    if (!terminal) {
      // A pipe or a file is no terminal: jline would warn on every start before making a dumb one.
      System.setProperty(TerminalBuilder.PROP_DUMB, "true");
    }
    configureLogging();
    SqlLine.main(sqllineArgs(List.of(args), terminal).toArray(new String[0]));
  }

  /**
   * The user's sqlline arguments with this entry point's defaults: the demo when no {@code -u} is given (so
   * {@code -f FILE} and {@code -e SQL} alone run against it), no credential prompt when neither {@code -n} nor
   * {@code -p} is given (the driver takes its credentials from the AWS chain), and rows of any width when the
   * output is no terminal. An option the user gives wins.
   */
  static List<String> sqllineArgs(List<String> args, boolean terminal) {
    List<String> result = new ArrayList<>();
    boolean help = args.contains("-h") || args.contains("--help");
    if (!args.contains("-u") && !help) {
      result.addAll(List.of("-u", DEMO_URL));
    }
    if (!args.contains("-n") && !args.contains("-p")) {
      addUnlessGiven(args, result, "connectInteractionMode", "notAskCredentials");
    }
    // Read-only and without transactions: sqlline's default (REPEATABLE_READ) means nothing here.
    addUnlessGiven(args, result, "isolation", "TRANSACTION_NONE");
    if (!terminal) {
      addUnlessGiven(args, result, "maxWidth", NOT_A_TERMINAL_WIDTH);
    }
    result.addAll(args);
    return result;
  }

  private static void addUnlessGiven(List<String> args, List<String> result, String option, String value) {
    if (args.stream().noneMatch(a -> a.toLowerCase(Locale.ROOT).startsWith("--" + option.toLowerCase(Locale.ROOT) + "="))) {
      result.add("--" + option + "=" + value);
    }
  }

  /** The console shows the driver's INFO lines and WARNING and above of every library, one line each. */
  private static void configureLogging() {
    if (System.getProperty("java.util.logging.config.file") != null
        || System.getProperty("java.util.logging.config.class") != null) {
      return;
    }
    Logger root = Logger.getLogger("");
    root.setLevel(Level.WARNING);
    DRIVER_LOGGER.setLevel(Level.INFO);
    BUNDLED_LOGGER.setLevel(Level.WARNING);
    for (Handler h : root.getHandlers()) {
      if (h instanceof ConsoleHandler) {
        h.setLevel(Level.ALL);
        h.setFormatter(new OneLine());
      }
    }
  }

  /** {@code INFO dev.gameliftstreams.jdbc.pushdown - stream_sessions: pushed ...}, then any stack trace. */
  private static final class OneLine extends Formatter {
    @Override
    public String format(LogRecord r) {
      StringBuilder line = new StringBuilder()
          .append(r.getLevel().getName()).append(' ').append(r.getLoggerName()).append(" - ").append(formatMessage(r))
          .append(System.lineSeparator());
      if (r.getThrown() != null) {
        StringWriter trace = new StringWriter();
        r.getThrown().printStackTrace(new PrintWriter(trace));
        line.append(trace);
      }
      return line.toString();
    }
  }
}
