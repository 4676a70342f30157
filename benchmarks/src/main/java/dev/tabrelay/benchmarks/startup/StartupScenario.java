package dev.tabrelay.benchmarks.startup;

import dev.tabrelay.benchmarks.BenchmarkMain;
import dev.tabrelay.benchmarks.Reports;
import dev.tabrelay.benchmarks.RunSettings;
import dev.tabrelay.benchmarks.connections.ServerProcess;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Start-up: wall time from starting the process to the first {@code GET /health} 200, for the server jar
 * ({@code java -jar tabrelay-server.jar --port 0}, temp data dir) as {@code ./tabrelay serve} starts it (with its
 * AppCDS archive, created by one unmeasured start) and without any flag, and for the container image
 * ({@code docker run}, skipped with a message when Docker or the image is missing). Baseline in the same run: a
 * hello-world JVM ({@link Hello}) from start to exit. Variants alternate within each round so they see the same
 * background load. Target: the jar as the launcher starts it, median under {@value #TARGET_SECONDS} s.
 */
public final class StartupScenario implements BenchmarkMain.Scenario {

    public static final double TARGET_SECONDS = 1.5;
    private static final long POLL_NANOS = TimeUnit.MILLISECONDS.toNanos(5);
    private static final long START_TIMEOUT_NANOS = TimeUnit.SECONDS.toNanos(60);

    @Override
    public String description() {
        return "start-up: process start to /health 200 for the jar (launcher flags, plain) and the image vs a hello-world JVM";
    }

    @Override
    public boolean run(RunSettings settings) throws Exception {
        int starts = settings.full() ? 10 * settings.repeat() : Math.max(5, 3 * settings.repeat());
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        Path archiveDir = Files.createTempDirectory("tabrelay-cds");
        List<String> launcherFlags = LauncherFlags.forArchive(archiveDir.resolve("tabrelay-server.jsa"));
        String image = System.getenv().getOrDefault("TABRELAY_IMAGE_NAME", "tabrelay/server:bench");
        String dockerProblem = Docker.problem(image);
        System.out.printf("%n== startup: %d starts of each variant (median), alternating; jar %s ==%n", starts,
                ServerProcess.serverJar());
        System.out.println("launcher flags (as ./tabrelay serve): " + String.join(" ", launcherFlags));
        System.out.println(dockerProblem == null ? "container image: " + image : "container: SKIPPED (" + dockerProblem + ")");
        System.out.printf("load average at start: %.2f (%d CPUs)%n", loadAtStart, Runtime.getRuntime().availableProcessors());

        // One unmeasured start creates the AppCDS archive, as the first ./tabrelay serve after a build does.
        serverStart(launcherFlags);
        if (!Files.exists(archiveDir.resolve("tabrelay-server.jsa"))) {
            System.out.println("note: no CDS archive was written by the training start");
        }
        List<Double> hello = new ArrayList<>();
        List<Double> launcher = new ArrayList<>();
        List<Double> plain = new ArrayList<>();
        List<Double> container = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            for (int i = 1; i <= starts; i++) {
                hello.add(helloStart());
                launcher.add(serverStart(launcherFlags));
                plain.add(serverStart(List.of()));
                if (dockerProblem == null) {
                    container.add(Docker.start(image, http));
                }
                System.out.printf("start %d/%d: hello-world JVM %.3f s | jar (launcher) %.3f s | jar (no flags) %.3f s%s%n",
                        i, starts, last(hello), last(launcher), last(plain),
                        container.isEmpty() ? "" : String.format(" | container %.3f s", last(container)));
            }
        } finally {
            try (var paths = Files.walk(archiveDir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }

        double base = Reports.median(hello);
        List<Map<String, Object>> rows = new ArrayList<>();
        rows.add(row("hello-world JVM (baseline)", "java -cp benchmarks.jar " + Hello.class.getName(), hello, base, false));
        Map<String, Object> target = row("jar, as ./tabrelay serve starts it", "java " + String.join(" ",
                LauncherFlags.forArchive(Path.of("server-helidon/target/tabrelay-server.jsa")))
                + " -jar tabrelay-server.jar --port 0", launcher, base, true);
        rows.add(target);
        rows.add(row("jar, no JVM flags", "java -jar tabrelay-server.jar --port 0", plain, base, false));
        if (!container.isEmpty()) {
            rows.add(row("container image", "docker run -p 127.0.0.1::3025 " + image, container, base, false));
        }
        boolean met = (Boolean) target.get("meetsTarget");
        String table = table(rows) + (dockerProblem == null ? "" : "\ncontainer: skipped (" + dockerProblem + ")\n");
        System.out.println();
        System.out.println(table);
        System.out.printf("target (jar as the launcher starts it: median < %.1f s to /health 200): %s%n", TARGET_SECONDS,
                met ? "MET" : "MISSED");

        if (settings.write()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("scenario", "startup");
            report.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            report.put("command", settings.command().isEmpty() ? "./benchmarks.sh startup" : settings.command());
            Map<String, Object> env = Reports.environment();
            env.put("loadAverageAtStart", Reports.round(loadAtStart, 2));
            report.put("environment", env);
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("startsPerVariant", starts);
            s.put("measured", "ProcessBuilder.start() (or docker run) to the first GET /health 200, polled every 5 ms;"
                    + " baseline: hello-world JVM start to exit");
            s.put("container", dockerProblem == null ? image : "skipped: " + dockerProblem);
            report.put("settings", s);
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("maxSeconds", TARGET_SECONDS);
            t.put("appliesTo", "jar, as ./tabrelay serve starts it");
            t.put("met", met);
            report.put("target", t);
            report.put("baseline", "hello-world JVM (same java), start to exit");
            report.put("results", rows);
            Reports.writeJson(settings.outDir().resolve("startup.json"), report);
            Reports.writeText(settings.outDir().resolve("startup.md"), "# Start-up benchmark\n\n`" + report.get("command")
                    + "` — " + starts + " starts of each variant, alternating, medians. JDK " + env.get("jdk") + ", "
                    + env.get("cpus") + " CPUs; load average " + Reports.fixed(loadAtStart, 2) + " at start, "
                    + env.get("loadAverageAtEnd") + " at end.\n\n"
                    + "- **time** = from starting the process (`ProcessBuilder.start()`, or `docker run`) to the first"
                    + " `GET /health` 200 (polled every 5 ms; the port comes from the `listening on` line, or"
                    + " `docker port`). Each server gets `--port 0` and a fresh temp data dir and is stopped after.\n"
                    + "- **launcher** = the flags `./tabrelay serve` passes: an AppCDS archive that the JVM writes on the"
                    + " first run after a build (`-XX:+AutoCreateSharedArchive`); the benchmark makes it with one"
                    + " unmeasured start.\n"
                    + "- **baseline** = a hello-world JVM (start to exit), same `java`; **x baseline** = median / baseline.\n"
                    + "- Target: the jar as the launcher starts it, median < " + TARGET_SECONDS + " s: **"
                    + (met ? "met" : "missed") + "**.\n\n" + table);
            System.out.println("wrote " + settings.outDir().resolve("startup.json") + " and startup.md");
        }
        return met;
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static double helloStart() throws Exception {
        long start = System.nanoTime();
        Process p = new ProcessBuilder(ServerProcess.javaBinary().toString(), "-cp",
                System.getProperty("java.class.path"), Hello.class.getName()).redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("the hello-world JVM failed");
        }
        return (System.nanoTime() - start) / 1e9;
    }

    /** Seconds from process start to the first /health 200; the server is stopped afterwards. */
    private static double serverStart(List<String> flags) throws Exception {
        long start = System.nanoTime();
        try (ServerProcess server = ServerProcess.start(flags, TimeUnit.NANOSECONDS.toMillis(START_TIMEOUT_NANOS))) {
            awaitHealth(server.port(), start);
            return (System.nanoTime() - start) / 1e9;
        }
    }

    static void awaitHealth(int port, long start) throws Exception {
        URI uri = URI.create("http://127.0.0.1:" + port + "/health");
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build()) {
            awaitHealth(http, uri, start);
        }
    }

    static void awaitHealth(HttpClient http, URI uri, long start) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(2)).build();
        while (true) {
            try {
                if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            if (System.nanoTime() - start > START_TIMEOUT_NANOS) {
                throw new IllegalStateException(uri + " did not answer 200 within 60 s");
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private static Map<String, Object> row(String variant, String command, List<Double> seconds, double base,
                                           boolean isTarget) {
        Map<String, Object> row = new LinkedHashMap<>();
        double median = Reports.median(seconds);
        row.put("variant", variant);
        row.put("command", command);
        row.put("medianSeconds", Reports.round(median, 3));
        row.put("minSeconds", Reports.round(seconds.stream().mapToDouble(Double::doubleValue).min().orElse(0), 3));
        row.put("maxSeconds", Reports.round(seconds.stream().mapToDouble(Double::doubleValue).max().orElse(0), 3));
        row.put("timesBaseline", Reports.round(median / base, 2));
        row.put("starts", seconds.stream().map(v -> Reports.round(v, 3)).toList());
        row.put("meetsTarget", isTarget ? (Object) (median < TARGET_SECONDS) : null);
        return row;
    }

    static String table(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder("| variant | median s | min / max s | x baseline | target (< "
                + TARGET_SECONDS + " s) |\n|---|---:|---:|---:|---|\n");
        for (Map<String, Object> row : rows) {
            out.append("| ").append(row.get("variant"))
                    .append(" | ").append(Reports.fixed(((Number) row.get("medianSeconds")).doubleValue(), 3))
                    .append(" | ").append(Reports.fixed(((Number) row.get("minSeconds")).doubleValue(), 3)).append(" / ")
                    .append(Reports.fixed(((Number) row.get("maxSeconds")).doubleValue(), 3))
                    .append(" | ").append(Reports.fixed(((Number) row.get("timesBaseline")).doubleValue(), 2))
                    .append(" | ").append(row.get("meetsTarget") == null ? "-" : (Boolean) row.get("meetsTarget") ? "met" : "MISSED")
                    .append(" |\n");
        }
        return out.toString();
    }

    /** The JVM flags of {@code ./tabrelay serve} (keep in sync with the launcher script). */
    static final class LauncherFlags {
        private LauncherFlags() {
        }

        static List<String> forArchive(Path archive) {
            return List.of("-XX:SharedArchiveFile=" + archive, "-XX:+AutoCreateSharedArchive", "-Xlog:cds=off",
                    "-Xlog:cds+dynamic=off");
        }
    }

    /** {@code docker run} of the image, timed to the first /health 200 through the published port. */
    static final class Docker {
        private Docker() {
        }

        /** Why the container variant cannot run, or null when it can. */
        static String problem(String image) {
            try {
                if (run(List.of("docker", "info", "--format", "{{.ServerVersion}}")).isBlank()) {
                    return "no Docker engine";
                }
                if (run(List.of("docker", "image", "inspect", "--format", "{{.Id}}", image)).isBlank()) {
                    return "no image " + image + "; build it with ./tabrelay image --tag " + image;
                }
                return null;
            } catch (Exception e) {
                return "Docker is not available: " + e.getMessage();
            }
        }

        static double start(String image, HttpClient http) throws Exception {
            long start = System.nanoTime();
            String id = run(List.of("docker", "run", "-d", "-p", "127.0.0.1::3025", image)).trim();
            try {
                String mapping = run(List.of("docker", "port", id, "3025/tcp")).trim().split("\n")[0];
                int port = Integer.parseInt(mapping.substring(mapping.lastIndexOf(':') + 1).trim());
                awaitHealth(http, URI.create("http://127.0.0.1:" + port + "/health"), start);
                return (System.nanoTime() - start) / 1e9;
            } finally {
                run(List.of("docker", "rm", "-f", id));
            }
        }

        private static String run(List<String> command) throws Exception {
            Process p = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " timed out");
            }
            return p.exitValue() == 0 ? out : "";
        }
    }
}
