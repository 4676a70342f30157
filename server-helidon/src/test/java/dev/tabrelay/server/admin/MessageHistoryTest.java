package dev.tabrelay.server.admin;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MessageHistoryTest {

    private static HistoryEntry entry(String detail) {
        return new HistoryEntry(0, 1, HistoryType.SETTINGS_UPDATED, null, null, null, null, null, null, detail, null, null);
    }

    @Test
    void keepsTheNewestUpToCapacityNewestFirst() {
        MessageHistory history = new MessageHistory(3);
        for (int i = 1; i <= 5; i++) {
            history.add(entry("e" + i));
        }
        assertEquals(3, history.size());
        assertEquals(List.of("e5", "e4", "e3"), history.newest(10).stream().map(HistoryEntry::detail).toList());
        assertEquals(List.of("e5", "e4"), history.newest(2).stream().map(HistoryEntry::detail).toList());
        assertEquals(List.of(5L, 4L, 3L), history.newest(10).stream().map(HistoryEntry::seq).toList());
    }

    @Test
    void resizeDropsTheOldestAndRejectsZero() {
        MessageHistory history = new MessageHistory(5);
        for (int i = 1; i <= 5; i++) {
            history.add(entry("e" + i));
        }
        history.resize(2);
        assertEquals(List.of("e5", "e4"), history.newest(10).stream().map(HistoryEntry::detail).toList());
        history.resize(4);
        history.add(entry("e6"));
        assertEquals(3, history.size());
        assertThrows(IllegalArgumentException.class, () -> history.resize(0));
    }

    @Test
    void filterAppliesBeforeTheLimit() {
        MessageHistory history = new MessageHistory(10);
        for (int i = 1; i <= 6; i++) {
            history.add(entry(i % 2 == 0 ? "even" + i : "odd" + i));
        }
        assertEquals(List.of("even6", "even4"),
                history.newest(2, e -> e.detail().startsWith("even")).stream().map(HistoryEntry::detail).toList());
    }

    /** {@code writers} threads add {@code each} entries at once; {@code meanwhile} runs while they write. */
    private static void writeConcurrently(MessageHistory history, int writers, int each, Runnable meanwhile)
            throws InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        CountDownLatch go = new CountDownLatch(1);
        for (int t = 0; t < writers; t++) {
            pool.submit(() -> {
                go.await();
                for (int i = 0; i < each; i++) {
                    history.add(entry("x"));
                }
                return null;
            });
        }
        go.countDown();
        meanwhile.run();
        pool.shutdown();
        assertTrue(pool.awaitTermination(20, TimeUnit.SECONDS));
    }

    @Test
    void concurrentWritersNeverExceedTheBoundAndSeqIsUnique() throws InterruptedException {
        MessageHistory history = new MessageHistory(100);
        writeConcurrently(history, 8, 1000, () -> { });
        List<HistoryEntry> all = history.newest(1000);
        assertEquals(100, all.size());
        assertEquals(8000L, all.get(0).seq());
        assertEquals(7901L, all.get(99).seq());
    }

    @Test
    void clearHidesEverythingSoFarAndNumberingGoesOn() {
        MessageHistory history = new MessageHistory(4);
        history.add(entry("a"));
        history.add(entry("b"));
        history.clear();
        assertEquals(0, history.size());
        assertEquals(List.of(), history.newest(10));
        history.add(entry("c"));
        assertEquals(List.of(3L), history.newest(10).stream().map(HistoryEntry::seq).toList());
        assertEquals(1, history.size());
    }

    /** A resize in the middle of concurrent writes keeps the newest entries, none missing. */
    @Test
    void resizingWhileWritersWriteKeepsTheNewestContiguous() throws InterruptedException {
        MessageHistory history = new MessageHistory(50);
        writeConcurrently(history, 4, 5000, () -> {
            for (int i = 0; i < 200; i++) {
                history.resize(i % 2 == 0 ? 30 : 70);
            }
        });
        history.resize(40);
        List<Long> seqs = history.newest(1000).stream().map(HistoryEntry::seq).toList();
        assertEquals(40, seqs.size(), seqs.toString());
        for (int i = 0; i < seqs.size(); i++) {
            assertEquals(20_000L - i, seqs.get(i), "newest first, none missing: " + seqs);
        }
        assertEquals(40, history.size());
    }
}
