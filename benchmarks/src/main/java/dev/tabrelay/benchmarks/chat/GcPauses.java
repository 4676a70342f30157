package dev.tabrelay.benchmarks.chat;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;

/**
 * Stop-the-world collections during a timed pass. Relay, tabs and client share one JVM here, so a young
 * collection (G1 pauses ~20 ms on this 2-CPU box with a 1 GiB heap) stalls all three; whether one lands in a
 * window is a coin flip that decides that window's p99. Each measured slice therefore starts from a collected
 * heap ({@link #settle}), and the pauses inside the windows are reported next to their latencies.
 */
final class GcPauses {

    /** Collections and their total time, as the JVM counts them. */
    record Snapshot(long count, long millis) {
        Delta since() {
            Snapshot now = now();
            return new Delta(now.count - count, now.millis - millis);
        }
    }

    /** Pauses inside a pass. */
    record Delta(long count, long millis) {
    }

    private GcPauses() {
    }

    static Snapshot now() {
        long count = 0;
        long millis = 0;
        for (GarbageCollectorMXBean gc : ManagementFactory.getGarbageCollectorMXBeans()) {
            // G1 (JDK 20+) also reports its concurrent cycles, which do not stop the application.
            if (gc.getName().contains("Concurrent") || gc.getCollectionCount() < 0) {
                continue;
            }
            count += gc.getCollectionCount();
            millis += gc.getCollectionTime();
        }
        return new Snapshot(count, millis);
    }

    /** Collects the heap so the next pass starts from the same state as the one it is compared with. */
    static void settle() {
        System.gc();
    }
}
