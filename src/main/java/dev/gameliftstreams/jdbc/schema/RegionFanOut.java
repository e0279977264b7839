package dev.gameliftstreams.jdbc.schema;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Scans several regions in parallel on a bounded, JVM-wide pool. Each region has at most one
 * chunk (about a page) in flight, so memory stays bounded and an abandoned scan leaves no thread
 * blocked; rows come in whichever order the regions answer. One region is scanned in the caller's
 * thread, lazily, so LIMIT stops its paging exactly.
 */
final class RegionFanOut {
  private static final ExecutorService POOL = Executors.newFixedThreadPool(
      Math.max(4, 2 * Runtime.getRuntime().availableProcessors()), r -> {
        Thread t = new Thread(r, "gameliftstreams-region-scan");
        t.setDaemon(true);
        return t;
      });

  private RegionFanOut() {
  }

  /** @param regions the sources scanned in parallel: regions, or identity and region pairs */
  static <K, T> Iterator<T> scan(List<K> regions, Function<K, Iterator<T>> perRegion, int chunkSize) {
    if (regions.size() == 1) {
      return perRegion.apply(regions.get(0));
    }
    return new Merge<>(regions, perRegion, chunkSize);
  }

  private static final class Chunk<T> {
    final Iterator<T> source;
    final List<T> rows;
    final boolean last;

    Chunk(Iterator<T> source, List<T> rows, boolean last) {
      this.source = source;
      this.rows = rows;
      this.last = last;
    }
  }

  private static final class Merge<T> implements Iterator<T> {
    private final CompletionService<Chunk<T>> completion = new ExecutorCompletionService<>(POOL);
    private final int chunkSize;
    private final Deque<T> ready = new ArrayDeque<>();
    private int inFlight;

    <K> Merge(List<K> regions, Function<K, Iterator<T>> perRegion, int chunkSize) {
      this.chunkSize = chunkSize;
      for (K region : regions) {
        submit(() -> perRegion.apply(region));
      }
    }

    private void submit(Supplier<Iterator<T>> source) {
      inFlight++;
      completion.submit(() -> {
        Iterator<T> it = source.get();
        List<T> rows = new ArrayList<>(chunkSize);
        while (rows.size() < chunkSize && it.hasNext()) {
          rows.add(it.next());
        }
        return new Chunk<>(it, rows, rows.size() < chunkSize);
      });
    }

    @Override
    public boolean hasNext() {
      while (ready.isEmpty() && inFlight > 0) {
        Chunk<T> chunk = take();
        inFlight--;
        if (!chunk.last) {
          submit(() -> chunk.source);
        }
        ready.addAll(chunk.rows);
      }
      return !ready.isEmpty();
    }

    private Chunk<T> take() {
      try {
        Future<Chunk<T>> done = completion.take();
        return done.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new GameLiftStreamsException("Interrupted while scanning regions", GameLiftStreamsException.CANCELED,
            null, 0, e);
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException) {
          throw (RuntimeException) e.getCause();
        }
        throw new GameLiftStreamsException(String.valueOf(e.getCause()), GameLiftStreamsException.GENERAL,
            null, 0, e.getCause());
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
}
