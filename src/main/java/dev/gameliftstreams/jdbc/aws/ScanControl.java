package dev.gameliftstreams.jdbc.aws;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Lets a running scan notice {@code Statement.cancel()} and {@code setQueryTimeout}:
 * checked before each page request, so paging stops at the next page boundary.
 */
public final class ScanControl {
  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  /** Captured when the scan starts, in the statement's thread; chains on pool threads report here. */
  private final ScanWarnings warnings = ScanWarnings.current();

  /** @param timeoutMillis 0 for no timeout */
  public ScanControl(AtomicBoolean cancelFlag, long timeoutMillis) {
    this.cancelFlag = cancelFlag;
    this.deadlineNanos = timeoutMillis > 0 ? System.nanoTime() + timeoutMillis * 1_000_000L : 0;
  }

  /** Where skipped sources are reported (see {@code ignoreErrors}). */
  public ScanWarnings warnings() {
    return warnings;
  }

  public void check() {
    if (cancelFlag.get()) {
      throw new GameLiftStreamsException("Statement canceled", GameLiftStreamsException.CANCELED, null, 0, null);
    }
    if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos > 0) {
      throw new GameLiftStreamsException("Query timeout exceeded: paging stopped",
          GameLiftStreamsException.TIMEOUT, null, 0, null);
    }
  }
}
