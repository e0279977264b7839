package dev.gameliftstreams.jdbc.aws;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.common.base.Ticker;
import dev.gameliftstreams.jdbc.emulator.Emulator;
import dev.gameliftstreams.jdbc.emulator.EmulatorOptions;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;

/**
 * The result cache under a clock the test moves: entries carry their fetch time, each connection applies
 * its own TTL, and the store is bounded by rows. Calls are counted in the emulator's request log.
 */
class ResultCacheTest {
  private static final String REGION = "us-west-2";
  private static Emulator emulator;
  private final AtomicLong nanos = new AtomicLong();
  private final ResultCache caches = new ResultCache(new Ticker() {
    @Override
    public long read() {
      return nanos.get();
    }
  });

  @BeforeAll
  static void start() throws IOException {
    emulator = Emulator.start(EmulatorOptions.defaults().withSeed(3).withSessions(900));
  }

  @AfterAll
  static void stop() {
    emulator.close();
  }

  @BeforeEach
  void emptyLog() {
    emulator.requestLog().clear();
    emulator.setDeniedOperations(Set.of());
  }

  private GameLiftStreamsAccess access(String identity, long ttlSeconds, long maxRows) {
    return new GameLiftStreamsAccess(new ClientSettings(List.of(REGION), emulator.endpoint(),
        StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDTEST", "test-secret")), 100, 1, identity,
        Duration.ofSeconds(ttlSeconds), maxRows, Set.of(), 1.0), caches);
  }

  private static List<SessionRecord> all(GameLiftStreamsAccess access) {
    List<SessionRecord> rows = new ArrayList<>();
    access.accountStreamSessions(REGION, null, null, true, ScanControl.unbounded(), RowBudget.unlimited())
        .forEachRemaining(rows::add);
    return rows;
  }

  private long calls() {
    return emulator.requestLog().count("ListStreamSessionsByAccount");
  }

  private int pages() {
    return (emulator.data().streamSessions(REGION).size() + 99) / 100;
  }

  private void advance(long seconds) {
    nanos.addAndGet(TimeUnit.SECONDS.toNanos(seconds));
  }

  @Test
  void anEntryAnswersWithinItsTtlAndIsFetchedAgainOnceExpired() {
    try (GameLiftStreamsAccess access = access("a", 60, 10_000)) {
      List<SessionRecord> first = all(access);
      assertEquals(pages(), calls());
      advance(59);
      assertEquals(first, all(access));
      assertEquals(pages(), calls(), "59 s old, within a TTL of 60 s");
      advance(1);
      assertEquals(first.size(), all(access).size());
      assertEquals(2L * pages(), calls(), "expired: listed again");
    }
  }

  @Test
  void eachConnectionAppliesItsOwnTtlToTheSharedEntries() {
    try (GameLiftStreamsAccess shortTtl = access("a", 60, 10_000);
         GameLiftStreamsAccess longTtl = access("a", 600, 10_000)) {
      all(shortTtl);
      advance(300);
      all(longTtl);
      assertEquals(pages(), calls(), "300 s old is fresh enough for a TTL of 600 s");
      all(shortTtl);
      assertEquals(2L * pages(), calls(), "but not for a TTL of 60 s");
    }
  }

  @Test
  void identitiesDoNotShareEntries() {
    try (GameLiftStreamsAccess a = access("a", 60, 10_000); GameLiftStreamsAccess b = access("b", 60, 10_000)) {
      all(a);
      all(b);
      assertEquals(2L * pages(), calls());
    }
  }

  @Test
  void aChainLargerThanCacheMaxRowsIsStreamedWithoutBeingKept() {
    try (GameLiftStreamsAccess access = access("small", 60, 50)) {
      all(access);
      all(access);
      assertEquals(2L * pages(), calls());
    }
  }

  @Test
  void theLeastRecentlyUsedChainsLeaveFirstWhenTheRowsExceedTheBound() {
    int active = emulator.data().streamSessions(REGION).size();
    try (GameLiftStreamsAccess access = access("bounded", 60, active)) {
      ScanControl control = new ScanControl(new AtomicBoolean(), 0);
      all(access);
      access.accountStreamSessions(REGION, "ERROR", null, true, control, RowBudget.unlimited()).forEachRemaining(r -> { });
      emulator.requestLog().clear();
      access.accountStreamSessions(REGION, "ERROR", null, true, control, RowBudget.unlimited()).forEachRemaining(r -> { });
      assertEquals(0, calls(), "the newer chain is kept");
      all(access);
      assertEquals(pages(), calls(), "the older one made room for it");
    }
  }

