package dev.gameliftstreams.jdbc.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;

/**
 * The deadline and cancel state of one scan, shared by all its call chains. The deadline counts
 * from {@code execute} (see {@link #executeStarting()}). While an API call runs under
 * {@link #call}, a watchdog checks every {@value #WATCH_MILLIS} ms; on cancel, deadline or a
 * failed sibling chain it aborts the HTTP request in flight (a blocked socket read ignores
 * interrupts) and interrupts the calling thread (retry backoff, limiter waits). Requests about to be
 * transmitted check it too ({@link RateLimitInterceptor}), so none starts after the scan ended.
 */
public final class ScanControl {
  static final long WATCH_MILLIS = 25;
  /** The most one API call (all attempts, backoff and limiter waits) may take. */
  static final Duration CALL_LIMIT = Duration.ofMinutes(2);

  private static final ThreadLocal<Long> EXECUTE_START = new ThreadLocal<>();
  private static final ThreadLocal<ScanControl> CURRENT = new ThreadLocal<>();
  private static final ScheduledExecutorService WATCHDOG = timer("gameliftstreams-scan-watchdog");

  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  private final Set<Thread> callers = ConcurrentHashMap.newKeySet();
  private final Map<ExecutableHttpRequest, Thread> inFlight = new ConcurrentHashMap<>();
  private volatile GameLiftStreamsException failure;
  /** Captured when the scan starts, in the statement's thread; chains on pool threads report here. */
  private final ScanWarnings warnings = ScanWarnings.current();

  /** @param timeoutMillis 0 for no timeout; counted from the current thread's {@code execute} if one runs */
  public ScanControl(AtomicBoolean cancelFlag, long timeoutMillis) {
    this.cancelFlag = cancelFlag;
    Long start = EXECUTE_START.get();
    this.deadlineNanos = timeoutMillis > 0
        ? (start == null ? System.nanoTime() : start) + timeoutMillis * 1_000_000L
        : 0;
  }

  /** Where skipped sources are reported (see {@code ignoreErrors}). */
  public ScanWarnings warnings() {
    return warnings;
  }

  /** A control that is never canceled and has no deadline. */
  public static ScanControl unbounded() {
    return new ScanControl(new AtomicBoolean(), 0);
  }

  /** The JDBC layer marks the start of an {@code execute}: the query timeout counts from here. */
  public static void executeStarting() {
    EXECUTE_START.set(System.nanoTime());
  }

  public static void executeEnded() {
    EXECUTE_START.remove();
  }

  /** Throws the scan's end state: canceled, timed out, or failed in another chain. */
  public void check() {
    GameLiftStreamsException ended = endState();
    if (ended != null) {
      throw ended;
    }
  }

  /** Ends the scan for all its chains with {@code cause}, aborting their calls in flight. */
  public void fail(GameLiftStreamsException cause) {
    if (failure == null) {
      failure = cause;
    }
    abortAll();
  }

  private GameLiftStreamsException endState() {
    if (failure != null) {
      return failure;
    }
    if (cancelFlag.get()) {
      return new GameLiftStreamsException("Statement canceled", GameLiftStreamsException.CANCELED, null, 0, null);
    }
    if (deadlineNanos != 0 && System.nanoTime() - deadlineNanos >= 0) {
      return new GameLiftStreamsException("Query timeout exceeded", GameLiftStreamsException.TIMEOUT, null, 0,
          null);
    }
    return null;
  }

  /** What one API call may take: the query time left, at most {@link #CALL_LIMIT}. */
  Duration callTimeout() {
    if (deadlineNanos == 0) {
      return CALL_LIMIT;
    }
    long left = Math.max(1_000_000L, deadlineNanos - System.nanoTime());
    return Duration.ofNanos(Math.min(left, CALL_LIMIT.toNanos()));
  }

  /**
   * Runs {@code work} (one API call, or a wait for budget) so that cancel and the deadline
   * interrupt it; the end state, if reached, is what it throws.
   */
  <R> R call(Supplier<R> work) {
    check();
    Thread self = Thread.currentThread();
    ScanControl outer = CURRENT.get();
    CURRENT.set(this);
    callers.add(self);
    ScheduledFuture<?> watch = WATCHDOG.scheduleWithFixedDelay(() -> {
      if (endState() != null) {
        abortAll();
      }
    }, WATCH_MILLIS, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    try {
      return work.get();
    } catch (RuntimeException e) {
      check();
      throw e;
    } finally {
      watch.cancel(false);
      synchronized (this) {
        callers.remove(self);
        inFlight.values().removeIf(t -> t == self);
      }
      // An interrupt meant for this call must not leak into the caller's or a pool thread's next task.
      Thread.interrupted();
      if (outer == null) {
        CURRENT.remove();
      } else {
        CURRENT.set(outer);
      }
    }
  }

  private synchronized void abortAll() {
    inFlight.keySet().forEach(ExecutableHttpRequest::abort);
    callers.forEach(Thread::interrupt);
  }

  /** The control of the call running in this thread, or null. */
  static ScanControl current() {
    return CURRENT.get();
  }

  /** Makes {@code request} abortable until the calling thread's {@link #call} ends. */
  void register(ExecutableHttpRequest request) {
    inFlight.put(request, Thread.currentThread());
    if (endState() != null) {
      request.abort();
    }
  }

  /**
   * A JVM-wide timer thread whose canceled tasks leave its queue at once: timers that almost never fire, one
   * or more per API call, would otherwise hold memory in proportion to the calls of their whole delay.
   */
  static ScheduledExecutorService timer(String name) {
    ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    });
    executor.setRemoveOnCancelPolicy(true);
    return executor;
  }
}
