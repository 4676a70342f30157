package dev.tabrelay.benchmarks.fanout;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.tabrelay.benchmarks.BenchmarkMain;
import dev.tabrelay.benchmarks.Profiling;
import dev.tabrelay.benchmarks.Reports;
import dev.tabrelay.benchmarks.RunSettings;
import dev.tabrelay.server.RelayServer;
import dev.tabrelay.server.ServerConfig;
import jdk.jfr.Recording;
import okhttp3.Dispatcher;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.Response;
import okhttp3.WebSocket;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Stream;

/**
 * Event fan-out load test (not JMH: it is a socket load test). For each subscriber count it runs, back to back:
 * <ol>
 *   <li>the <b>baseline</b>: a bare Helidon WebSocket echo ({@link EchoServer}) and one OkHttp client sending the
 *       same console-log frames and reading the echoes;</li>
 *   <li>the <b>hub</b>: the real {@link RelayServer} in-process, N MCP subscribers on {@code /mcp-ws} and one
 *       extension on {@code /extension-ws} sending console-log events as fast as the flow control allows.</li>
 * </ol>
 * Both on 127.0.0.1, ephemeral ports, same JVM (the client shares the 2 CPUs with the server, for both).
 * Reported: delivered events/s (all subscribers together), the extension's sent events/s, p50/p99 latency from
 * send to receive, dropped events, and hub delivered/s over echo messages/s. Target: at least {@value #MIN_RATIO}.
 */
public final class FanoutScenario implements BenchmarkMain.Scenario {

    public static final double MIN_RATIO = 0.5;
    static final List<Integer> POINTS = List.of(1, 10, 100, 1000);
    /** Events the sender may be ahead of the slowest receiver; below the relay's default outbound queue (256). */
    static final int WINDOW = Integer.getInteger("tabrelay.fanout.window", 128);
    private static final int SAMPLE_CAPACITY = 4_000_000;
    private static final long CONNECT_TIMEOUT_MS = 10_000;
    private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
    /** Kept strongly reachable so the level sticks (JUL holds loggers weakly). */
    private static final Logger HELIDON_LOG = Logger.getLogger("io.helidon");

    @Override
    public String description() {
        return "relay fan-out: one extension, 1/10/100/1,000 MCP subscribers vs a bare Helidon WebSocket echo (load generator)";
    }

    /** One subscriber count in one run: the baseline and the hub, measured back to back. */
    record PointRun(int subscribers, Measurement.Outcome echo, Measurement.Outcome hub, long serverDropped,
                    long extensionErrors) {
        double ratio() {
            return hub.deliveredPerSecond() / echo.deliveredPerSecond();
        }
    }

