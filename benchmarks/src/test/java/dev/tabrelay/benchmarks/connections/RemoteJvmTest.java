package dev.tabrelay.benchmarks.connections;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/** Against the real server jar in a child JVM: the chat benchmark reads the relay's costs this way. */
class RemoteJvmTest {

    @Test
    void readsCpuGcAndJitOfTheServersJvmAndCollectsItsHeap() throws Exception {
        try (ServerProcess server = ServerProcess.start(List.of("-Xmx256m", RemoteJvm.SERIAL_FILTER), 60_000);
             RemoteJvm jvm = RemoteJvm.attach(server.pid())) {
            long cpu = jvm.cpuNanos();
            assertTrue(cpu > 0, "a started JVM has used CPU: " + cpu);
            assertTrue(jvm.jitMillis() >= 0);
            RemoteJvm.GcTotals before = jvm.gcTotals();
            jvm.collect();
            RemoteJvm.GcTotals after = jvm.gcTotals();
            assertTrue(after.count() > before.count(), "a full collection is counted: " + before + " -> " + after);
            assertTrue(jvm.cpuNanos() >= cpu);
            assertTrue(server.isAlive(), server.stderrTail());
        }
    }
}
