package dev.gameliftstreams.jdbc.aws;

import java.sql.SQLWarning;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * The warnings of one statement's scans (sources skipped under {@code ignoreErrors}). The JDBC layer binds
 * a statement's sink to the thread for the duration of each call on the statement or its result set; a
 * scan captures it when it starts ({@link ScanControl}), so chains running on pool threads report to the
 * statement that started them.
 */
public final class ScanWarnings {
  private static final ThreadLocal<ScanWarnings> CURRENT = new ThreadLocal<>();

  private final Queue<SQLWarning> warnings = new ConcurrentLinkedQueue<>();

  /** The sink bound to this thread, or a fresh one nobody reads (a Calcite model without the driver). */
  public static ScanWarnings current() {
    ScanWarnings bound = CURRENT.get();
    return bound != null ? bound : new ScanWarnings();
  }

  /** Binds this sink to the current thread; returns what was bound before, for {@link #restore}. */
  public ScanWarnings bind() {
    ScanWarnings previous = CURRENT.get();
    CURRENT.set(this);
    return previous;
  }

  /**
   * Undoes a {@link #bind()}. Nothing bound before is restored as null, not removed: the thread's entry then
   * serves the next bind, where remove and set would allocate one per JDBC call (each row's next and getters).
   */
  public static void restore(ScanWarnings previous) {
    CURRENT.set(previous);
  }

  void add(SQLWarning warning) {
    warnings.add(warning);
  }

  /** The warnings so far as a JDBC chain (a fresh chain on each call), or null when there are none. */
  public SQLWarning chain() {
    SQLWarning head = null;
    for (SQLWarning w : warnings) {
      SQLWarning copy = new SQLWarning(w.getMessage(), w.getSQLState(), w.getErrorCode(), w.getCause());
      if (head == null) {
        head = copy;
      } else {
        head.setNextWarning(copy);
      }
    }
    return head;
  }

  public void clear() {
    warnings.clear();
  }
}
