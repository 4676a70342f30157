package dev.tabrelay.benchmarks.chat;

import dev.tabrelay.benchmarks.fanout.LatencySamples;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The HTTP side of the chat benchmark: one JDK {@link HttpClient} (HTTP/1.1, keep-alive; it opens as many
 * connections as there are requests in flight) driven either closed-loop (N workers, each sends its next request
 * when the last one finished: the maximum rate at that concurrency) or open-loop (requests start on a fixed
 * schedule whatever happens to earlier ones; latency counts from the scheduled start, so a stall is not hidden).
 * Every response is checked (status 200 and the expected body); failures are counted and reported.
 */
final class HttpLoad implements AutoCloseable {

    /** What one request does. */
    enum Kind { TRIVIAL, PLAIN, STREAMED }

    /**
     * One timed pass. Latencies in ns: {@code total} to the last byte, {@code first} to the first SSE chunk;
     * plain requests only: {@code toTab} until the tab had the request, {@code fromTab} from then to the last byte.
     * {@code cost}: CPU time and collections of the relay's JVM and of this one (tabs and client) during the pass;
     * CPU per request is a cost measure that background load on a shared machine hardly moves, unlike req/s.
     */
    record Result(long completed, long failed, double seconds, LatencySamples.Summary total,
                  LatencySamples.Summary first, LatencySamples.Summary toTab, LatencySamples.Summary fromTab,
                  String firstFailure, Costs.Reading cost) {
        double perSecond() {
            return seconds <= 0 ? 0 : completed / seconds;
        }

        /** CPU of both processes (relay, tabs and client) per request. */
        double cpuMicrosPerRequest() {
            return perRequest(cost.totalCpuNanos());
        }

        /** CPU of the relay's process alone per request. */
        double relayCpuMicrosPerRequest() {
            return perRequest(cost.relayCpuNanos());
        }

        private double perRequest(long nanos) {
            return completed + failed == 0 ? 0 : nanos / 1e3 / (completed + failed);
        }
    }

    private static final long REQUEST_TIMEOUT_S = 10;

    private final Costs costs;
    /** Numbers the plain requests; the tabs of this load stamp them ({@link TabSet#connect}). */
    private final TabArrivals arrivals = new TabArrivals();
    private final HttpClient http;
    private final ExecutorService httpExecutor;
    private final URI health;
    private final URI completions;
    private final HttpRequest.BodyPublisher streamBody;
    private final int sampleCapacity;

    HttpLoad(String baseHttp, int sampleCapacity, Costs costs) {
        this.costs = costs;
        httpExecutor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-http");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpExecutor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        health = URI.create(baseHttp + "/health");
        completions = URI.create(baseHttp + "/v1/chat/completions");
        streamBody = HttpRequest.BodyPublishers.ofString(body(FakeTab.STREAMED_PROMPT));
        this.sampleCapacity = sampleCapacity;
    }

    private static String body(String prompt) {
        boolean stream = prompt.equals(FakeTab.STREAMED_PROMPT);
        return "{\"model\":\"" + FakeTab.MODEL + "\",\"stream\":" + stream + ",\"messages\":[{\"role\":\"user\",\"content\":\""
                + prompt + "\"}]}";
    }

    /** What one kind's measured slices add up to. */
    private final class Pass {
        final Kind kind;
        final LatencySamples totals = new LatencySamples(sampleCapacity);
        final LatencySamples firsts = new LatencySamples(sampleCapacity);
        final LatencySamples toTab = new LatencySamples(sampleCapacity);
        final LatencySamples fromTab = new LatencySamples(sampleCapacity);
        final AtomicLong completed = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
        long nanos;
        Costs.Reading cost = Costs.Reading.ZERO;

        Pass(Kind kind) {
            this.kind = kind;
        }

        void ok(long startNanos, long doneNanos) {
            totals.add(doneNanos - startNanos);
            completed.incrementAndGet();
        }

        /** A plain request's two halves, split where its tab got it ({@code arrival} 0: not recorded). */
        void split(long startNanos, long arrival, long doneNanos) {
            if (arrival != 0) {
                toTab.add(arrival - startNanos);
                fromTab.add(doneNanos - arrival);
            }
        }