    @Override
    public boolean run(RunSettings settings) throws Exception {
        List<Integer> points = settings.filter().isEmpty() ? POINTS
                : settings.filter().stream().map(String::trim).map(Integer::valueOf).toList();
        Measurement.Phase warmup = settings.full() ? new Measurement.Phase(TimeUnit.SECONDS.toNanos(3), 300_000)
                : new Measurement.Phase(TimeUnit.MILLISECONDS.toNanos(1500), 100_000);
        Measurement.Phase measure = settings.full() ? new Measurement.Phase(TimeUnit.SECONDS.toNanos(10), 1_000_000)
                : new Measurement.Phase(TimeUnit.SECONDS.toNanos(5), 200_000);
        HELIDON_LOG.setLevel(Level.WARNING);
        double loadAtStart = ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
        System.out.printf("%n== fanout: subscribers %s, %d run(s); window %d events; warmup %s, measurement %s ==%n",
                points, settings.repeat(), WINDOW, describe(warmup), describe(measure));
        System.out.println("relay config for this benchmark: rate-limit=0 (unlimited; the default 100 frames/s per"
                + " connection would cap the extension at 100 events/s), outbound-queue=256 (default), other settings"
                + " default");
        System.out.printf("load average at start: %.2f (%d CPUs)%n", loadAtStart, Runtime.getRuntime().availableProcessors());

        settings.profilers().stream().filter(p -> !p.equals("jfr")).forEach(p -> System.out.println(
                "fanout: --prof " + p + " ignored (not a JMH benchmark); only --prof jfr is supported"));
        Recording recording = settings.profilers().contains("jfr") ? Profiling.start("fanout") : null;
        LatencySamples samples = new LatencySamples(SAMPLE_CAPACITY);
        FrameSource frames = new FrameSource();
        OkHttpClient http = client();
        List<PointRun> runs = new ArrayList<>();
        try {
            for (int run = 1; run <= settings.repeat(); run++) {
                for (int n : points) {
                    Measurement.Outcome echo = measureEcho(http, frames, warmup, measure, samples);
                    HubOutcome hub = measureHub(http, frames, n, warmup, measure, samples);
                    PointRun point = new PointRun(n, echo, hub.outcome(), hub.serverDropped(), hub.extensionErrors());
                    runs.add(point);
                    printProgress(run, settings.repeat(), point);
                }
            }
        } finally {
            shutdown(http);
            if (recording != null) {
                Profiling.stop(recording, "fanout");
            }
        }

        List<Map<String, Object>> rows = new ArrayList<>();
        boolean met = true;
        for (int n : points) {
            List<PointRun> ofPoint = runs.stream().filter(r -> r.subscribers() == n).toList();
            Map<String, Object> row = row(n, ofPoint);
            met &= (Boolean) row.get("meetsTarget");
            rows.add(row);
        }
        String table = table(rows);
        System.out.println();
        System.out.println(table);
        System.out.printf("target (hub delivered events/s >= %.0f%% of echo messages/s at every point): %s%n",
                MIN_RATIO * 100, met ? "MET" : "MISSED");
        long totalDropped = rows.stream().mapToLong(r -> ((Number) r.get("droppedEvents")).longValue()).sum();
        System.out.println(totalDropped == 0 ? "dropped events: none" : "dropped events: " + totalDropped + " (see table)");

        if (settings.write()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("scenario", "fanout");
            report.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            report.put("command", command(settings));
            report.put("settings", settingsTree(settings, warmup, measure));
            Map<String, Object> env = Reports.environment();
            env.put("loadAverageAtStart", Reports.round(loadAtStart, 2));
            report.put("environment", env);
            Map<String, Object> target = new LinkedHashMap<>();
            target.put("minHubToEchoRatio", MIN_RATIO);
            target.put("appliesTo", "every subscriber count");
            target.put("met", met);
            report.put("target", target);
            report.put("baseline", "bare Helidon " + "4.3.1 WebSocket echo (WebServer + WsRouting, listener sends each text"
                    + " message back), one OkHttp client, same frames and flow control, same JVM and machine");
            report.put("results", rows);
            Reports.writeJson(settings.outDir().resolve("fanout.json"), report);
            Reports.writeText(settings.outDir().resolve("fanout.md"), markdown(settings, warmup, measure, table, met,
                    loadAtStart));
            System.out.println("wrote " + settings.outDir().resolve("fanout.json") + " and fanout.md");
        }
        return met;
    }

    // ---- the two systems under test ---------------------------------------------------------------------------

    private static Measurement.Outcome measureEcho(OkHttpClient http, FrameSource frames, Measurement.Phase warmup,
                                                   Measurement.Phase measure, LatencySamples samples) throws Exception {
        try (EchoServer echo = EchoServer.start()) {
            Receiver receiver = new Receiver("echo client");
            WebSocket socket = http.newWebSocket(new Request.Builder().url(echo.url()).build(), receiver);
            try {
                receiver.awaitOpen(CONNECT_TIMEOUT_MS);
                return Measurement.run(socket, List.of(receiver), frames, warmup, measure, WINDOW, samples, 1);
            } finally {
                close(List.of(socket), List.of(receiver));
            }
        }
    }

    record HubOutcome(Measurement.Outcome outcome, long serverDropped, long extensionErrors) {
    }

