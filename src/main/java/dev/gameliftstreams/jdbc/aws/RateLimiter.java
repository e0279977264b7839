package dev.gameliftstreams.jdbc.aws;

import java.util.concurrent.TimeUnit;

/**
 * A sliding-window limiter: at most {@code permits} requests start in any window of
 * {@code windowNanos}, never a burst above the rate. Callers reserve start times in arrival order
 * (fair), then sleep until theirs; the sleep is interruptible, so cancel and the deadline end it.
 */
final class RateLimiter {
  /** Margin on the one-second window, so jitter between here and the service never looks like a burst. */
  static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(1030);

  private final long windowNanos;
  /** Start times of the last {@code permits} reservations, oldest at {@code next} once full. */
  private final long[] starts;
  private int next;
  private int reserved;

  /** @param perSecond requests per second; below 1, one request per {@code 1/perSecond} seconds */
  RateLimiter(double perSecond) {
    if (!(perSecond > 0)) {
      throw new IllegalArgumentException("rate must be positive: " + perSecond);
    }
    int permits = (int) Math.max(1, Math.floor(perSecond));
    this.starts = new long[permits];
    this.windowNanos = perSecond >= 1 ? WINDOW_NANOS : (long) (WINDOW_NANOS / perSecond);
  }

  void acquire() {
    long start;
    synchronized (this) {
      start = System.nanoTime();
      if (reserved == starts.length) {
        start = Math.max(start, starts[next] + windowNanos);
      } else {
        reserved++;
      }
      starts[next] = start;
      next = (next + 1) % starts.length;
    }
    long waitNanos = start - System.nanoTime();
    if (waitNanos > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(waitNanos);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GameLiftStreamsException("Interrupted while rate limited", GameLiftStreamsException.CANCELED,
            null, 0, e);
      }
    }
  }
}
