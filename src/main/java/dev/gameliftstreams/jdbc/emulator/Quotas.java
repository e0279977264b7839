package dev.gameliftstreams.jdbc.emulator;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The service's published request rates per account and region, enforced the strict way: an
 * operation published at R requests per second admits at most R requests in any one-second
 * window; the others are answered with 429 ThrottlingException and do not count.
 */
final class Quotas {
  /** Requests per second per account and region. */
  static final Map<String, Integer> PUBLISHED_RATES = Map.of(
      StreamsApi.LIST_STREAM_SESSIONS, 20,
      StreamsApi.LIST_STREAM_SESSIONS_BY_ACCOUNT, 20,
      StreamsApi.GET_STREAM_SESSION, 20,
      StreamsApi.LIST_STREAM_GROUPS, 10,
      StreamsApi.LIST_APPLICATIONS, 10);

  private static final long WINDOW_NANOS = 1_000_000_000L;

  private final Map<String, Deque<Long>> admitted = new ConcurrentHashMap<>();

  /**
   * Admits one request of {@code operation} in {@code region} that arrived at {@code arrivalNanos}, or throws
   * ThrottlingException.
   */
  void admit(String accountId, String region, String operation, long arrivalNanos) throws ApiException {
    Integer rate = PUBLISHED_RATES.get(operation);
    if (rate == null) {
      return;
    }
    Deque<Long> window = admitted.computeIfAbsent(accountId + "|" + region + "|" + operation, k -> new ArrayDeque<>());
    synchronized (window) {
      while (!window.isEmpty() && arrivalNanos - window.peekFirst() >= WINDOW_NANOS) {
        window.removeFirst();
      }
      if (window.size() >= rate) {
        throw ApiException.throttling("Rate exceeded for " + operation + " (" + rate + " requests per second)");
      }
      window.addLast(arrivalNanos);
    }
  }
}