    private static HubOutcome measureHub(OkHttpClient http, FrameSource frames, int subscribers,
                                         Measurement.Phase warmup, Measurement.Phase measure,
                                         LatencySamples samples) throws Exception {
        Path dataDir = Files.createTempDirectory("tabrelay-fanout");
        RelayServer server = RelayServer.start(ServerConfig.builder()
                .host("127.0.0.1")
                .port(0)
                .dataDir(dataDir)
                .messagesPerSecond(0) // unlimited: the default 100/s would throttle the extension (said in the output)
                .shutdownGrace(Duration.ofSeconds(2))
                .build());
        List<WebSocket> sockets = new ArrayList<>();
        List<Receiver> listeners = new ArrayList<>();
        try {
            String base = "ws://127.0.0.1:" + server.port();
            List<Receiver> subscriberList = new ArrayList<>();
            for (int i = 0; i < subscribers; i++) {
                Receiver receiver = new Receiver("mcp subscriber " + i);
                sockets.add(http.newWebSocket(request(base + "/mcp-ws", "mcp-server-v1"), receiver));
                listeners.add(receiver);
                subscriberList.add(receiver);
            }
            for (int i = 0; i < subscribers; i++) {
                subscriberList.get(i).awaitOpen(CONNECT_TIMEOUT_MS);
                sockets.get(i).send(frames.subscribeAll("sub-" + i)); // all events; the ack proves it is registered
            }
            for (Receiver receiver : subscriberList) {
                receiver.awaitControl("\"type\":\"ack\"", CONNECT_TIMEOUT_MS);
            }
            Receiver extension = new Receiver("extension");
            WebSocket extensionSocket = http.newWebSocket(request(base + "/extension-ws", "rapidtriage-extension-v1"),
                    extension);
            sockets.add(extensionSocket);
            listeners.add(extension);
            extension.awaitOpen(CONNECT_TIMEOUT_MS);
            extensionSocket.send(frames.connectionInit());
            extension.awaitControl("connection-ack", CONNECT_TIMEOUT_MS);

            Map<String, Object> before = health(http, server);
            int mcp = ((Number) ((Map<?, ?>) before.get("connections")).get("mcp")).intValue();
            if (mcp != subscribers) {
                throw new IllegalStateException("the relay reports " + mcp + " MCP connections, expected " + subscribers);
            }
            Measurement.Outcome outcome = Measurement.run(extensionSocket, subscriberList, frames, warmup, measure,
                    WINDOW, samples, sampleEvery(subscribers));
            Map<String, Object> after = health(http, server);
            long dropped = ((Number) after.get("droppedEvents")).longValue()
                    - ((Number) before.get("droppedEvents")).longValue();
            if (extension.errorFrames() > 0) {
                System.out.println("extension received " + extension.errorFrames() + " error frame(s), e.g. "
                        + extension.pendingControls().stream().filter(t -> t.contains("\"error\"")).findFirst().orElse(""));
            }
            return new HubOutcome(outcome, dropped, extension.errorFrames());
        } finally {
            close(sockets, listeners);
            server.stop();
            deleteTree(dataDir);
        }
    }

    /** Keeps the latency samples of the large points to a few hundred thousand (4M capacity). */
    private static int sampleEvery(int subscribers) {
        return subscribers >= 500 ? 100 : subscribers >= 50 ? 10 : 1;
    }

