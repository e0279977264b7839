package dev.gameliftstreams.jdbc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * Without a query timeout, one API call (attempts, backoff and limiter waits) is still bounded: past its limit
 * the watchdog aborts it and the call fails with HYT00 (TIMEOUT), not waiting for the 30 s read timeout. (The limit is
 * {@link ScanControl#CALL_LIMIT}, 2 minutes; shortened here.)
 */
class CallLimitTest {
  @Test
  void aCallPastItsLimitIsAbortedAndFailsAsATimeout() throws Exception {
    List<Socket> accepted = new CopyOnWriteArrayList<>();
    try (ServerSocket silent = new ServerSocket(0);
         GameLiftStreamsAccess access = new GameLiftStreamsAccess(new ClientSettings(List.of("us-west-2"),
             URI.create("http://127.0.0.1:" + silent.getLocalPort()),
             StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")), 100, 1,
             "limit", Duration.ZERO, ClientSettings.DEFAULT_CACHE_MAX_ROWS, Set.of(), 0))) {
      Thread acceptor = new Thread(() -> {
        try {
          while (true) {
            accepted.add(silent.accept()); // and never answer
          }
        } catch (IOException closed) {
          // the test is over
        }
      });
      acceptor.setDaemon(true);
      acceptor.start();
      ScanControl noTimeout = new ScanControl(new AtomicBoolean(), 0, Duration.ofSeconds(3));
      long start = System.nanoTime();
      GameLiftStreamsException e = assertThrows(GameLiftStreamsException.class, () -> access
          .accountStreamSessions("us-west-2", null, null, false, noTimeout, RowBudget.unlimited()).hasNext());
      long elapsedMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
      assertEquals(GameLiftStreamsException.TIMEOUT, e.sqlState(), e.toString());
      assertTrue(e.getMessage().contains("longer than its limit"), e.getMessage());
      // Long enough for a cold JVM to build its SDK client and send the attempt; well short of the read timeout.
      assertTrue(elapsedMillis >= 3_000 && elapsedMillis < 10_000, "failed after " + elapsedMillis + " ms");
      assertEquals(1, accepted.size(), "one attempt, aborted");
      accepted.forEach(s -> {
        try {
          s.close();
        } catch (IOException ignored) {
          // closing
        }
      });
    }
  }
}
