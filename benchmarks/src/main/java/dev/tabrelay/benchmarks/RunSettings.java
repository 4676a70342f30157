package dev.tabrelay.benchmarks;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Options shared by every scenario, parsed from the command line of {@link BenchmarkMain}.
 *
 * @param full      longer run (more forks, warmup and measurement) for numbers worth publishing
 * @param repeat    how many times to run the whole scenario; the report gives the median per benchmark
 * @param outDir    where reports are written ({@code docs/benchmarks} under the repository root)
 * @param profilers JMH profilers to attach ({@code -prof} names, e.g. {@code stack}, {@code gc})
 * @param filter    scenario-specific narrowing, e.g. frame kinds for {@code codec}; empty means all
 * @param check     exit non-zero when a scenario's target is missed
 * @param write     write the report files (off for profiling runs)
 * @param command   the command line to quote in reports
 */
public record RunSettings(boolean full, int repeat, Path outDir, List<String> profilers, List<String> filter,
                          boolean check, boolean write, String command) {

    public static RunSettings parse(List<String> args) {
        boolean full = false;
        int repeat = 1;
        Path out = Path.of("docs", "benchmarks");
        List<String> profilers = new ArrayList<>();
        List<String> filter = new ArrayList<>();
        boolean check = false;
        boolean write = true;
        String command = System.getenv().getOrDefault("BENCHMARKS_COMMAND", "");
        for (int i = 0; i < args.size(); i++) {
            String arg = args.get(i);
            switch (arg) {
                case "--full" -> full = true;
                case "--repeat" -> repeat = Integer.parseInt(value(args, ++i, arg));
                case "--out" -> out = Path.of(value(args, ++i, arg));
                case "--prof" -> profilers.add(value(args, ++i, arg));
                case "--only" -> filter.addAll(List.of(value(args, ++i, arg).split(",")));
                case "--check" -> check = true;
                case "--no-write" -> write = false;
                case "--command" -> command = value(args, ++i, arg);
                default -> throw new IllegalArgumentException("unknown option: " + arg);
            }
        }
        if (repeat < 1) {
            throw new IllegalArgumentException("--repeat must be at least 1");
        }
        return new RunSettings(full, repeat, out, List.copyOf(profilers), List.copyOf(filter), check,
                write && profilers.isEmpty(), command);
    }

    private static String value(List<String> args, int index, String option) {
        if (index >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args.get(index);
    }

    public int forks() {
        return full ? 2 : 1;
    }

    public int warmupIterations() {
        return full ? 4 : 2;
    }

    public int warmupSeconds() {
        return full ? 2 : 1;
    }

    public int measurementIterations() {
        return full ? 5 : 3;
    }

    public int measurementSeconds() {
        return full ? 2 : 1;
    }
}
