package dev.tabrelay.benchmarks.connections;

import com.sun.management.OperatingSystemMXBean;
import com.sun.tools.attach.VirtualMachine;

import javax.management.MBeanServerConnection;
import javax.management.remote.JMXConnector;
import javax.management.remote.JMXConnectorFactory;
import javax.management.remote.JMXServiceURL;
import java.io.IOException;
import java.lang.management.CompilationMXBean;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.util.List;

/**
 * The platform MXBeans of another JVM on this machine (a child server process), reached through the Attach API
 * and its local management agent: CPU time in nanoseconds, stop-the-world collections, and a full collection on
 * request, JIT compilation time. Same figures as this JVM's own beans, so a relay measured in its own process reports like one measured
 * in-process. Only between measurement slices: each call is a loopback RMI round trip.
 *
 * <p>Helidon installs a process-wide deserialization filter that rejects every class it does not allow, which
 * rejects JMX's RMI arguments too; a JVM to be attached to needs {@link #SERIAL_FILTER} among its flags.
 */
public final class RemoteJvm implements AutoCloseable {

    /** Stop-the-world collections and their total time, as a JVM counts them. */
    public record GcTotals(long count, long millis) {
        public static final GcTotals NONE = new GcTotals(0, 0);

        /** Totals of these collectors; G1's concurrent cycles (JDK 20+) are left out: they stop nothing. */
        public static GcTotals of(List<GarbageCollectorMXBean> collectors) {
            long count = 0;
            long millis = 0;
            for (GarbageCollectorMXBean gc : collectors) {
                if (gc.getName().contains("Concurrent") || gc.getCollectionCount() < 0) {
                    continue;
                }
                count += gc.getCollectionCount();
                millis += gc.getCollectionTime();
            }
            return new GcTotals(count, millis);
        }

        public GcTotals plus(GcTotals other) {
            return new GcTotals(count + other.count, millis + other.millis);
        }

        public GcTotals minus(GcTotals other) {
            return new GcTotals(count - other.count, millis - other.millis);
        }
    }

    /** {@code -Djdk.serialFilter} that lets JMX over RMI through and still ends in {@code !*}, as Helidon requires. */
    public static final String SERIAL_FILTER =
            "-Djdk.serialFilter=java.lang.*;java.util.*;java.rmi.*;javax.management.**;javax.security.auth.*;!*";

    private final JMXConnector connector;
    private final OperatingSystemMXBean os;
    private final MemoryMXBean memory;
    private final CompilationMXBean compiler;
    private final List<GarbageCollectorMXBean> collectors;

    private RemoteJvm(JMXConnector connector, OperatingSystemMXBean os, MemoryMXBean memory, CompilationMXBean compiler,
                      List<GarbageCollectorMXBean> collectors) {
        this.compiler = compiler;
        this.connector = connector;
        this.os = os;
        this.memory = memory;
        this.collectors = collectors;
    }

    /** Attaches to {@code pid} (same user), starts its local management agent and connects to it. */
    public static RemoteJvm attach(long pid) throws Exception {
        VirtualMachine vm = VirtualMachine.attach(Long.toString(pid));
        String address;
        try {
            address = vm.startLocalManagementAgent();
        } finally {
            vm.detach();
        }
        JMXConnector connector = JMXConnectorFactory.connect(new JMXServiceURL(address));
        try {
            MBeanServerConnection server = connector.getMBeanServerConnection();
            OperatingSystemMXBean os = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.OPERATING_SYSTEM_MXBEAN_NAME, OperatingSystemMXBean.class);
            MemoryMXBean memory = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.MEMORY_MXBEAN_NAME, MemoryMXBean.class);
            List<GarbageCollectorMXBean> collectors = ManagementFactory.getPlatformMXBeans(server,
                    GarbageCollectorMXBean.class);
            CompilationMXBean compiler = ManagementFactory.newPlatformMXBeanProxy(server,
                    ManagementFactory.COMPILATION_MXBEAN_NAME, CompilationMXBean.class);
            return new RemoteJvm(connector, os, memory, compiler, collectors);
        } catch (Exception e) {
            connector.close();
            throw e;
        }
    }

    /** CPU time the process has used so far, in nanoseconds. */
    public long cpuNanos() {
        return os.getProcessCpuTime();
    }

    public GcTotals gcTotals() {
        return GcTotals.of(collectors);
    }

    /** Time the JIT compilers have spent so far, in milliseconds (summed over compiler threads). */
    public long jitMillis() {
        return compiler.getTotalCompilationTime();
    }

    /** A full collection in that JVM ({@code System.gc()} there). */
    public void collect() {
        memory.gc();
    }

    @Override
    public void close() throws IOException {
        connector.close();
    }
}
