package dev.gameliftstreams.jdbc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Memory stays flat in the number of API calls: each client's own SDK timer would keep every call's canceled
 * timeout queued for its whole delay (minutes), so the clients use the JVM's shared timer, which drops them.
 */
class SdkTimersTest {
  private static final String REGION = "us-west-2";

  private static Set<String> sdkTimerThreads() {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("sdk-ScheduledExecutor")).collect(Collectors.toSet());
  }

  @Test
  void callsScheduleTheirTimeoutsOnNoTimerOfTheSdksOwn() throws Exception {
    try (Emulator emulator = Emulator.start(EmulatorOptions.defaults().withSessions(300));
         GameLiftStreamsAccess access = new GameLiftStreamsAccess(new ClientSettings(List.of(REGION),
             emulator.endpoint(), StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")),
             10, 1))) {
      Set<String> timers = sdkTimerThreads();
      Iterator<SessionRecord> rows = access.accountStreamSessions(REGION, null, null, true, ScanControl.unbounded(),
          RowBudget.unlimited());
      int n = 0;
      for (; rows.hasNext(); rows.next()) {
        n++;
      }
      assertEquals(emulator.data().streamSessions(REGION).size(), n);
      Set<String> started = sdkTimerThreads();
      started.removeAll(timers);
      assertEquals(Set.of(), started);
    }
  }
}
