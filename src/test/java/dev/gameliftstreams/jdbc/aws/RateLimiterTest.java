package dev.gameliftstreams.jdbc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The client-side limiter that keeps a region under the service's published request rate. */
class RateLimiterTest {
  @Test
  void neverMoreThanTheRateInAnyOneSecondWindowEvenFromSeveralThreads() {
    RateLimiter limiter = new RateLimiter(10);
    List<Long> starts = Collections.synchronizedList(new ArrayList<>());
    List<CompletableFuture<Void>> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      threads.add(CompletableFuture.runAsync(() -> {
        for (int i = 0; i < 9; i++) {
          limiter.acquire();
          starts.add(System.nanoTime());
        }
      }));
    }
    threads.forEach(CompletableFuture::join);
    List<Long> sorted = new ArrayList<>(starts);
    Collections.sort(sorted);
    assertEquals(27, sorted.size());
    for (int i = 0; i + 10 < sorted.size(); i++) {
      long window = sorted.get(i + 10) - sorted.get(i);
      assertTrue(window >= TimeUnit.SECONDS.toNanos(1), "11 requests within " + window / 1e6 + " ms");
    }
    // The rate is used, not undercut: 27 requests at 10/s need a bit over 2 windows.
    long span = sorted.get(26) - sorted.get(0);
    assertTrue(span < TimeUnit.SECONDS.toNanos(4), "took " + span / 1e6 + " ms");
  }

  @Test
  void ratesBelowOnePerSecondSpaceSingleRequests() {
    RateLimiter limiter = new RateLimiter(0.5);
    long start = System.nanoTime();
    limiter.acquire();
    limiter.acquire();
    assertTrue(System.nanoTime() - start >= TimeUnit.SECONDS.toNanos(2));
  }

  @Test
  void aWaitEndsWhenTheThreadIsInterrupted() throws Exception {
    RateLimiter limiter = new RateLimiter(1.0 / 60);
    limiter.acquire();
    Thread waiter = Thread.currentThread();
    CompletableFuture<Void> interrupt = CompletableFuture.runAsync(() -> {
      sleep(200);
      waiter.interrupt();
    });
    long start = System.nanoTime();
    GameLiftStreamsException e = assertThrows(GameLiftStreamsException.class, limiter::acquire);
    interrupt.join();
    Thread.interrupted();
    assertEquals(GameLiftStreamsException.CANCELED, e.sqlState());
    assertTrue(System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10), "not the minute the limiter asked for");
  }

  @Test
  void thePublishedRatesAreTheServiceQuotas() {
    assertEquals(20.0, RateLimitInterceptor.PUBLISHED_RATES.get("ListStreamSessions"));
    assertEquals(20.0, RateLimitInterceptor.PUBLISHED_RATES.get("ListStreamSessionsByAccount"));
    assertEquals(10.0, RateLimitInterceptor.PUBLISHED_RATES.get("ListStreamGroups"));
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
