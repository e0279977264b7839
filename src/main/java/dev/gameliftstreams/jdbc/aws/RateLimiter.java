package dev.gameliftstreams.jdbc.aws;

import java.util.concurrent.TimeUnit;

/**
 * A token bucket: bursts up to one second's worth of requests, then spaces them at
 * {@code perSecond}. Keeps a region under the service's published request rate.
 */
final class RateLimiter {
  private final double perSecond;
  private double tokens;
  private long lastNanos = System.nanoTime();

  RateLimiter(double perSecond) {
    this.perSecond = perSecond;
    this.tokens = perSecond;
  }

  void acquire() {
    long waitNanos;
    synchronized (this) {
      long now = System.nanoTime();
      tokens = Math.min(perSecond, tokens + (now - lastNanos) * perSecond / 1e9);
      lastNanos = now;
      tokens -= 1;
      // A negative balance is the caller's place in the queue: wait until it is paid back.
      waitNanos = tokens >= 0 ? 0 : (long) (-tokens / perSecond * 1e9);
    }
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
