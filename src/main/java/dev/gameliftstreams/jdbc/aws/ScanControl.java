package dev.gameliftstreams.jdbc.aws;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import software.amazon.awssdk.http.ExecutableHttpRequest;

/**
 * The deadline and cancel state of one scan, shared by all its call chains. The deadline counts
 * from {@code execute} (see {@link #executeStarting()}). While API calls run under {@link #call},
 * one JVM-wide watchdog checks them every {@value #WATCH_MILLIS} ms; on cancel, deadline, a
 * failed sibling chain or a call past {@link #CALL_LIMIT} it aborts the HTTP request in flight (a
 * blocked socket read ignores interrupts) and interrupts the calling thread (retry backoff, limiter
 * waits). Requests about to be transmitted check it too ({@link RateLimitInterceptor}), so none
 * starts after the scan ended. The watchdog runs only while calls do, and calls schedule no timer of
 * their own: timers per call woke a timer thread several times per page, 5-10% of a fast scan's time.
 */
public final class ScanControl {
  static final long WATCH_MILLIS = 25;
  /** The most one API call (all attempts, backoff and limiter waits) may take. */
  static final Duration CALL_LIMIT = Duration.ofMinutes(2);

  private static final ThreadLocal<Long> EXECUTE_START = new ThreadLocal<>();
  private static final ThreadLocal<ScanControl> CURRENT = new ThreadLocal<>();
  static final Timer WATCHDOG = new Timer("gameliftstreams-scan-watchdog");
  /** The calls running under any control, which the watchdog checks. */
  private static final Set<Call> RUNNING = ConcurrentHashMap.newKeySet();
  /** Whether the watchdog's next check is scheduled. */
  private static final AtomicBoolean WATCHING = new AtomicBoolean();

  private final AtomicBoolean cancelFlag;
  private final long deadlineNanos;
  private final Duration callLimit;
  private final Map<ExecutableHttpRequest, Thread> inFlight = new ConcurrentHashMap<>();
  private volatile GameLiftStreamsException failure;
  /** Captured when the scan starts, in the statement's thread; chains on pool threads report here. */
  private final ScanWarnings warnings = ScanWarnings.current();

  /** @param timeoutMillis 0 for no timeout; counted from the current thread's {@code execute} if one runs */
  public ScanControl(AtomicBoolean cancelFlag, long timeoutMillis) {
    this(cancelFlag, timeoutMillis, CALL_LIMIT);
  }

  /** @param callLimit what one call may take (tests shorten {@link #CALL_LIMIT}) */
  ScanControl(AtomicBoolean cancelFlag, long timeoutMillis, Duration callLimit) {
    this.cancelFlag = cancelFlag;
    this.callLimit = callLimit;
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

  /** One call under {@link #call}: its thread, and when it has taken {@link #CALL_LIMIT}. */
  private static final class Call {
    final ScanControl control;
    final Thread thread;
    final long limitNanos;
    volatile boolean overLimit;

    Call(ScanControl control, Thread thread, long limitNanos) {
      this.control = control;
      this.thread = thread;
      this.limitNanos = limitNanos;
    }
  }

  /**
   * Runs {@code work} (one API call, or a wait for budget) so that cancel, the deadline and
   * {@link #CALL_LIMIT} interrupt it; the end state, if reached, is what it throws.
   */
  <R> R call(Supplier<R> work) {
    check();
    Thread self = Thread.currentThread();
    ScanControl outer = CURRENT.get();
    CURRENT.set(this);
    Call running = new Call(this, self, System.nanoTime() + callLimit.toNanos());
    RUNNING.add(running);
    if (WATCHING.compareAndSet(false, true)) {
      WATCHDOG.schedule(ScanControl::watch, WATCH_MILLIS, TimeUnit.MILLISECONDS);
    }
    try {
      return work.get();
    } catch (RuntimeException e) {
      check();
      if (running.overLimit) {
        throw new GameLiftStreamsException("An API call took longer than its limit of " + callLimit.toSeconds()
            + " s, retries included", GameLiftStreamsException.TIMEOUT, null, 0, e);
      }
      throw e;
    } finally {
      synchronized (this) {
        RUNNING.remove(running);
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
    for (Call c : RUNNING) {
      if (c.control == this) {
        c.thread.interrupt();
      }
    }
  }

  /**
   * Ends {@code call} alone, if it still runs (its thread may have gone on to other work): its requests in
   * flight are aborted and its thread interrupted.
   */
  private synchronized void abort(Call call) {
    if (!RUNNING.contains(call)) {
      return;
    }
    call.overLimit = true;
    inFlight.forEach((request, caller) -> {
      if (caller == call.thread) {
        request.abort();
      }
    });
    call.thread.interrupt();
  }

  /** The watchdog's check of the running calls; it schedules the next one while calls run. */
  private static void watch() {
    try {
      long now = System.nanoTime();
      for (Call c : RUNNING) {
        if (c.control.endState() != null) {
          c.control.abortAll();
        } else if (now - c.limitNanos >= 0 && !c.overLimit) {
          c.control.abort(c);
        }
      }
    } finally {
      WATCHING.set(false);
      // A call that started after the loop either sees WATCHING false and schedules, or is seen here.
      if (!RUNNING.isEmpty() && WATCHING.compareAndSet(false, true)) {
        WATCHDOG.schedule(ScanControl::watch, WATCH_MILLIS, TimeUnit.MILLISECONDS);
      }
    }
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
   * A JVM-wide timer thread whose canceled tasks leave its queue at once (timers that almost never fire would
   * otherwise hold memory for their whole delay), and which counts what was ever scheduled on it, canceled or
   * not: what tells a timer per call from a watchdog's.
   */
  static final class Timer extends ScheduledThreadPoolExecutor {
    private final LongAdder scheduled = new LongAdder();

    Timer(String name) {
      super(1, r -> {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
      });
      setRemoveOnCancelPolicy(true);
    }

    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(Runnable runnable, RunnableScheduledFuture<V> task) {
      scheduled.increment();
      return task;
    }

    @Override
    protected <V> RunnableScheduledFuture<V> decorateTask(Callable<V> callable, RunnableScheduledFuture<V> task) {
      scheduled.increment();
      return task;
    }

    long scheduled() {
      return scheduled.sum();
    }
  }
}