  @Test
  void aChainThatFailsHalfwayLeavesNothingBehind() {
    try (GameLiftStreamsAccess access = access("a", 60, 10_000)) {
      Iterator<SessionRecord> chain =
          access.accountStreamSessions(REGION, null, null, true, ScanControl.unbounded(), RowBudget.unlimited());
      for (int i = 0; i < 150; i++) {
        chain.next();
      }
      emulator.setDeniedOperations(Set.of("ListStreamSessionsByAccount"));
      assertThrows(GameLiftStreamsException.class, () -> chain.forEachRemaining(r -> { }));
      emulator.setDeniedOperations(Set.of());
      emulator.requestLog().clear();
      all(access);
      assertEquals(pages(), calls());
    }
  }

  @Test
  void aChainALimitCutShortIsNotTakenForTheWholeChain() {
    try (GameLiftStreamsAccess access = access("a", 60, 10_000)) {
      List<SessionRecord> five = new ArrayList<>();
      access.accountStreamSessions(REGION, null, null, true, ScanControl.unbounded(), RowBudget.of(5))
          .forEachRemaining(five::add);
      assertEquals(5, five.size());
      assertEquals(1, calls());
      assertEquals(emulator.data().streamSessions(REGION).size(), all(access).size(), "listed again, in full");
      assertEquals(1 + pages(), calls());
    }
  }

  private static List<SessionRecord> limited(GameLiftStreamsAccess access, long rows) {
    List<SessionRecord> list = new ArrayList<>();
    access.accountStreamSessions(REGION, null, null, true, ScanControl.unbounded(), RowBudget.of(rows))
        .forEachRemaining(list::add);
    return list;
  }

  @Test
  void aChainALimitCutShortAnswersLimitsUpToItsSize() {
    try (GameLiftStreamsAccess access = access("a", 60, 10_000)) {
      List<SessionRecord> first = limited(access, 150);
      assertEquals(150, first.size());
      assertEquals(2, calls(), "pages of 100 and 50");
      assertEquals(first.subList(0, 120), limited(access, 120));
      assertEquals(first, limited(access, 150));
      assertEquals(2, calls(), "LIMIT 120 and LIMIT 150 need no more than the 150 rows held");
      assertEquals(151, limited(access, 151).size());
      assertEquals(4, calls(), "LIMIT 151 lists again");
      advance(60);
      assertEquals(10, limited(access, 10).size());
      assertEquals(5, calls(), "expired");
    }
  }

  @Test
  void aChainListedWithoutStatusReasonsAnswersOnlyChainsThatDoNotReadThem() {
    try (GameLiftStreamsAccess access = access("a", 60, 10_000)) {
      List<SessionRecord> lean = new ArrayList<>();
      access.accountStreamSessions(REGION, null, null, false, ScanControl.unbounded(), RowBudget.unlimited())
          .forEachRemaining(lean::add);
      assertTrue(lean.stream().allMatch(r -> r.statusReason() == null), "not read: no second parse of the pages");
      assertEquals(pages(), calls());
      List<SessionRecord> full = all(access);
      assertTrue(full.stream().anyMatch(r -> r.statusReason() != null));
      assertEquals(2L * pages(), calls(), "rows without status reasons cannot answer a chain that reads them");
      List<SessionRecord> again = new ArrayList<>();
      access.accountStreamSessions(REGION, null, null, false, ScanControl.unbounded(), RowBudget.unlimited())
          .forEachRemaining(again::add);
      assertEquals(full, again, "rows with status reasons answer a chain that does not read them");
      assertEquals(2L * pages(), calls());
    }
  }

  @Test
  void clearDropsEveryEntry() {
    try (GameLiftStreamsAccess access = access("a", 60, 10_000)) {
      all(access);
      assertEquals(emulator.data().streamSessions(REGION).size(), caches.clear());
      all(access);
      assertEquals(2L * pages(), calls());
    }
  }
}
