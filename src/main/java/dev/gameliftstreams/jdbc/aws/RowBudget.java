package dev.gameliftstreams.jdbc.aws;

/**
 * The rows a scan still wants (a pushed LIMIT), shared by all its call chains so that together
 * they never fetch more. Each page first {@link #reserve}s its MaxResults, then {@link #release}s
 * exactly once what it reserved but did not return (0 when it returned all). While other pages'
 * reservations are unsettled and nothing is left, {@code reserve} waits: they may yet give rows back.
 */
public final class RowBudget {
  private final long limit;
  private long left;
  private int unsettled;

  private RowBudget(long limit) {
    this.limit = limit;
    this.left = limit;
  }

  /** At most {@code rows} rows over all chains. */
  public static RowBudget of(long rows) {
    if (rows < 0) {
      throw new IllegalArgumentException("rows must not be negative: " + rows);
    }
    return new RowBudget(rows);
  }

  public static RowBudget unlimited() {
    return new RowBudget(Long.MAX_VALUE);
  }

  public boolean isLimited() {
    return limit != Long.MAX_VALUE;
  }

  /**
   * The MaxResults the next page may ask for, at most {@code pageSize}; 0 means stop paging.
   *
   * @throws GameLiftStreamsException (canceled) when interrupted while waiting
   */
  public synchronized int reserve(int pageSize) {
    if (!isLimited()) {
      return pageSize;
    }
    while (left == 0 && unsettled > 0) {
      try {
        wait();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GameLiftStreamsException("Interrupted while waiting for the row budget",
            GameLiftStreamsException.CANCELED, null, 0, e);
      }
    }
    int rows = (int) Math.min(pageSize, left);
    if (rows > 0) {
      left -= rows;
      unsettled++;
    }
    return rows;
  }

  /** Settles one reservation: {@code unused} of its rows were not returned. */
  public synchronized void release(int unused) {
    if (!isLimited()) {
      return;
    }
    left += Math.max(0, unused);
    unsettled--;
    notifyAll();
  }

  @Override
  public synchronized String toString() {
    return isLimited() ? "RowBudget[" + left + " of " + limit + " left]" : "RowBudget[unlimited]";
  }
}
