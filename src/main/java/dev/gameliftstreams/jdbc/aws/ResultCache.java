package dev.gameliftstreams.jdbc.aws;

import com.google.common.base.Ticker;
import com.google.common.cache.Cache;
import com.google.common.cache.CacheBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;

/**
 * Rows of completed API call chains, kept for dashboards that ask the same question every few minutes.
 * A chain is one operation's pages for one region and one set of request parameters (NextToken and
 * MaxResults aside, since they do not change which rows the chain lists). Only chains read to their last
 * page are kept: a failed, cancelled or abandoned chain leaves nothing behind.
 *
 * <p>One store per identity and endpoint is shared by the JVM's connections; each entry carries the time
 * its first page was requested, and each connection ({@link View}) applies its own TTL to it. A store is
 * a Guava cache bounded by rows (the largest {@code cacheMaxRows} of the connections using it), least
 * recently used first out; its entries also expire after the longest TTL asked of it.
 */
public final class ResultCache {
  /** The JVM's caches, shared by every connection. */
  public static final ResultCache SHARED = new ResultCache(Ticker.systemTicker());

  private final Ticker ticker;
  private final ConcurrentMap<String, Store> stores = new ConcurrentHashMap<>();

  /** @param ticker the clock of fetch times and TTLs (tests pass a fake one) */
  public ResultCache(Ticker ticker) {
    this.ticker = ticker;
  }

  /**
   * A connection's view. A TTL of zero turns caching off for that connection.
   *
   * @param scope   identity and endpoint: connections share entries only within one scope
   * @param maxRows the rows the scope's store may hold (grown to the largest asked for)
   */
  public View view(String scope, Duration ttl, long maxRows) {
    if (ttl.isZero()) {
      return new View(null, 0);
    }
    Store store = stores.computeIfAbsent(scope, s -> new Store());
    store.fit(maxRows, ttl.toNanos());
    return new View(store, ttl.toNanos());
  }

  /** Drops every entry of every scope; returns the number of rows dropped. */
  public long clear() {
    long rows = 0;
    for (Store store : stores.values()) {
      rows += store.clear();
    }
    return rows;
  }

  /** Identifies a chain: region, operation and every request parameter but NextToken and MaxResults. */
  record ChainKey(String region, String operation, Map<String, String> parameters) {
    static ChainKey of(String region, String operation, SdkPojo request) {
      Map<String, String> parameters = new TreeMap<>();
      for (SdkField<?> field : request.sdkFields()) {
        Object value = field.getValueOrDefault(request);
        String name = field.locationName();
        if (value != null && !"NextToken".equals(name) && !"MaxResults".equals(name)) {
          parameters.put(name, value.toString());
        }
      }
      return new ChainKey(region, operation, Map.copyOf(parameters));
    }
  }

  private record Entry(List<?> rows, long fetchedAtNanos) {
  }

  /** The entries of one scope. */
  private final class Store {
    private volatile long maxRows;
    private long maxTtlNanos;
    private volatile Cache<ChainKey, Entry> entries;

    /** Grows the bound and the expiry to what a connection asks for; keeps the entries held so far. */
    synchronized void fit(long rows, long ttlNanos) {
      if (entries != null && rows <= maxRows && ttlNanos <= maxTtlNanos) {
        return;
      }
      maxRows = Math.max(maxRows, rows);
      maxTtlNanos = Math.max(maxTtlNanos, ttlNanos);
      Cache<ChainKey, Entry> grown = CacheBuilder.newBuilder()
          .ticker(ticker)
          .concurrencyLevel(1) // one segment, so the row bound holds for the store as a whole
          .maximumWeight(maxRows)
          .<ChainKey, Entry>weigher((key, entry) -> Math.max(1, entry.rows.size()))
          .expireAfterWrite(maxTtlNanos, TimeUnit.NANOSECONDS)
          .build();
      if (entries != null) {
        grown.putAll(entries.asMap());
      }
      entries = grown;
    }

    synchronized long clear() {
      long rows = entries.asMap().values().stream().mapToLong(e -> e.rows.size()).sum();
      entries.invalidateAll();
      return rows;
    }

    boolean fits(int rows) {
      return rows <= maxRows;
    }
  }

  /** A connection's access to its scope's store, under its own TTL. */
  public final class View {
    private final Store store;
    private final long ttlNanos;

    private View(Store store, long ttlNanos) {
      this.store = store;
      this.ttlNanos = ttlNanos;
    }

    /**
     * The rows of a chain: from the store when a complete chain was fetched within this view's TTL,
     * otherwise from {@code fetch}, whose rows are stored once it has been read to the end.
     */
    <T> Iterator<T> chain(String region, String operation, SdkPojo request, Supplier<Iterator<T>> fetch) {
      if (store == null) {
        return fetch.get();
      }
      ChainKey key = ChainKey.of(region, operation, request);
      Entry entry = store.entries.getIfPresent(key);
      if (entry != null && ticker.read() - entry.fetchedAtNanos < ttlNanos) {
        @SuppressWarnings("unchecked")
        List<T> rows = (List<T>) entry.rows;
        return rows.iterator();
      }
      return new Recorder<>(key, ticker.read(), fetch.get());
    }

    /** Passes a chain's rows through and stores them once the chain has ended normally. */
    private final class Recorder<T> implements Iterator<T> {
      private final ChainKey key;
      private final long startedNanos;
      private final Iterator<T> source;
      private List<T> rows = new ArrayList<>();

      Recorder(ChainKey key, long startedNanos, Iterator<T> source) {
        this.key = key;
        this.startedNanos = startedNanos;
        this.source = source;
      }

      @Override
      public boolean hasNext() {
        boolean more = source.hasNext(); // a failure propagates and nothing is stored
        // A chain a LIMIT cut short (see RowBudget) is not the whole chain.
        if (!more && rows != null && !(source instanceof Pages<?> pages && pages.truncated())) {
          store.entries.put(key, new Entry(Collections.unmodifiableList(rows), startedNanos));
          rows = null;
        }
        return more;
      }

      @Override
      public T next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        T row = source.next();
        if (rows != null) {
          rows.add(row);
          if (!store.fits(rows.size())) {
            rows = null; // larger than the whole cache: stream it without keeping it
          }
        }
        return row;
      }
    }
  }
}
