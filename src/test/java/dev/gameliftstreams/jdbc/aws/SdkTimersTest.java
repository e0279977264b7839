package dev.gameliftstreams.jdbc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * API calls take no timer of their own: a timer per call woke a timer thread for every page (and each SDK
 * client's own timer kept every canceled timeout queued for minutes). The scan's deadline, cancel and call
 * limit are checked by one watchdog, at most once per {@value ScanControl#WATCH_MILLIS} ms while calls run.
 */
class SdkTimersTest {
  private static final String REGION = "us-west-2";

  private static Set<String> sdkTimerThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("sdk-ScheduledExecutor")).collect(Collectors.toSet());
  }

  @Test
  void callsScheduleNoTimerOfTheirOwn() throws Exception {
    try (Emulator emulator = Emulator.start(EmulatorOptions.defaults().withSessions(300));
         GameLiftStreamsAccess access = new GameLiftStreamsAccess(new ClientSettings(List.of(REGION),
             emulator.endpoint(), StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")),
             1, 1, "timers", Duration.ZERO, ClientSettings.DEFAULT_CACHE_MAX_ROWS, Set.of(), 0))) {
      Set<String> timers = sdkTimerThreads();
      long sdkTasks = GameLiftStreamsAccess.SDK_TIMER.scheduled();
      long watchdogTasks = ScanControl.WATCHDOG.scheduled();
      long start = System.nanoTime();
      ScanControl withDeadline = new ScanControl(new AtomicBoolean(), TimeUnit.MINUTES.toMillis(5));
      Iterator<SessionRecord> rows = access.accountStreamSessions(REGION, null, null, false, withDeadline,
          RowBudget.unlimited());
      int n = 0;
      for (; rows.hasNext(); rows.next()) {
        n++;
      }
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(emulator.data().streamSessions(REGION).size(), n);
      assertEquals(n, emulator.requestLog().count("ListStreamSessionsByAccount"), "a call per session");
      assertEquals(0, GameLiftStreamsAccess.SDK_TIMER.scheduled() - sdkTasks, "no SDK call or attempt timeout");
      long checks = ScanControl.WATCHDOG.scheduled() - watchdogTasks;
      assertTrue(checks <= elapsedMillis / ScanControl.WATCH_MILLIS + 2,
          checks + " watchdog checks in " + elapsedMillis + " ms of " + n + " calls");
      Set<String> started = sdkTimerThreads();
      started.removeAll(timers);
      assertEquals(Set.of(), started);
    }
  }
}
