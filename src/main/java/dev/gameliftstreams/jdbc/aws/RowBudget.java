package dev.gameliftstreams.jdbc.aws;

/**
 * The rows a scan still wants, from a pushed {@code LIMIT} (unlimited otherwise). Every call chain
 * of a scan draws on the same budget, so together they never ask the service for more rows than wanted.
 */
public final class RowBudget {
  private long remaining;

  private RowBudget(long rows) {
    this.remaining = rows;
  }

  public static RowBudget unlimited() {
    return new RowBudget(Long.MAX_VALUE);
  }

  public static RowBudget of(long rows) {
    return new RowBudget(Math.max(0, rows));
  }

  public synchronized boolean isUnlimited() {
    return remaining == Long.MAX_VALUE;
  }

  /** The MaxResults the next page may ask for, taken from the budget; 0 means stop paging. */
  public synchronized int reserve(int pageSize) {
    int n = (int) Math.min(pageSize, remaining);
    if (remaining != Long.MAX_VALUE) {
      remaining -= n;
    }
    return n;
  }

  /** Gives back what a page reserved but did not return. */
  public synchronized void release(int unused) {
    if (remaining != Long.MAX_VALUE) {
      remaining += unused;
    }
  }

  @Override
  public synchronized String toString() {
    return remaining == Long.MAX_VALUE ? "unlimited" : remaining + " rows";
  }
}
