package dev.gameliftstreams.jdbc.schema;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.gameliftstreams.jdbc.aws.GameLiftStreamsException;
import dev.gameliftstreams.jdbc.aws.RowBudget;
import dev.gameliftstreams.jdbc.aws.ScanControl;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The merger of a scan's independent call chains. */
class ParallelChainsTest {
  private static final Duration NEVER_HANGS = Duration.ofSeconds(20);

  private static Supplier<Iterator<Integer>> rows(int from, int count) {
    return () -> IntStream.range(from, from + count).iterator();
  }

  private static List<Integer> drain(Iterator<Integer> it) {
    List<Integer> all = new ArrayList<>();
    it.forEachRemaining(all::add);
    return all;
  }

  @Test
  void everyRowOfEveryChainExactlyOnce() {
    List<Supplier<Iterator<Integer>>> chains = List.of(rows(0, 250), rows(1000, 3), rows(2000, 0), rows(3000, 100));
    List<Integer> all = drain(ParallelChains.merge(chains.iterator(), ScanControl.unbounded(), 100));
    all.sort(null);
    List<Integer> expected = new ArrayList<>();
    IntStream.range(0, 250).forEach(expected::add);
    IntStream.range(1000, 1003).forEach(expected::add);
    IntStream.range(3000, 3100).forEach(expected::add);
    assertEquals(expected, all);
  }

  @Test
  void chainsRunInParallel() {
    int n = 6;
    CountDownLatch allStarted = new CountDownLatch(n);
    List<Supplier<Iterator<Integer>>> chains = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int id = i;
      chains.add(() -> {
        allStarted.countDown();
        try {
          // Only returns if every chain is running at the same time.
          assertTrue(allStarted.await(10, TimeUnit.SECONDS), "chains ran one after another");
        } catch (InterruptedException e) {
          throw new IllegalStateException(e);
        }
        return List.of(id).iterator();
      });
    }
    List<Integer> all = assertTimeoutPreemptively(NEVER_HANGS,
        () -> drain(ParallelChains.merge(chains.iterator(), ScanControl.unbounded(), 10)));
    assertEquals(n, all.size());
  }

  @Test
  void aFailedChainFailsTheScanOnEveryCallInsteadOfHanging() {
    GameLiftStreamsException boom = new GameLiftStreamsException("region down", GameLiftStreamsException.SERVICE_ERROR,
        "InternalServerException", 500, null);
    AtomicBoolean otherStopped = new AtomicBoolean();
    ScanControl control = ScanControl.unbounded();
    Supplier<Iterator<Integer>> failing = () -> {
      throw boom;
    };
    // A slow healthy chain: the old fan-out blocked forever in hasNext() once the other had failed.
    Supplier<Iterator<Integer>> slow = () -> new Iterator<>() {
      int left = 1_000;

      @Override
      public boolean hasNext() {
        try {
          Thread.sleep(5);
          control.check();
        } catch (InterruptedException | GameLiftStreamsException e) {
          otherStopped.set(true);
          throw new IllegalStateException(e);
        }
        return left > 0;
      }

      @Override
      public Integer next() {
        return left--;
      }
    };
    Iterator<Integer> merged = ParallelChains.merge(List.of(slow, failing).iterator(), control, 1);
    assertTimeoutPreemptively(NEVER_HANGS, () -> {
      RuntimeException first = assertThrows(RuntimeException.class, () -> drain(merged));
      assertSame(boom, first);
      assertSame(boom, assertThrows(RuntimeException.class, merged::hasNext), "again, at once");
    });
    assertThrows(GameLiftStreamsException.class, control::check, "the other chains are told to stop");
  }

  @Test
  void cancelEndsTheWaitForChainsThatNeverAnswer() {
    AtomicBoolean cancel = new AtomicBoolean();
    ScanControl control = new ScanControl(cancel, 0);
    CountDownLatch never = new CountDownLatch(1);
    Supplier<Iterator<Integer>> stuck = () -> {
      try {
        never.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return List.<Integer>of().iterator();
    };
    Iterator<Integer> merged = ParallelChains.merge(List.of(stuck, stuck).iterator(), control, 10);
    new Thread(() -> {
      sleep(200);
      cancel.set(true);
    }).start();
    GameLiftStreamsException e = assertTimeoutPreemptively(NEVER_HANGS,
        () -> assertThrows(GameLiftStreamsException.class, merged::hasNext));
    assertEquals(GameLiftStreamsException.CANCELED, e.sqlState());
    never.countDown();
  }

  @Test
  void parallelChainsSharingABudgetNeverTakeMoreRowsThanWanted() {
    RowBudget budget = RowBudget.of(7);
    AtomicInteger taken = new AtomicInteger();
    List<Supplier<Iterator<Integer>>> chains = new ArrayList<>();
    for (int c = 0; c < 4; c++) {
      // Each chain "pages" like Pages does: reserve, return what it had (2 rows at most), release the rest.
      chains.add(() -> new Iterator<>() {
        int had = 2;
        int inPage;

        @Override
        public boolean hasNext() {
          if (inPage > 0) {
            return true;
          }
          if (had == 0) {
            return false;
          }
          int reserved = budget.reserve(5);
          int returned = Math.min(reserved, had);
          had -= returned;
          inPage = returned;
          taken.addAndGet(returned);
          budget.release(reserved - returned);
          if (reserved == 0) {
            had = 0;
          }
          return inPage > 0;
        }

        @Override
        public Integer next() {
          inPage--;
          return 1;
        }
      });
    }
    List<Integer> all = assertTimeoutPreemptively(NEVER_HANGS,
        () -> drain(ParallelChains.merge(chains.iterator(), ScanControl.unbounded(), 1)));
    assertEquals(7, all.size(), "8 rows exist, 7 wanted: the budget given back by short pages is used");
    assertEquals(7, taken.get());
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }
}
