package dev.gameliftstreams.jdbc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The client-side limiter that keeps a region under the service's published request rate. */
class RateLimiterTest {
  @Test
  void aBurstOfOneSecondIsFreeThenRequestsAreSpacedAtTheRate() {
    RateLimiter limiter = new RateLimiter(20);
    long start = System.nanoTime();
    for (int i = 0; i < 20; i++) {
      limiter.acquire();
    }
    long burst = System.nanoTime() - start;
    for (int i = 0; i < 10; i++) {
      limiter.acquire();
    }
    long total = System.nanoTime() - start;
    assertTrue(burst < 400_000_000L, "the first second's budget is not delayed: " + burst);
    // 10 requests past the burst at 20/s cannot finish in less than half a second.
    assertTrue(total >= 450_000_000L, "requests past the burst were spaced: " + total);
  }

  @Test
  void thePublishedRatesAreTheServiceQuotas() {
    assertEquals(20.0, RateLimitInterceptor.PUBLISHED_RATES.get("ListStreamSessions"));
    assertEquals(20.0, RateLimitInterceptor.PUBLISHED_RATES.get("ListStreamSessionsByAccount"));
    assertEquals(10.0, RateLimitInterceptor.PUBLISHED_RATES.get("ListStreamGroups"));
  }
}
