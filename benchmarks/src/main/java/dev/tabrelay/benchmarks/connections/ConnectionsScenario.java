package dev.tabrelay.benchmarks.connections;

import dev.tabrelay.benchmarks.BenchmarkMain;
import dev.tabrelay.benchmarks.Reports;
import dev.tabrelay.benchmarks.RunSettings;

import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Idle connections: the server jar runs as a child process with {@code -Xmx512m}; this JVM opens N (default
 * 10,000) extension WebSockets on 127.0.0.1 that each complete the {@code connection-init} handshake and then stay
 * idle. Reported: time from the first connect to the last {@code connection-ack}, heap in use after a full GC
 * measured in the server's JVM ({@code jcmd GC.run} + {@code GC.heap_info}) before and after, the difference per
 * connection, the resident set size, and whether the server is still alive and counts every connection in
 * {@code /health}. Baseline: the same server with no connection. Target: N = 10,000 fit in 512 MiB of heap.
 */
public final class ConnectionsScenario implements BenchmarkMain.Scenario {

    public static final int DEFAULT_CONNECTIONS = 10_000;
    public static final long HEAP_LIMIT_BYTES = 512L * 1024 * 1024;
    static final List<String> SERVER_JVM = List.of("-Xmx512m", "-XX:+ExitOnOutOfMemoryError");
    private static final Pattern EXTENSIONS = Pattern.compile("\"extension\":(\\d+)");

    @Override
    public String description() {
        return "10,000 idle extension connections: heap per connection (server JVM -Xmx512m) and time to accept them";
    }

    record Run(int connections, long acceptNanos, long heapBefore, long heapAfter, long rssAfter, boolean alive,
               int counted) {
        double perConnection() {
            return (heapAfter - heapBefore) / (double) connections;
        }

        boolean ok() {
            return alive && counted == connections;
        }
    }

    @Override
    public boolean run(RunSettings settings) throws Exception {
        int n = settings.filter().isEmpty() ? DEFAULT_CONNECTIONS : Integer.parseInt(settings.filter().get(0).trim());
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("%n== connections: %,d idle extension connections, %d run(s); server: java %s -jar %s ==%n",
                n, settings.repeat(), String.join(" ", SERVER_JVM), ServerProcess.serverJar());
        System.out.printf("load average at start: %.2f (%d CPUs)%n", loadAtStart, Runtime.getRuntime().availableProcessors());
        List<Run> runs = new ArrayList<>();
        for (int i = 1; i <= settings.repeat(); i++) {
            Run run = once(n, settings);
            runs.add(run);
            System.out.printf("run %d/%d: %,d connections accepted in %.2f s (%,.0f/s); heap after GC %s -> %s MiB"
                            + " (%.1f KiB per connection); RSS %s MiB; server %s, /health counts %,d%n",
                    i, settings.repeat(), run.connections(), run.acceptNanos() / 1e9,
                    run.connections() / (run.acceptNanos() / 1e9), mib(run.heapBefore()), mib(run.heapAfter()),
                    run.perConnection() / 1024, run.rssAfter() < 0 ? "?" : mib(run.rssAfter()),
                    run.alive() ? "alive" : "DEAD", run.counted());
        }
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("connections", n);
        row.put("acceptSeconds", Reports.round(Reports.median(runs.stream().map(r -> r.acceptNanos() / 1e9).toList()), 3));
        row.put("acceptedPerSec", Math.round(Reports.median(runs.stream()
                .map(r -> r.connections() / (r.acceptNanos() / 1e9)).toList())));
        row.put("heapBaselineMiB", Reports.round(Reports.median(runs.stream().map(r -> r.heapBefore() / 1048576.0).toList()), 1));
        double heapAfter = Reports.median(runs.stream().map(r -> r.heapAfter() / 1048576.0).toList());
        row.put("heapWithConnectionsMiB", Reports.round(heapAfter, 1));
        double perConnection = Reports.median(runs.stream().map(Run::perConnection).toList());
        row.put("heapPerConnectionKiB", Reports.round(perConnection / 1024, 2));
        double projected = (Reports.median(runs.stream().map(r -> (double) r.heapBefore()).toList())
                + perConnection * DEFAULT_CONNECTIONS) / 1048576.0;
        row.put("projectedHeapFor10kMiB", Reports.round(projected, 1));
        row.put("rssMiB", Reports.round(Reports.median(runs.stream().map(r -> r.rssAfter() / 1048576.0).toList()), 1));
        boolean allOk = runs.stream().allMatch(Run::ok);
        row.put("serverAliveAndCountedAll", allOk);
        double ratio = HEAP_LIMIT_BYTES / 1048576.0 / projected;
        row.put("heapLimitToUsedRatio", Reports.round(ratio, 2));
        boolean met = allOk && n >= DEFAULT_CONNECTIONS && heapAfter <= HEAP_LIMIT_BYTES / 1048576.0;
        row.put("meetsTarget", met);
        String table = table(row);
        System.out.println();
        System.out.println(table);
        System.out.printf("target (%,d idle connections within 512 MiB of heap, server alive): %s%n", DEFAULT_CONNECTIONS,
                met ? "MET" : n < DEFAULT_CONNECTIONS ? "NOT MEASURED (fewer connections)" : "MISSED");

        if (settings.write()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("scenario", "connections");
            report.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            report.put("command", settings.command().isEmpty() ? "./benchmarks.sh connections" : settings.command());
            Map<String, Object> env = Reports.environment();
            env.put("loadAverageAtStart", Reports.round(loadAtStart, 2));
            report.put("environment", env);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("repeat", settings.repeat());
            s.put("server", "java " + String.join(" ", SERVER_JVM) + " -jar tabrelay-server.jar --port 0 (child process,"
                    + " default settings, default GC)");
            s.put("heapMeasurement", "jcmd <pid> GC.run, then jcmd <pid> GC.heap_info 'used' (in the server's JVM)");
            s.put("clients", "one JDK HttpClient (1 selector thread + 2 executor threads), at most "
                    + IdleExtensions.IN_FLIGHT + " handshakes in flight; each socket: connection-init, wait for"
                    + " connection-ack, then idle (answers the relay's pings)");
            s.put("aggregate", "medians over runs");
            report.put("settings", s);
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("connections", DEFAULT_CONNECTIONS);
            target.put("maxHeapMiB", 512);
            target.put("met", met);
            report.put("target", target);
            report.put("baseline", "the same server process with no connection (heap after GC)");
            report.put("results", List.of(row));
            Reports.writeJson(settings.outDir().resolve("connections.json"), report);
            Reports.writeText(settings.outDir().resolve("connections.md"), "# Idle connections benchmark\n\n`"
                    + report.get("command") + "` — " + settings.repeat() + " run(s)" + (settings.repeat() > 1 ? ", medians" : "")
                    + ". JDK " + env.get("jdk") + ", " + env.get("cpus") + " CPUs; load average "
                    + Reports.fixed(loadAtStart, 2) + " at start.\n\n"
                    + "- **server**: the jar as a child process, `java " + String.join(" ", SERVER_JVM)
                    + " -jar tabrelay-server.jar --port 0`, default settings (heartbeat 30 s: idle sockets get pings).\n"
                    + "- **clients**: one JDK `HttpClient` in the benchmark JVM (1 selector thread, 2 executor threads),"
                    + " at most " + IdleExtensions.IN_FLIGHT + " handshakes in flight; each socket sends"
                    + " `connection-init`, waits for `connection-ack`, then stays idle. Loopback only.\n"
                    + "- **accept time** = first connect to last `connection-ack`. **heap** = `used` of"
                    + " `jcmd <pid> GC.heap_info` right after `jcmd <pid> GC.run`, in the server's JVM; baseline ="
                    + " the same server before any connection; **per connection** = (with - baseline) / N.\n"
                    + "- Target: " + String.format("%,d", DEFAULT_CONNECTIONS) + " idle connections within 512 MiB of heap"
                    + " (the server runs with `-Xmx512m` and `ExitOnOutOfMemoryError`, must stay alive and count every"
                    + " connection in `/health`): **" + (met ? "met" : "missed") + "**.\n\n" + table);
            System.out.println("wrote " + settings.outDir().resolve("connections.json") + " and connections.md");
        }
        return met;
    }

