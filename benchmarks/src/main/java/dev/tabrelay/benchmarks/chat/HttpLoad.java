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
import java.util.List;
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
     * One timed pass. Latencies in ns: {@code total} to the last byte, {@code first} to the first SSE chunk.
     * {@code cpuNanos}: CPU time of this whole process (relay, tabs and client) during the pass; per request it
     * is a cost measure that background load on a shared machine hardly moves, unlike req/s.
     */
    record Result(long completed, long failed, double seconds, LatencySamples.Summary total,
                  LatencySamples.Summary first, String firstFailure, long cpuNanos, GcPauses.Delta gc) {
        double perSecond() {
            return seconds <= 0 ? 0 : completed / seconds;
        }

        double cpuMicrosPerRequest() {
            return completed + failed == 0 ? 0 : cpuNanos / 1e3 / (completed + failed);
        }
    }

    private static final com.sun.management.OperatingSystemMXBean OS =
            (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean();

    private static final long REQUEST_TIMEOUT_S = 10;

    private final HttpClient http;
    private final ExecutorService httpExecutor;
    private final URI health;
    private final URI completions;
    private final HttpRequest.BodyPublisher plainBody;
    private final HttpRequest.BodyPublisher streamBody;
    private final LatencySamples totals;
    private final LatencySamples firsts;

    HttpLoad(String baseHttp, int sampleCapacity) {
        httpExecutor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "bench-http");
            t.setDaemon(true);
            return t;
        });
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).executor(httpExecutor)
                .connectTimeout(Duration.ofSeconds(5)).build();
        health = URI.create(baseHttp + "/health");
        completions = URI.create(baseHttp + "/v1/chat/completions");
        plainBody = HttpRequest.BodyPublishers.ofString(body(false));
        streamBody = HttpRequest.BodyPublishers.ofString(body(true));
        totals = new LatencySamples(sampleCapacity);
        firsts = new LatencySamples(sampleCapacity);
    }

    private static String body(boolean stream) {
        return "{\"model\":\"" + FakeTab.MODEL + "\",\"stream\":" + stream
                + ",\"messages\":[{\"role\":\"user\",\"content\":\"Say hello to the benchmark.\"}]}";
    }

    /**
     * {@code workers} loops for {@code warmup}, then for {@code measure}; only the second is counted. The heap is
     * collected in between, so every measured pass starts from the same heap state ({@link GcPauses#settle}).
     */
    Result closedLoop(Kind kind, int workers, Duration warmup, Duration measure) throws InterruptedException {
        runClosed(kind, workers, warmup, false);
        GcPauses.settle();
        return runClosed(kind, workers, measure, true);
    }

    private Result runClosed(Kind kind, int workers, Duration length, boolean record) throws InterruptedException {
        totals.reset();
        firsts.reset();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        GcPauses.Snapshot gc = GcPauses.now();
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        long end = start + length.toNanos();
        List<Thread> threads = new ArrayList<>();
        for (int i = 0; i < workers; i++) {
            threads.add(Thread.ofVirtual().name("bench-client-" + i).start(() -> {
                while (System.nanoTime() < end) {
                    one(kind, System.nanoTime(), record, completed, failed, firstFailure);
                }
            }));
        }
        for (Thread t : threads) {
            t.join(TimeUnit.SECONDS.toMillis(REQUEST_TIMEOUT_S) + length.toMillis() + 5_000);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(completed.get(), failed.get(), seconds, totals.summarize(),
                kind == Kind.STREAMED ? firsts.summarize() : null, firstFailure.get(), OS.getProcessCpuTime() - cpu, gc.since());
    }

    /**
     * Starts {@code perSecond} requests a second on a fixed schedule for {@code length} (after a warmup at the same
     * rate), each on its own virtual thread; latency from the scheduled start.
     */
    Result openLoop(Kind kind, double perSecond, Duration warmup, Duration length) throws InterruptedException {
        runOpen(kind, perSecond, warmup, false);
        GcPauses.settle();
        return runOpen(kind, perSecond, length, true);
    }

    private Result runOpen(Kind kind, double perSecond, Duration length, boolean record) throws InterruptedException {
        totals.reset();
        firsts.reset();
        AtomicLong completed = new AtomicLong();
        AtomicLong failed = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        long count = Math.max(1, Math.round(perSecond * length.toNanos() / 1e9));
        double interval = 1e9 / perSecond;
        GcPauses.Snapshot gc = GcPauses.now();
        long cpu = OS.getProcessCpuTime();
        long start = System.nanoTime();
        try (ExecutorService requests = Executors.newVirtualThreadPerTaskExecutor()) {
            for (long i = 0; i < count; i++) {
                long scheduled = start + Math.round(i * interval);
                long wait = scheduled - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                requests.execute(() -> one(kind, scheduled, record, completed, failed, firstFailure));
            }
        } // close() waits for the last requests (each is bounded by REQUEST_TIMEOUT_S)
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(completed.get(), failed.get(), seconds, totals.summarize(),
                kind == Kind.STREAMED ? firsts.summarize() : null, firstFailure.get(), OS.getProcessCpuTime() - cpu, gc.since());
    }

    private void one(Kind kind, long startNanos, boolean record, AtomicLong completed, AtomicLong failed,
                     AtomicReference<String> firstFailure) {
        try {
            String problem = switch (kind) {
                case TRIVIAL -> trivial();
                case PLAIN -> plain();
                case STREAMED -> streamed(startNanos, record);
            };
            long done = System.nanoTime();
            if (problem != null) {
                failed.incrementAndGet();
                firstFailure.compareAndSet(null, problem);
                return;
            }
            if (record) {
                totals.add(done - startNanos);
                completed.incrementAndGet();
            }
        } catch (Exception e) {
            failed.incrementAndGet();
            firstFailure.compareAndSet(null, e.toString());
        }
    }

    private String trivial() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(health).timeout(timeout()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        return response.statusCode() == 200 ? null : "GET /health: " + response.statusCode() + " " + response.body();
    }

    private String plain() throws Exception {
        HttpResponse<String> response = http.send(post(plainBody), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains(FakeTab.ANSWER)) {
            return "POST /v1/chat/completions: " + response.statusCode() + " " + response.body();
        }
        return null;
    }

    /** Reads the SSE stream line by line: the first {@code data:} line is the first chunk; EOF is the last byte. */
    private String streamed(long startNanos, boolean record) throws Exception {
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
                    if (events++ == 0 && record) {
                        firsts.add(System.nanoTime() - startNanos);
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