        void failed(String why) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, why);
        }

        Result result() {
            return new Result(completed.get(), failed.get(), nanos / 1e9, totals.summarize(),
                    kind == Kind.STREAMED ? firsts.summarize() : null,
                    kind == Kind.PLAIN ? toTab.summarize() : null, kind == Kind.PLAIN ? fromTab.summarize() : null,
                    firstFailure.get(), cost);
        }
    }

    /**
     * Closed loops of {@code workers} for each kind: a warmup of {@code warmup} per kind, then {@code measure} per
     * kind cut into {@code slices} slices that take turns (A, B, A, B, ...). Kinds compared with each other are so
     * measured over the same seconds: the VM's speed drifts by 2× over minutes, which made one kind measured
     * before the other a coin flip. The heaps are collected before every slice ({@link Costs#settle}).
     */
    Map<Kind, Result> closedLoops(List<Kind> kinds, int workers, Duration warmup, Duration measure, int slices)
            throws InterruptedException {
        for (Kind kind : kinds) {
            runClosed(kind, workers, warmup, null);
        }
        return sliced(kinds, measure, slices, (kind, slice, pass) -> runClosed(kind, workers, slice, pass));
    }

    /**
     * An open loop of {@code measured} requests at {@code perSecond} and, in the same window on a schedule of its
     * own, {@code baseline} requests at {@code perSecond * baselineShare}. Both see the same load and the same
     * machine: a stall of the machine (this VM's vCPUs stop for 2-5 ms a few times a second even when idle, and
     * for 10-30 ms under load) lands in both and cancels out of their difference, where a baseline measured in a
     * window of its own caught other stalls than the measured kind and made the difference a coin flip. Each
     * request runs on its own virtual thread and its latency counts from its scheduled start. A warmup of the
     * same shape comes first; the heaps are collected before the window.
     */
    Map<Kind, Result> openMixed(Kind measured, Kind baseline, double perSecond, double baselineShare, Duration warmup,
                                Duration measure) throws InterruptedException {
        mixedWindow(measured, baseline, perSecond, baselineShare, warmup, null, null);
        Pass measuredPass = new Pass(measured);
        Pass baselinePass = new Pass(baseline);
        costs.settle();
        Costs.Reading before = costs.now();
        long start = System.nanoTime();
        mixedWindow(measured, baseline, perSecond, baselineShare, measure, measuredPass, baselinePass);
        long nanos = System.nanoTime() - start;
        Costs.Reading cost = costs.now().minus(before);
        Map<Kind, Result> results = new EnumMap<>(Kind.class);
        for (Pass pass : List.of(measuredPass, baselinePass)) {
            pass.nanos = nanos;
            pass.cost = cost; // one window: both kinds report the whole window's costs
            results.put(pass.kind, pass.result());
        }
        return results;
    }

    private void mixedWindow(Kind measured, Kind baseline, double perSecond, double baselineShare, Duration length,
                             Pass measuredPass, Pass baselinePass) throws InterruptedException {
        AtomicReference<InterruptedException> interrupted = new AtomicReference<>();
        Thread baselineSchedule = Thread.ofPlatform().name("bench-baseline-schedule").start(() -> {
            try {
                runOpen(baseline, perSecond * baselineShare, length, baselinePass);
            } catch (InterruptedException e) {
                interrupted.set(e);
            }
        });
        runOpen(measured, perSecond, length, measuredPass);
        baselineSchedule.join();
        if (interrupted.get() != null) {
            throw interrupted.get();
        }
    }

    private interface Slice {
        void run(Kind kind, Duration length, Pass pass) throws InterruptedException;
    }

    private Map<Kind, Result> sliced(List<Kind> kinds, Duration measure, int slices, Slice slice)
            throws InterruptedException {
        Map<Kind, Pass> passes = new EnumMap<>(Kind.class);
        kinds.forEach(kind -> passes.put(kind, new Pass(kind)));
        Duration length = measure.dividedBy(slices);
        for (int i = 0; i < slices; i++) {
            for (Kind kind : kinds) {
                costs.settle(); // every slice starts from collected heaps, so no kind gets another's pauses
                Pass pass = passes.get(kind);
                Costs.Reading before = costs.now();
                long start = System.nanoTime();
                slice.run(kind, length, pass);
                pass.nanos += System.nanoTime() - start;
                pass.cost = pass.cost.plus(costs.now().minus(before));
            }
        }
        Map<Kind, Result> results = new EnumMap<>(Kind.class);
        passes.forEach((kind, pass) -> results.put(kind, pass.result()));
        return results;
    }

    /** {@code workers} loops for {@code length}, each sending its next request when its last one finished. */
    private void runClosed(Kind kind, int workers, Duration length, Pass pass) throws InterruptedException {
        long end = System.nanoTime() + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofVirtual().name("bench-client-" + i).start(() -> {
                while (System.nanoTime() < end) {
                    one(kind, System.nanoTime(), pass);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(REQUEST_TIMEOUT_S) + length.toMillis() + 5_000);
        }
    }

    /** {@code perSecond} requests a second on a fixed schedule for {@code length}, each on its own virtual thread. */
    private void runOpen(Kind kind, double perSecond, Duration length, Pass pass) throws InterruptedException {
        long count = Math.max(1, Math.round(perSecond * length.toNanos() / 1e9));
        double interval = 1e9 / perSecond;
        long start = System.nanoTime();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long scheduled = start + Math.round(i * interval);
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                requests.execute(() -> one(kind, scheduled, pass));
            }
        } // close() waits for the last requests (each is bounded by REQUEST_TIMEOUT_S)
    }

    TabArrivals arrivals() {
        return arrivals;
    }

    /** One request; counted into {@code pass} unless it is null (warmup). */
    private void one(Kind kind, long startNanos, Pass pass) {
        try {
            long seq = kind == Kind.PLAIN ? arrivals.next() : 0;
            String problem = switch (kind) {
                case TRIVIAL -> trivial();
                case PLAIN -> plain(seq);
                case STREAMED -> streamed(startNanos, pass);
            };
            long done = System.nanoTime();
            if (pass == null) {
                return;
            }
            if (problem != null) {
                pass.failed(problem);
            } else {
                pass.ok(startNanos, done);
                if (kind == Kind.PLAIN) {
                    pass.split(startNanos, arrivals.arrivalOf(seq), done);
                }
            }
        } catch (Exception e) {
            if (pass != null) {
                pass.failed(e.toString());
            }
        }
    }

    private String trivial() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(timeout()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? null : "GET /health: " + response.statusCode() + " " + response.body();
    }

    /** The prompt carries {@code seq}, so the tab can stamp its arrival ({@link TabArrivals}). */
    private String plain(long seq) throws Exception {
        HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.ofString(body(FakeTab.PLAIN_PROMPT + " #" + seq));
        HttpResponse<String> response = http.send(post(body), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains(FakeTab.ANSWER)) {
            return "POST /v1/chat/completions: " + response.statusCode() + " " + response.body();
        }
        return null;
    }

    /** Reads the SSE stream line by line: the first {@code data:} line is the first chunk; EOF is the last byte. */
    private String streamed(long startNanos, Pass pass) throws Exception {
        HttpResponse<InputStream> response = http.send(post(streamBody), HttpResponse.BodyHandlers.ofInputStream());
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            if (response.statusCode() != 200) {
                return "stream: status " + response.statusCode();
            }
            int events = 0;
            boolean done = false;
            String line;
            while ((line = lines.readLine()) != null) {
                if (line.startsWith("data: ")) {
                    if (events++ == 0 && pass != null) {
                        pass.firsts.add(System.nanoTime() - startNanos);
                    }
                    done |= line.equals("data: [DONE]");
                }
            }
            // role+first delta, two more deltas, the finish chunk, [DONE]
            int expected = FakeTab.DELTAS + 2;
            return done && events == expected ? null : "stream: " + events + " data events (expected " + expected
                    + "), [DONE] " + (done ? "seen" : "missing");
        }
    }

    private HttpRequest post(HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(completions).timeout(timeout()).header("Content-Type", "application/json")
                .POST(body).build();
    }

    private static Duration timeout() {
        return Duration.ofSeconds(REQUEST_TIMEOUT_S);
    }

    @Override
    public void close() {
        http.shutdownNow();
        httpExecutor.shutdownNow();
    }
}