    private static Request request(String url, String subprotocol) {
        return new Request.Builder().url(url).header("Sec-WebSocket-Protocol", subprotocol).build();
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> health(OkHttpClient http, RelayServer server) throws IOException {
        Request request = new Request.Builder().url("http://127.0.0.1:" + server.port() + "/health").build();
        try (Response response = http.newCall(request).execute()) {
            if (response.code() != 200) {
                throw new IllegalStateException("/health answered " + response.code());
            }
            return (Map<String, Object>) JSON.fromJson(response.body().string());
        }
    }

    private static OkHttpClient client() {
        Dispatcher dispatcher = new Dispatcher();
        // WebSockets hold a dispatcher slot (the default 5 per host is too few): 1,000 subscribers + 1 extension.
        dispatcher.setMaxRequests(2048);
        dispatcher.setMaxRequestsPerHost(2048);
        return new OkHttpClient.Builder()
                .dispatcher(dispatcher)
                .socketFactory(new NoDelaySocketFactory())
                .readTimeout(Duration.ZERO)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    /** Closes with 1000 and waits briefly for the close handshake; cancels whatever does not finish. */
    private static void close(List<WebSocket> sockets, List<Receiver> receivers) {
        sockets.forEach(s -> s.close(1000, "benchmark done"));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int i = 0; i < sockets.size(); i++) {
            try {
                receivers.get(i).closed().get(Math.max(1, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (Exception e) {
                sockets.get(i).cancel();
            }
        }
    }

    private static void shutdown(OkHttpClient http) {
        http.dispatcher().cancelAll();
        http.dispatcher().executorService().shutdown();
        http.connectionPool().evictAll();
        try {
            http.dispatcher().executorService().awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    // ---- reporting ----------------------------------------------------------------------------------------------

    private static void printProgress(int run, int runs, PointRun p) {
        Measurement.Outcome e = p.echo();
        Measurement.Outcome h = p.hub();
        System.out.printf("run %d/%d, %3d subscriber(s): echo %s msg/s (p50 %s ms, p99 %s ms) | hub sent %s ev/s,"
                        + " delivered %s ev/s (p50 %s ms, p99 %s ms), lost %d, server dropped %d | hub/echo %.2f%s%n",
                run, runs, p.subscribers(), Reports.ops(e.deliveredPerSecond()), ms(e.latency().p50()),
                ms(e.latency().p99()), Reports.ops(h.sentPerSecond()), Reports.ops(h.deliveredPerSecond()),
                ms(h.latency().p50()), ms(h.latency().p99()), h.expected() - h.delivered(), p.serverDropped(),
                p.ratio(), h.drained() && e.drained() ? "" : "  (NOT DRAINED: some receiver stalled)");
    }

    private static Map<String, Object> row(int n, List<PointRun> runs) {
        List<Double> sent = runs.stream().map(r -> r.hub().sentPerSecond()).toList();
        List<Double> delivered = runs.stream().map(r -> r.hub().deliveredPerSecond()).toList();
        List<Double> echo = runs.stream().map(r -> r.echo().deliveredPerSecond()).toList();
        List<Double> ratios = runs.stream().map(PointRun::ratio).toList();
        double ratio = Reports.median(ratios);
        long lost = runs.stream().mapToLong(r -> r.hub().expected() - r.hub().delivered()).sum();
        long serverDropped = runs.stream().mapToLong(PointRun::serverDropped).sum();
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("subscribers", n);
        row.put("extensionSentEventsPerSec", Math.round(Reports.median(sent)));
        row.put("hubDeliveredEventsPerSec", Math.round(Reports.median(delivered)));
        row.put("hubLatencyP50Ms", Reports.round(medianMs(runs, r -> r.hub().latency().p50()), 3));
        row.put("hubLatencyP99Ms", Reports.round(medianMs(runs, r -> r.hub().latency().p99()), 3));
        row.put("echoMessagesPerSec", Math.round(Reports.median(echo)));
        row.put("echoLatencyP50Ms", Reports.round(medianMs(runs, r -> r.echo().latency().p50()), 3));
        row.put("echoLatencyP99Ms", Reports.round(medianMs(runs, r -> r.echo().latency().p99()), 3));
        row.put("ratioHubToEcho", Reports.round(ratio, 3));
        row.put("meetsTarget", ratio >= MIN_RATIO);
        row.put("droppedEvents", Math.max(lost, serverDropped));
        row.put("runs", runs.stream().map(FanoutScenario::runTree).toList());
        return row;
    }

    private static double medianMs(List<PointRun> runs, java.util.function.ToLongFunction<PointRun> nanos) {
        return Reports.median(runs.stream().map(r -> nanos.applyAsLong(r) / 1e6).toList());
    }

    private static Map<String, Object> runTree(PointRun p) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("echo", outcomeTree(p.echo()));
        Map<String, Object> hub = outcomeTree(p.hub());
        hub.put("serverDroppedEvents", p.serverDropped());
        hub.put("extensionErrorFrames", p.extensionErrors());
        tree.put("hub", hub);
        tree.put("ratioHubToEcho", Reports.round(p.ratio(), 3));
        return tree;
    }

    private static Map<String, Object> outcomeTree(Measurement.Outcome o) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("receivers", o.receivers());
        tree.put("sent", o.sent());
        tree.put("sendSeconds", Reports.round(o.sendSeconds(), 3));
        tree.put("sentPerSec", Math.round(o.sentPerSecond()));
        tree.put("delivered", o.delivered());
        tree.put("expected", o.expected());
        tree.put("deliverySeconds", Reports.round(o.deliverySeconds(), 3));
        tree.put("deliveredPerSec", Math.round(o.deliveredPerSecond()));
        tree.put("sequenceGaps", o.gaps());
        tree.put("droppedNotified", o.droppedNotified());
        tree.put("reordered", o.reordered());
        tree.put("receiverErrorFrames", o.receiverErrors());
        tree.put("drained", o.drained());
        Map<String, Object> latency = new LinkedHashMap<>();
        latency.put("samples", o.latency().count());
        latency.put("sampleEvery", o.sampleEvery());
        latency.put("truncated", o.samplesTruncated());
        latency.put("p50Ms", Reports.round(o.latency().p50() / 1e6, 3));
        latency.put("p99Ms", Reports.round(o.latency().p99() / 1e6, 3));
        latency.put("p999Ms", Reports.round(o.latency().p999() / 1e6, 3));
        latency.put("maxMs", Reports.round(o.latency().max() / 1e6, 3));
        tree.put("latency", latency);
        return tree;
    }

    static String table(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| subscribers | extension sent events/s | hub delivered events/s | hub p50 / p99 ms"
                + " | echo msgs/s | echo p50 / p99 ms | hub/echo | dropped | target (>= 0.5) |\n");
        out.append("|---:|---:|---:|---:|---:|---:|---:|---:|---|\n");
        for (Map<String, Object> row : rows) {
            out.append("| ").append(row.get("subscribers"))
                    .append(" | ").append(Reports.ops(num(row, "extensionSentEventsPerSec")))
                    .append(" | ").append(Reports.ops(num(row, "hubDeliveredEventsPerSec")))
                    .append(" | ").append(Reports.fixed(num(row, "hubLatencyP50Ms"), 2)).append(" / ")
                    .append(Reports.fixed(num(row, "hubLatencyP99Ms"), 2))
                    .append(" | ").append(Reports.ops(num(row, "echoMessagesPerSec")))
                    .append(" | ").append(Reports.fixed(num(row, "echoLatencyP50Ms"), 2)).append(" / ")
                    .append(Reports.fixed(num(row, "echoLatencyP99Ms"), 2))
                    .append(" | ").append(Reports.fixed(num(row, "ratioHubToEcho"), 2))
                    .append(" | ").append(Math.round(num(row, "droppedEvents")))
                    .append(" | ").append((Boolean) row.get("meetsTarget") ? "met" : "MISSED")
                    .append(" |\n");
        }
        return out.toString();
    }

    private static double num(Map<String, Object> row, String key) {
        return ((Number) row.get(key)).doubleValue();
    }

    private static String ms(long nanos) {
        return Reports.fixed(nanos / 1e6, 2);
    }

    private static String describe(Measurement.Phase phase) {
        return Reports.fixed(phase.nanos() / 1e9, 1) + " s or " + Reports.ops(phase.maxEvents()) + " events";
    }

    private static String command(RunSettings s) {
        return s.command().isEmpty() ? "./benchmarks.sh fanout" : s.command();
    }

    private static Map<String, Object> settingsTree(RunSettings s, Measurement.Phase warmup, Measurement.Phase measure) {
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("subscriberCounts", "as in results");
        tree.put("repeat", s.repeat());
        tree.put("warmup", describe(warmup) + ", whichever first (not measured)");
        tree.put("measurement", describe(measure) + " sent by the extension, whichever first");
        tree.put("window", WINDOW + " events ahead of the slowest receiver at most; when full, the sender waits until"
                + " half is free (same for hub and echo)");
        tree.put("clientQueueLimitBytes", Measurement.MAX_CLIENT_QUEUE_BYTES);
        Map<String, Object> relay = new LinkedHashMap<>();
        relay.put("rate-limit", "0 = unlimited (default 100 frames/s per connection would cap the extension at"
                + " 100 events/s)");
        relay.put("outbound-queue", "256 (default)");
        relay.put("other", "defaults");
        tree.put("relayConfig", relay);
        tree.put("sockets", "OkHttp clients with TCP_NODELAY (as browsers); the relay keeps Helidon's default"
                + " (TCP_NODELAY off); the echo sets TCP_NODELAY (with Nagle it sometimes stalled for seconds)");
        tree.put("aggregate", "per subscriber count: median over runs; ratio: median of per-run hub/echo (echo and hub"
                + " run back to back); dropped: sum over runs");
        return tree;
    }

    private static String markdown(RunSettings s, Measurement.Phase warmup, Measurement.Phase measure, String table,
                                   boolean met, double loadAtStart) {
        Map<String, Object> env = Reports.environment();
        return "# Fan-out benchmark\n\n"
                + "`" + command(s) + "` — load generator (not JMH), " + s.repeat() + " run(s)"
                + (s.repeat() > 1 ? ", medians" : "") + "; per point and system: warmup " + describe(warmup)
                + ", measurement " + describe(measure) + " (whichever first).\n"
                + "JDK " + env.get("jdk") + " (" + env.get("vm") + "), " + env.get("cpus") + " CPUs, " + env.get("os")
                + "; load average " + Reports.fixed(loadAtStart, 2) + " at start, " + env.get("loadAverageAtEnd")
                + " at end. Server and clients share the machine (same JVM).\n\n"
                + "- **hub** = the real `RelayServer` in-process on 127.0.0.1: one extension on `/extension-ws`"
                + " (after `connection-init`) sends `console-log` events; N MCP clients on `/mcp-ws` (subscribed to"
                + " all) receive them. Relay config: **`rate-limit=0` (unlimited) for this benchmark** — the default"
                + " 100 frames/s per connection would cap the extension at 100 events/s; `outbound-queue=256` (default).\n"
                + "- **echo** = bare Helidon WebSocket echo (WebServer + WsRouting, listener sends each message back),"
                + " one OkHttp client, the same frames. The relay keeps Helidon's socket defaults (`TCP_NODELAY` off);"
                + " the echo sets `TCP_NODELAY` (with Nagle it sometimes stalled for seconds, flattering the hub);"
                + " the OkHttp clients set `TCP_NODELAY`, as browsers do.\n"
                + "- **flow control** (both): at most " + WINDOW + " events ahead of the slowest receiver; when full the"
                + " sender sleeps until half the window is free; OkHttp's send queue kept under 256 KiB.\n"
                + "- **hub delivered events/s** = deliveries to all subscribers together / time from measurement start"
                + " to the last delivery; **extension sent events/s** = events sent per second; **latency** ="
                + " receive nanoTime - send nanoTime (taken before encoding; same process).\n"
                + "- **hub/echo** = hub delivered events/s / echo messages/s (median of per-run ratios). Target:"
                + " >= " + MIN_RATIO + " at every point: **" + (met ? "met" : "missed") + "**.\n"
                + "- **dropped** = events not delivered (sequence gaps or the relay's `droppedEvents` in `/health`,"
                + " whichever is larger), summed over runs.\n\n"
                + table;
    }
}
