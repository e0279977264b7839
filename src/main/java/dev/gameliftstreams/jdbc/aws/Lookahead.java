package dev.gameliftstreams.jdbc.aws;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Looks items up one API call each (GetStreamSession), running ahead of the consumer in a bounded window of
 * parallel calls, in source order. Items that need no call pass through in place. The window fills only while
 * a call is pending, so a consumer that stops after k items has caused at most k + {@code window} calls; waits
 * check the scan's {@link ScanControl} (cancel, query timeout) and abandon the calls still in flight. Calls
 * run on a small JVM-wide pool; the rate limiter holds them to the service's published rate.
 *
 * @param <I> source items (keys, listed sessions)
 * @param <O> looked-up rows; a lookup answering null (not found) yields no row
 */
public final class Lookahead<I, O> implements Iterator<O> {
  /** Calls in flight per scan: half a second of GetStreamSession at its published 20 requests/s. */
  public static final int DEFAULT_WINDOW = 10;

  private static final AtomicInteger THREADS = new AtomicInteger();
  private static final ExecutorService POOL = Executors.newFixedThreadPool(16, r -> {
    Thread t = new Thread(r, "gameliftstreams-lookup-" + THREADS.incrementAndGet());
    t.setDaemon(true);
    return t;
  });
  private static final long POLL_MILLIS = 50;

  private final Iterator<? extends I> source;
  private final Predicate<? super I> needsCall;
  private final Function<? super I, ? extends O> lookup;
  private final int window;
  private final ScanControl control;
  private final Deque<Future<? extends O>> buffer = new ArrayDeque<>();
  private int calling;
  private O next;

  /**
   * @param needsCall which items need the call; the others are passed to {@code lookup} in the consumer's
   *                  thread, which must then answer without calling
   */
  public Lookahead(Iterator<? extends I> source, Predicate<? super I> needsCall, Function<? super I, ? extends O> lookup,
      int window, ScanControl control) {
    if (window < 1) {
      throw new IllegalArgumentException("window must be positive: " + window);
    }
    this.source = source;
    this.needsCall = needsCall;
    this.lookup = lookup;
    this.window = window;
    this.control = control;
  }

  @Override
  public boolean hasNext() {
    while (next == null) {
      if (buffer.isEmpty()) {
        if (!source.hasNext()) {
          return false;
        }
        add(source.next());
      } else if (buffer.peekFirst().isDone()) {
        next = take(buffer.pollFirst());
      } else if (calling < window && buffer.size() < 4 * window && source.hasNext()) {
        // A call is pending anyway: start the next ones meanwhile.
        add(source.next());
      } else {
        await(buffer.peekFirst());
      }
    }
    return true;
  }

  @Override
  public O next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    O row = next;
    next = null;
    return row;
  }

  /** Abandons the calls in flight (their threads are interrupted, which aborts the SDK call). */
  public void close() {
    buffer.forEach(f -> f.cancel(true));
    buffer.clear();
    calling = 0;
  }

  private void add(I item) {
    if (!needsCall.test(item)) {
      buffer.addLast(CompletableFuture.completedFuture(lookup.apply(item)));
      return;
    }
    calling++;
    buffer.addLast(POOL.submit(() -> {
      control.check();
      return lookup.apply(item);
    }));
  }

  private void await(Future<? extends O> head) {
    try {
      while (true) {
        control.check();
        try {
          head.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
          return;
        } catch (TimeoutException stillRunning) {
          // check the control again
        }
      }
    } catch (InterruptedException e) {
      close();
      Thread.currentThread().interrupt();
      throw new GameLiftStreamsException("Interrupted while looking up stream sessions",
          GameLiftStreamsException.CANCELED, null, 0, e);
    } catch (ExecutionException e) {
      return; // take() reports it
    } catch (RuntimeException e) {
      close();
      throw e;
    }
  }

  private O take(Future<? extends O> done) {
    if (!(done instanceof CompletableFuture)) {
      calling--;
    }
    try {
      return done.get();
    } catch (ExecutionException e) {
      close();
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new GameLiftStreamsException(String.valueOf(e.getCause()), GameLiftStreamsException.GENERAL, null, 0,
          e.getCause());
    } catch (InterruptedException | CancellationException e) {
      close();
      throw new GameLiftStreamsException("Stream session lookup interrupted", GameLiftStreamsException.CANCELED,
          null, 0, e);
    }
  }
}
