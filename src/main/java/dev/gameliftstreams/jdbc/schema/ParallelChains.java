package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsException;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs a scan's independent call chains (regions x IN values x export statuses x stream groups)
 * in parallel on a bounded, JVM-wide pool, and merges their rows in whichever order they come.
 * Each chain has at most one chunk (about a page) in flight, so memory stays bounded and an
 * abandoned scan leaves no thread blocked; how fast chains call is the rate limiter's business.
 * A single chain runs in the caller's thread, lazily, so LIMIT stops its paging exactly. The first
 * failing chain ends the scan: the others are aborted through the {@link ScanControl} and the
 * failure is thrown, now and on every later {@code hasNext()}.
 */
public final class ParallelChains {
  /** Chains of one scan with a chunk in flight at once. */
  static final int MAX_PARALLEL = 16;

  private static final ExecutorService POOL = pool(32);

  private ParallelChains() {
  }

  /**
   * @param chains    the chains, pulled lazily (pulling may itself call the API, e.g. to list groups)
   * @param control   the scan's cancel and deadline state, shared by its chains
   * @param chunkSize rows a chain fetches per turn, typically a page
   */
  public static <T> Iterator<T> merge(Iterator<? extends Supplier<Iterator<T>>> chains, ScanControl control,
      int chunkSize) {
    if (!chains.hasNext()) {
      return Collections.emptyIterator();
    }
    Supplier<Iterator<T>> first = chains.next();
    if (!chains.hasNext()) {
      return first.get();
    }
    return new Merge<>(first, chains, control, chunkSize);
  }

  /** The rows a chain fetched in one turn; {@code source} continues it unless {@code last}. */
  private record Chunk<T>(Iterator<T> source, List<T> rows, boolean last, RuntimeException failure) {
  }

  private static final class Merge<T> implements Iterator<T> {
    private final Iterator<? extends Supplier<Iterator<T>>> chains;
    private final ScanControl control;
    private final int chunkSize;
    private final BlockingQueue<Chunk<T>> done = new LinkedBlockingQueue<>();
    private final Deque<T> ready = new ArrayDeque<>();
    private int running;
    private RuntimeException failure;

    Merge(Supplier<Iterator<T>> first, Iterator<? extends Supplier<Iterator<T>>> chains, ScanControl control,
        int chunkSize) {
      this.chains = chains;
      this.control = control;
      this.chunkSize = chunkSize;
      submit(first);
    }

    private void submit(Supplier<Iterator<T>> source) {
      running++;
      POOL.execute(() -> {
        try {
          Iterator<T> it = source.get();
          List<T> rows = new ArrayList<>(chunkSize);
          while (rows.size() < chunkSize && it.hasNext()) {
            rows.add(it.next());
          }
          done.add(new Chunk<>(it, rows, rows.size() < chunkSize, null));
        } catch (RuntimeException e) {
          done.add(new Chunk<>(null, List.of(), true, e));
        } catch (Error e) {
          done.add(new Chunk<>(null, List.of(), true, new IllegalStateException(e)));
          throw e;
        }
      });
    }

    @Override
    public boolean hasNext() {
      if (failure != null) {
        throw failure;
      }
      try {
        while (ready.isEmpty()) {
          while (running < MAX_PARALLEL && chains.hasNext()) {
            submit(chains.next());
          }
          if (running == 0) {
            return false;
          }
          Chunk<T> chunk = take();
          running--;
          if (chunk.failure() != null) {
            throw chunk.failure();
          }
          ready.addAll(chunk.rows());
          if (!chunk.last()) {
            submit(chunk::source);
          }
        }
        return true;
      } catch (RuntimeException e) {
        failure = e;
        control.fail(e instanceof GameLiftStreamsException ? (GameLiftStreamsException) e
            : new GameLiftStreamsException("Scan failed in another call chain: " + e, GameLiftStreamsException.GENERAL,
                null, 0, e));
        throw e;
      }
    }

    /** The next finished chunk; cancel and the deadline end the wait even if no chain answers. */
    private Chunk<T> take() {
      try {
        Chunk<T> chunk;
        while ((chunk = done.poll(50, TimeUnit.MILLISECONDS)) == null) {
          control.check();
        }
        return chunk;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GameLiftStreamsException("Interrupted while scanning", GameLiftStreamsException.CANCELED, null, 0,
            e);
      }
    }

    @Override
    public T next() {
      if (!hasNext()) {
        throw new NoSuchElementException();
      }
      return ready.poll();
    }
  }

  private static ExecutorService pool(int threads) {
    AtomicInteger number = new AtomicInteger();
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, threads, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "gameliftstreams-chain-" + number.incrementAndGet());
          t.setDaemon(true);
          return t;
        });
    pool.allowCoreThreadTimeOut(true);
    return pool;
  }
}
