package dev.gameliftstreams.jdbc.driver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import dev.gameliftstreams.jdbc.emulator.EmulatorTestSupport;
import dev.gameliftstreams.jdbc.emulator.RequestLog;
import java.io.IOException;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.gameliftstreams.GameLiftStreamsClient;
import software.amazon.awssdk.services.gameliftstreams.model.ThrottlingException;

/**
 * The rate budget is used, never exceeded: independent call chains run in parallel, and all connections of
 * the JVM together stay under the published per-region rates, which the emulator enforces with --quotas.
 */
class RateBudgetTest {
  private static final String REGION = "us-west-2";
  private Emulator emulator;

  @AfterEach
  void stop() {
    emulator.close();
  }

  private Connection connect(String properties) throws SQLException {
    return DriverManager.getConnection("jdbc:gameliftstreams:endpoint=" + emulator.endpoint() + ";region=" + REGION
        + ";" + properties);
  }

  private static Set<String> arns(Connection c, String sql) throws SQLException {
    Set<String> arns = new TreeSet<>();
    try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        arns.add(rs.getString(1));
      }
    }
    return arns;
  }

  private Set<String> expected(String status) {
    Set<String> arns = new TreeSet<>();
    emulator.data().streamSessions(REGION).stream()
        .filter(s -> status == null || status.contains("'" + s.path("Status").asText() + "'"))
        .forEach(s -> arns.add(s.get("Arn").asText()));
    return arns;
  }

  @Test
  void theEmulatorsQuotasThrottleWhatExceedsThePublishedRateAsAwsDoes() throws Exception {
    emulator = Emulator.start(EmulatorOptions.defaults().withSessions(30).withQuotas(true));
    ExecutorService threads = Executors.newFixedThreadPool(25);
    try (GameLiftStreamsClient client = EmulatorTestSupport.sdkClient(emulator, Region.US_WEST_2)) {
      List<CompletableFuture<Boolean>> calls = new ArrayList<>();
      for (int i = 0; i < 25; i++) {
        calls.add(CompletableFuture.supplyAsync(() -> {
          try {
            client.listStreamGroups(b -> b.maxResults(10));
            return true;
          } catch (ThrottlingException e) {
            assertEquals(429, e.statusCode());
            return false;
          }
        }, threads));
      }
      long admitted = calls.stream().filter(CompletableFuture::join).count();
      assertTrue(admitted >= 10, "the published 10 per second are admitted: " + admitted);
      assertTrue(admitted < 25, "the rest of a burst of 25 is throttled: " + admitted);
    } finally {
      threads.shutdownNow();
    }
  }

  @Test
  void theChainsOfAnInListAndOfStreamGroupsRunInParallel() throws Exception {
    emulator = Emulator.start(EmulatorOptions.defaults().withSessions(300).withLatencyMs(300));
    String in = "('ACTIVE', 'ERROR', 'TERMINATED', 'CONNECTED')";
    try (Connection c = connect("rateLimit=0")) {
      emulator.resetPeakConcurrency();
      assertEquals(expected(in), arns(c, "select arn from account_stream_sessions where status in " + in));
      assertTrue(emulator.peakConcurrency() >= 2, "IN values in parallel: " + emulator.peakConcurrency());
      emulator.resetPeakConcurrency();
      assertEquals(expected(null), arns(c, "select arn from stream_sessions where region = '" + REGION + "'"));
      assertTrue(emulator.peakConcurrency() >= 2, "stream groups in parallel: " + emulator.peakConcurrency());
    }
  }

  @Test
  void allConnectionsOfTheJvmTogetherStayUnderTheQuota() throws Exception {
    emulator = Emulator.start(EmulatorOptions.defaults().withSessions(600).withQuotas(true));
    List<CompletableFuture<Set<String>>> scans = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      scans.add(CompletableFuture.supplyAsync(() -> {
        try (Connection c = connect("pageSize=20")) {
          return arns(c, "select arn from account_stream_sessions");
        } catch (SQLException e) {
          throw new IllegalStateException(e);
        }
      }));
    }
    for (CompletableFuture<Set<String>> scan : scans) {
      assertEquals(expected(null), scan.join(), "exact results under the quota");
    }
    List<RequestLog.Entry> log = emulator.requestLog().entries();
    long throttled = log.stream().filter(e -> e.status() == 429).count();
    // Three token buckets' bursts (the old limiter) had a third of these requests throttled.
    assertTrue(throttled * 20 <= log.size(), throttled + " of " + log.size() + " requests throttled");
  }
}
