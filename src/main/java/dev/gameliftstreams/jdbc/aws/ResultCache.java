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
 * Rows of API call chains, kept for dashboards that ask the same question every few minutes. A chain is
 * one operation's pages for one region and one set of request parameters (NextToken and MaxResults aside,
 * since they do not change which rows the chain lists). A chain read to its last page answers any later
 * query; one a LIMIT stopped early answers queries that want no more rows than it holds; a failed,
 * cancelled or abandoned chain leaves nothing behind.
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

  /**
   * Identifies a chain: region, operation and every request parameter but NextToken and MaxResults, and
   * whether its rows hold all the response's members ({@code allMembers}) or leave out those read only for
   * queries that use them (a session's status reason): the rows of the former answer both kinds of chain.
   */
  record ChainKey(String region, String operation, Map<String, String> parameters, boolean allMembers) {
    static ChainKey of(String region, String operation, SdkPojo request, boolean allMembers) {
      Map<String, String> parameters = new TreeMap<>();
      for (SdkField<?> field : request.sdkFields()) {
        Object value = field.getValueOrDefault(request);
        String name = field.locationName();
        if (value != null && !"NextToken".equals(name) && !"MaxResults".equals(name)) {
          parameters.put(name, value.toString());
        }
      }
      return new ChainKey(region, operation, Map.copyOf(parameters), allMembers);
    }

    /** The key of the same chain with rows holding all the response's members. */
    ChainKey withAllMembers() {
      return allMembers ? this : new ChainKey(region, operation, parameters, true);
    }
  }

  /** @param complete false when a LIMIT (the {@link RowBudget}) stopped the chain before its last page */
  private record Entry(List<?> rows, boolean complete, long fetchedAtNanos) {
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
     * The rows of a chain: from the store when it holds the chain, fetched within this view's TTL, read
     * to its last page or at least as far as {@code budget} still wants; otherwise from {@code fetch},
     * whose rows are stored once it has ended normally. Rows served from the store draw on the budget
     * as fetched ones do, so parallel chains sharing it still stop together.
     *
     * @param key the chain's key, whose {@code allMembers} is false when the rows may leave out the members read
     *            only for queries using them
     */
    <T> Iterator<T> chain(ChainKey key, RowBudget budget, Supplier<Iterator<T>> fetch) {
      if (store == null) {
        return fetch.get();
      }
      Entry entry = store.entries.getIfPresent(key.withAllMembers());
      if (entry == null && !key.allMembers()) {
        entry = store.entries.getIfPresent(key);
      }
      if (entry != null && ticker.read() - entry.fetchedAtNanos < ttlNanos
          && (entry.complete || budget.isLimited())) {
        @SuppressWarnings("unchecked")
        List<T> rows = (List<T>) entry.rows;
        if (!budget.isLimited() || rows.isEmpty()) {
          return rows.iterator();
        }
        // Ask for one row more than held: getting it means the query wants more than a cut-short chain has.
        int wanted = budget.reserve(entry.complete ? rows.size() : rows.size() + 1);
        if (wanted <= rows.size()) {
          if (wanted > 0) {
            budget.release(0);
          }
          return rows.subList(0, wanted).iterator();
        }
        budget.release(wanted);
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
        if (!more && rows != null) {
          // A chain a LIMIT cut short (see RowBudget) holds a first part of the rows, for LIMITs up to its size.
          boolean complete = !(source instanceof Pages<?> pages && pages.truncated());
          store.entries.put(key, new Entry(Collections.unmodifiableList(rows), complete, startedNanos));
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
