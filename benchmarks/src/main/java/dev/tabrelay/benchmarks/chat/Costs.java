package dev.tabrelay.benchmarks.chat;

import dev.tabrelay.benchmarks.connections.RemoteJvm;
import dev.tabrelay.benchmarks.connections.RemoteJvm.GcTotals;

import java.lang.management.ManagementFactory;

/**
 * What a pass costs, read from both JVMs of the chat benchmark: the relay's (a child process, through
 * {@link RemoteJvm}) and this one (tabs and HTTP client): CPU time and stop-the-world collections; and what the
 * hypervisor took from the whole machine ({@link MachineTicks}). A collection
 * in either stalls the requests in flight, and whether one lands in a window decides that window's p99, so every
 * measured slice starts from collected heaps in both ({@link #settle}) and the pauses are reported next to the
 * latencies.
 */
final class Costs {

    /**
     * Running totals of both JVMs at one moment, or the difference of two such moments: CPU time, stop-the-world
     * collections, and JIT compilation time (compiler threads take CPU from the application's, and on two CPUs a
     * busy compiler shows in the tail).
     */
    record Reading(long relayCpuNanos, long loadCpuNanos, GcTotals relayGc, GcTotals loadGc, long relayJitMillis,
                   long loadJitMillis, MachineTicks machine) {
        static final Reading ZERO = new Reading(0, 0, GcTotals.NONE, GcTotals.NONE, 0, 0, MachineTicks.NONE);

        Reading plus(Reading other) {
            return new Reading(relayCpuNanos + other.relayCpuNanos, loadCpuNanos + other.loadCpuNanos,
                    relayGc.plus(other.relayGc), loadGc.plus(other.loadGc), relayJitMillis + other.relayJitMillis,
                    loadJitMillis + other.loadJitMillis, machine.plus(other.machine));
        }

        Reading minus(Reading other) {
            return new Reading(relayCpuNanos - other.relayCpuNanos, loadCpuNanos - other.loadCpuNanos,
                    relayGc.minus(other.relayGc), loadGc.minus(other.loadGc), relayJitMillis - other.relayJitMillis,
                    loadJitMillis - other.loadJitMillis, machine.minus(other.machine));
        }

        long totalCpuNanos() {
            return relayCpuNanos + loadCpuNanos;
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();

    private final RemoteJvm relay;

    Costs(RemoteJvm relay) {
        this.relay = relay;
    }

    Reading now() {
        return new Reading(relay.cpuNanos(), OS.getProcessCpuTime(), relay.gcTotals(),
                GcTotals.of(ManagementFactory.getGarbageCollectorMXBeans()), relay.jitMillis(),
                ManagementFactory.getCompilationMXBean().getTotalCompilationTime(), MachineTicks.now());
    }

    /** Collects both heaps, so the next slice starts from the same state as the one it is compared with. */
    void settle() {
        relay.collect();
        System.gc();
    }
}