    /** {@code --prof jfr}: the server JVM records itself; {@code --prof heap} prints its class histogram. The server JVM records itself (JFR "profile" settings) and dumps on exit. */
    private static List<String> serverJvm(RunSettings settings) {
        List<String> flags = new ArrayList<>(SERVER_JVM);
        if (settings.profilers().contains("jfr")) {
            String file = System.getProperty("java.io.tmpdir") + "/connections-server-" + System.currentTimeMillis() + ".jfr";
            flags.add("-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file);
            System.out.println("server JFR recording: " + file + " (written when the server exits)");
        }
        return flags;
    }

    private static Run once(int n, RunSettings settings) throws Exception {
        try (ServerProcess server = ServerProcess.start(serverJvm(settings), 60_000);
             IdleExtensions clients = new IdleExtensions()) {
            long before = server.heapUsedAfterGc();
            long accept;
            try {
                accept = clients.connect("ws://127.0.0.1:" + server.port(), n, 300_000);
            } catch (Exception e) {
                throw new IllegalStateException("connecting failed (server " + (server.isAlive() ? "alive" : "DEAD")
                        + "): " + e + "\nserver stderr:\n" + server.stderrTail(), e);
            }
            int counted = countedExtensions(server.port());
            if (settings.profilers().contains("heap")) {
                System.out.println("server heap histogram with " + n + " connections:\n" + server.histogram(30));
            }
            long after = server.heapUsedAfterGc();
            long rss = server.residentBytes();
            boolean alive = server.isAlive() && clients.open() == n;
            return new Run(n, accept, before, after, rss, alive, counted);
        }
    }

    private static int countedExtensions(int port) throws Exception {
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
            Matcher m = EXTENSIONS.matcher(response.body());
            return response.statusCode() == 200 && m.find() ? Integer.parseInt(m.group(1)) : -1;
        }
    }

    private static String mib(long bytes) {
        return Reports.fixed(bytes / 1048576.0, 1);
    }

    static String table(Map<String, Object> row) {
        return "| connections | accepted in s | accepted/s | heap baseline MiB | heap with connections MiB"
                + " | heap per connection KiB | projected for 10,000 MiB | RSS MiB | 512 MiB / heap | alive, all counted |\n"
                + "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---|\n"
                + "| " + String.format("%,d", (Integer) row.get("connections"))
                + " | " + Reports.fixed(((Number) row.get("acceptSeconds")).doubleValue(), 2)
                + " | " + Reports.ops(((Number) row.get("acceptedPerSec")).doubleValue())
                + " | " + row.get("heapBaselineMiB") + " | " + row.get("heapWithConnectionsMiB")
                + " | " + row.get("heapPerConnectionKiB") + " | " + row.get("projectedHeapFor10kMiB")
                + " | " + row.get("rssMiB") + " | " + Reports.fixed(((Number) row.get("heapLimitToUsedRatio")).doubleValue(), 2)
                + " | " + ((Boolean) row.get("serverAliveAndCountedAll") ? "yes" : "NO") + " |\n";
    }
}
