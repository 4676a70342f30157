package dev.tabrelay.benchmarks.chat;

import dev.tabrelay.benchmarks.Reports;
import dev.tabrelay.benchmarks.connections.RemoteJvm;
import dev.tabrelay.benchmarks.connections.ServerProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Two builds of the relay measured side by side: each jar runs in its own JVM with {@value #TABS} tabs, and
 * closed-loop slices of {@code GET /health} and plain chat alternate between the two within the same seconds.
 * On a shared VM the same jar measured 90 and 158 µs of relay CPU per request in two runs minutes apart, so a
 * change worth a few percent can only be seen against its "before" running at the same time.
 * {@code ./benchmarks.sh compare BEFORE.jar AFTER.jar [--repeat ROUNDS]}; prints only.
 */
public final class RelayComparison {

    static final int TABS = 64;
    private static final Duration ROUND = Duration.ofSeconds(2);
    private static final int WARMUP_ROUNDS = 10;
    private static final List<HttpLoad.Kind> KINDS = List.of(HttpLoad.Kind.TRIVIAL, HttpLoad.Kind.PLAIN);

    /** One build under test and what it has measured so far. */
    private static final class Side implements AutoCloseable {
        final String label;
        final ServerProcess relay;
        final RemoteJvm jvm;
        final HttpLoad load;
        final TabSet tabs;
        final List<Double> ratios = new ArrayList<>();
        final List<Double> plainCpu = new ArrayList<>();
        final List<Double> trivialCpu = new ArrayList<>();
        final List<Double> plainRate = new ArrayList<>();

        Side(String label, Path jar) throws Exception {
            this.label = label;
            relay = ServerProcess.start(jar, ChatScenario.relayJvm(), ChatScenario.RELAY_OPTIONS, 60_000);
            jvm = RemoteJvm.attach(relay.pid());
            String base = "127.0.0.1:" + relay.port();
            load = new HttpLoad("http://" + base, 1 << 20, new Costs(jvm));
            tabs = TabSet.connect(base, TABS, load.arrivals());
        }

        Map<HttpLoad.Kind, HttpLoad.Result> round() throws InterruptedException {
            return load.closedLoops(KINDS, TABS, Duration.ZERO, ROUND, KINDS.size());
        }

        void record(Map<HttpLoad.Kind, HttpLoad.Result> results) {
            HttpLoad.Result plain = results.get(HttpLoad.Kind.PLAIN);
            HttpLoad.Result trivial = results.get(HttpLoad.Kind.TRIVIAL);
            ratios.add(plain.perSecond() / trivial.perSecond());
            plainCpu.add(plain.relayCpuMicrosPerRequest());
            trivialCpu.add(trivial.relayCpuMicrosPerRequest());
            plainRate.add(plain.perSecond());
        }

        @Override
        public void close() throws Exception {
            tabs.close();
            load.close();
            jvm.close();
            relay.close();
        }
    }

    private RelayComparison() {
    }

    /** {@code before.jar after.jar [rounds]}; exit 2 on bad arguments. */
    public static void main(String[] args) throws Exception {
        if (args.length < 2 || args.length > 3) {
            System.err.println("usage: RelayComparison BEFORE.jar AFTER.jar [ROUNDS (default 10)]");
            System.exit(2);
        }
        Path before = Path.of(args[0]);
        Path after = Path.of(args[1]);
        for (Path jar : List.of(before, after)) {
            if (!Files.isRegularFile(jar)) {
                System.err.println("benchmarks: no server jar at " + jar.toAbsolutePath());
                System.exit(2);
            }
        }
        int rounds = args.length == 3 ? Integer.parseInt(args[2]) : 10;
        System.out.printf("== compare: %s (A) vs %s (B), %d tabs each, %d warm-up + %d measured rounds of %.0f s"
                + " per build, alternating ==%n", before, after, TABS, WARMUP_ROUNDS, rounds, ROUND.toMillis() / 1e3);
        try (Side a = new Side("A", before); Side b = new Side("B", after)) {
            for (int i = 0; i < WARMUP_ROUNDS; i++) { // both JVMs start cold
                a.round();
                b.round();
            }
            for (int i = 1; i <= rounds; i++) {
                // A first in odd rounds, B first in even ones: neither always follows the other's load
                List<Side> order = i % 2 == 1 ? List.of(a, b) : List.of(b, a);
                for (Side side : order) {
                    side.record(side.round());
                }
                System.out.printf("round %d: ratio A %.3f / B %.3f; relay CPU µs per plain request A %.1f / B %.1f%n", i,
                        last(a.ratios), last(b.ratios), last(a.plainCpu), last(b.plainCpu));
            }
            System.out.println();
            System.out.println("| build | plain req/s | relayed/trivial | relay CPU µs/req plain / trivial |");
            System.out.println("|---|---:|---:|---:|");
            for (Side side : List.of(a, b)) {
                System.out.printf("| %s | %s | %.3f | %.1f / %.1f |%n", side.label, Reports.ops(Reports.median(side.plainRate)),
                        Reports.median(side.ratios), Reports.median(side.plainCpu), Reports.median(side.trivialCpu));
            }
            System.out.printf("%nB vs A (medians of %d rounds): ratio %+.1f%%, relay CPU per plain request %+.1f%%%n",
                    rounds, change(a.ratios, b.ratios), change(a.plainCpu, b.plainCpu));
        }
    }

    private static double last(List<Double> values) {
        return values.get(values.size() - 1);
    }

    private static double change(List<Double> a, List<Double> b) {
        return (Reports.median(b) / Reports.median(a) - 1) * 100;
    }
}
