package dev.gameliftstreams.jdbc.emulator;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Map;

/**
 * Requests the emulator answered, in arrival order, so tests can assert how many API calls a client made.
 * Holds no headers and no secret: of the Authorization header only the access key id is kept. Keeps the most
 * recent {@value #CAPACITY} entries so a long-running emulator does not grow without bound.
 */
public final class RequestLog {

  static final int CAPACITY = 100_000;

  /**
   * One answered request.
   *
   * @param operation API name, or {@code UnknownOperation} for an unrouted request
   * @param region    region of the SigV4 credential scope, {@code null} for an unsigned request
   * @param path      request path as sent (still percent-encoded)
   * @param query     decoded query parameters
   * @param status    HTTP status of the answer
   * @param errorType {@code x-amzn-ErrorType} of the answer, {@code null} on success
   * @param accessKeyId the access key id that signed the request (SigV4 credential scope), {@code null} if unsigned
   * @param arrivalNanos {@link System#nanoTime()} when the request arrived, so tests can measure request rates
   */
  public record Entry(String operation, String region, String path, Map<String, String> query,
            int status, String errorType, String accessKeyId, long arrivalNanos) {
    public Entry {
      query = Map.copyOf(query);
    }

    /** A request that arrives now. */
    public Entry(String operation, String region, String path, Map<String, String> query, int status,
        String errorType, String accessKeyId) {
      this(operation, region, path, query, status, errorType, accessKeyId, System.nanoTime());
    }

    public Entry(String operation, String region, String path, Map<String, String> query, int status,
        String errorType) {
      this(operation, region, path, query, status, errorType, null);
    }
  }

  private final ArrayDeque<Entry> entries = new ArrayDeque<>();

  /** Snapshot of the retained entries, oldest first. */
  public synchronized List<Entry> entries() {
    return List.copyOf(entries);
  }

  /** Number of retained requests routed to {@code operation}, whatever their outcome. */
  public synchronized long count(String operation) {
    return entries.stream().filter(e -> e.operation().equals(operation)).count();
  }

  public synchronized void clear() {
    entries.clear();
  }

  synchronized void add(Entry entry) {
    if (entries.size() == CAPACITY) {
      entries.removeFirst();
    }
    entries.addLast(entry);
  }
}
