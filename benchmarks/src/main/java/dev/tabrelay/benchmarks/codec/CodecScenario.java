package dev.tabrelay.benchmarks.codec;

import dev.tabrelay.benchmarks.BenchmarkMain;
import dev.tabrelay.benchmarks.Reports;
import dev.tabrelay.benchmarks.RunSettings;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.annotations.Mode;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@link CodecBenchmark} through the JMH Runner API and reports, per frame kind and operation, the typed
 * codec's ops/s, the Map baseline's ops/s and their ratio. Target: typed decode+validate costs at most
 * {@value #MAX_DECODE_COST}x the baseline, i.e. typed ops/s &ge; baseline ops/s / {@value #MAX_DECODE_COST}.
 */
public final class CodecScenario implements BenchmarkMain.Scenario {

    public static final double MAX_DECODE_COST = 1.5;
    static final List<String> FRAMES = List.of("console-log", "network-request", "CHAT_RESPONSE_CHUNK");
    private static final List<String> OPERATIONS = List.of("decode", "encode");

    @Override
    public String description() {
        return "FrameCodec decode+validate and encode vs plain Moshi Map, per frame kind (JMH)";
    }

    @Override
    public boolean run(RunSettings settings) throws Exception {
        List<String> frames = settings.filter().isEmpty() ? FRAMES : settings.filter();
        for (String frame : frames) {
            Frames.forKind(frame); // fail fast on a typo
        }
        // key "frame/benchmarkMethod" -> one score per repeat. Each frame kind is its own JMH run, so a typed
        // benchmark and its baseline run back to back (JMH orders decodeMap, decodeTyped, encodeMap, encodeTyped)
        // and see the same background load; the ratio is computed per repeat, then the median is taken.
        Map<String, List<Double>> scores = new LinkedHashMap<>();
        Map<String, Double> errors = new LinkedHashMap<>();
        for (int run = 1; run <= settings.repeat(); run++) {
            for (String frame : frames) {
                System.out.printf("%n== codec: run %d of %d, frame %s ==%n", run, settings.repeat(), frame);
                for (RunResult result : new Runner(options(settings, frame)).run()) {
                    String benchmark = result.getParams().getBenchmark();
                    String method = benchmark.substring(benchmark.lastIndexOf('.') + 1);
                    String key = result.getParams().getParam("frame") + "/" + method;
                    scores.computeIfAbsent(key, k -> new ArrayList<>()).add(medianOfIterations(result));
                    errors.put(key, result.getPrimaryResult().getScoreError());
                }
            }
        }

        List<Map<String, Object>> rows = new ArrayList<>();
        boolean met = true;
        for (String frame : frames) {
            for (String operation : OPERATIONS) {
                List<Double> typedRuns = scores.get(frame + "/" + operation + "Typed");
                List<Double> baseRuns = scores.get(frame + "/" + operation + "Map");
                if (typedRuns == null || baseRuns == null) {
                    continue;
                }
                List<Double> ratios = new ArrayList<>();
                for (int i = 0; i < typedRuns.size(); i++) {
                    ratios.add(typedRuns.get(i) / baseRuns.get(i));
                }
                double ratio = Reports.median(ratios);
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("frame", frame);
                row.put("operation", operation);
                row.put("typedOpsPerSec", Math.round(Reports.median(typedRuns)));
                row.put("baselineOpsPerSec", Math.round(Reports.median(baseRuns)));
                row.put("ratioTypedToBaseline", Reports.round(ratio, 3));
                row.put("costVsBaseline", Reports.round(1 / ratio, 3));
                if (operation.equals("decode")) {
                    boolean ok = 1 / ratio <= MAX_DECODE_COST;
                    row.put("meetsTarget", ok);
                    met &= ok;
                }
                row.put("typedRuns", typedRuns.stream().map(Math::round).toList());
                row.put("baselineRuns", baseRuns.stream().map(Math::round).toList());
                row.put("ratioRuns", ratios.stream().map(r -> Reports.round(r, 3)).toList());
                if (settings.repeat() == 1) {
                    row.put("typedError99", Math.round(errors.get(frame + "/" + operation + "Typed")));
                    row.put("baselineError99", Math.round(errors.get(frame + "/" + operation + "Map")));
                }
                rows.add(row);
            }
        }

        String table = table(rows);
        System.out.println();
        System.out.println(table);
        System.out.printf("decode target (typed cost <= %.1fx baseline): %s%n", MAX_DECODE_COST, met ? "MET" : "MISSED");

        if (settings.write()) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("scenario", "codec");
            report.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            report.put("command", settings.command());
            report.put("jmh", jmhSettings(settings));
            report.put("environment", Reports.environment());
            report.put("target", Map.of("decodeMaxCostVsBaseline", MAX_DECODE_COST, "met", met));
            report.put("baseline", "plain Moshi 1.15 (new Moshi.Builder().build()) reading/writing Map<String, Object>"
                    + " from/to the same frame text; no validation");
            report.put("results", rows);
            Reports.writeJson(settings.outDir().resolve("codec.json"), report);
            Reports.writeText(settings.outDir().resolve("codec.md"), markdown(settings, table, met));
            System.out.println("wrote " + settings.outDir().resolve("codec.json") + " and codec.md");
        }
        return met;
    }

    private static org.openjdk.jmh.runner.options.Options options(RunSettings settings, String frame) {
        ChainedOptionsBuilder options = new OptionsBuilder()
                .include("^" + CodecBenchmark.class.getName().replace(".", "\\.") + "\\.")
                .param("frame", frame)
                .mode(Mode.Throughput)
                .timeUnit(TimeUnit.SECONDS)
                .forks(settings.forks())
                .warmupIterations(settings.warmupIterations())
                .warmupTime(TimeValue.seconds(settings.warmupSeconds()))
                .measurementIterations(settings.measurementIterations())
                .measurementTime(TimeValue.seconds(settings.measurementSeconds()))
                .threads(1)
                .jvmArgsAppend("-Xms1g", "-Xmx1g")
                .shouldFailOnError(true);
        settings.profilers().forEach(options::addProfiler);
        return options.build();
    }

    /** Median of the measurement iterations (all forks): robust to a burst of load from other processes. */
    private static double medianOfIterations(RunResult result) {
        List<Double> iterations = new ArrayList<>();
        for (BenchmarkResult benchmark : result.getBenchmarkResults()) {
            for (IterationResult iteration : benchmark.getIterationResults()) {
                iterations.add(iteration.getPrimaryResult().getScore());
            }
        }
        return iterations.isEmpty() ? result.getPrimaryResult().getScore() : Reports.median(iterations);
    }

    private static Map<String, Object> jmhSettings(RunSettings s) {
        Map<String, Object> jmh = new LinkedHashMap<>();
        jmh.put("version", "1.37");
        jmh.put("mode", "thrpt");
        jmh.put("threads", 1);
        jmh.put("forks", s.forks());
        jmh.put("warmup", s.warmupIterations() + " x " + s.warmupSeconds() + " s");
        jmh.put("measurement", s.measurementIterations() + " x " + s.measurementSeconds() + " s");
        jmh.put("repeat", s.repeat());
        jmh.put("aggregate", "per run: median of measurement iterations; reported: median over repeats;"
                + " ratio: median of per-run typed/baseline (typed and baseline run back to back)");
        return jmh;
    }

    static String table(List<Map<String, Object>> rows) {
        StringBuilder out = new StringBuilder();
        out.append("| frame | operation | typed ops/s | Map baseline ops/s | typed/baseline | cost vs baseline | target |\n");
        out.append("|---|---|---:|---:|---:|---:|---|\n");
        for (Map<String, Object> row : rows) {
            double typed = ((Number) row.get("typedOpsPerSec")).doubleValue();
            double base = ((Number) row.get("baselineOpsPerSec")).doubleValue();
            Object meets = row.get("meetsTarget");
            out.append("| `").append(row.get("frame")).append("` | ").append(row.get("operation"))
                    .append(" | ").append(Reports.ops(typed))
                    .append(" | ").append(Reports.ops(base))
                    .append(" | ").append(Reports.fixed(((Number) row.get("ratioTypedToBaseline")).doubleValue(), 2))
                    .append(" | ").append(Reports.fixed(((Number) row.get("costVsBaseline")).doubleValue(), 2)).append("x")
                    .append(" | ").append(meets == null ? "-" : ((Boolean) meets ? "met (<= 1.5x)" : "MISSED (> 1.5x)"))
                    .append(" |\n");
        }
        return out.toString();
    }

    private static String markdown(RunSettings s, String table, boolean met) {
        Map<String, Object> env = Reports.environment();
        return "# Codec benchmark\n\n"
                + "`" + (s.command().isEmpty() ? "./benchmarks.sh codec" : s.command()) + "` — JMH 1.37, throughput, 1 thread, "
                + s.forks() + " fork(s), warmup " + s.warmupIterations() + " x " + s.warmupSeconds() + " s, measurement "
                + s.measurementIterations() + " x " + s.measurementSeconds() + " s"
                + (s.repeat() > 1 ? ", median of " + s.repeat() + " runs" : "") + ".\n"
                + "Each frame kind is one JMH run (typed and baseline back to back); a run's score is the median of its"
                + " measurement iterations; the ratio is the median of the per-run typed/baseline ratios.\n"
                + "JDK " + env.get("jdk") + " (" + env.get("vm") + "), " + env.get("cpus") + " CPUs, "
                + env.get("os") + ".\n\n"
                + "- **typed decode** = `FrameCodec.decode(String)`: parse, envelope checks (id, type, timestamp age with"
                + " a fixed clock, size), typed payload record, strict scalars, `@Required` checks.\n"
                + "- **typed encode** = `FrameCodec.encode(Message)`.\n"
                + "- **baseline** = plain Moshi reading the same string into a `Map<String, Object>` / writing the"
                + " equivalent `Map` (same JSON out); no validation.\n"
                + "- **cost vs baseline** = 1 / (typed/baseline), i.e. how many times more CPU a typed op takes. Target: typed decode cost <= "
                + MAX_DECODE_COST + "x: **" + (met ? "met" : "missed") + "**.\n\n"
                + table;
    }
}
