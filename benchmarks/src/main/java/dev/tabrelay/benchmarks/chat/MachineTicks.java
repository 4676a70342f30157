package dev.tabrelay.benchmarks.chat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The machine's CPU time as Linux counts it in the first line of {@code /proc/stat}: all of it, and the part
 * "stolen" (a virtual CPU ready to run while the hypervisor ran something else). On a shared VM the steal share
 * swings from 1 % to over 50 % within a minute; a latency window measured while half the CPU was gone measures the
 * neighbours, not the relay. Where there is no {@code /proc/stat} both counts stay 0 and the share reads 0.
 */
record MachineTicks(long total, long stolen) {

    static final MachineTicks NONE = new MachineTicks(0, 0);
    private static final Path PROC_STAT = Path.of("/proc/stat");

    static MachineTicks now() {
        try {
            return parse(Files.readAllLines(PROC_STAT).get(0));
        } catch (IOException | RuntimeException e) {
            return NONE;
        }
    }

    /** The aggregate {@code cpu} line of {@code /proc/stat}; anything else reads as {@link #NONE}. */
    static MachineTicks parse(String cpuLine) {
        // cpu  user nice system idle iowait irq softirq steal guest guest_nice (guest time is inside user)
        String[] f = cpuLine.trim().split("\\s+");
        if (f.length < 5 || !f[0].equals("cpu")) {
            return NONE;
        }
        try {
            long total = 0;
            for (int i = 1; i <= 8 && i < f.length; i++) {
                total += Long.parseLong(f[i]);
            }
            return new MachineTicks(total, f.length > 8 ? Long.parseLong(f[8]) : 0);
        } catch (NumberFormatException e) {
            return NONE;
        }
    }

    MachineTicks plus(MachineTicks other) {
        return new MachineTicks(total + other.total, stolen + other.stolen);
    }

    MachineTicks minus(MachineTicks other) {
        return new MachineTicks(total - other.total, stolen - other.stolen);
    }

    /** Stolen share of all CPU time, 0..1. */
    double stealShare() {
        return total <= 0 ? 0 : (double) stolen / total;
    }
}
