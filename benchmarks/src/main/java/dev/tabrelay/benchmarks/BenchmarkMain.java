package dev.tabrelay.benchmarks;

import dev.tabrelay.benchmarks.chat.ChatScenario;
import dev.tabrelay.benchmarks.codec.CodecScenario;
import dev.tabrelay.benchmarks.connections.ConnectionsScenario;
import dev.tabrelay.benchmarks.fanout.FanoutScenario;
import dev.tabrelay.benchmarks.startup.StartupScenario;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Entry point of {@code ./benchmarks}: {@code java -cp benchmarks.jar dev.tabrelay.benchmarks.BenchmarkMain
 * <scenario> [options]}. A scenario runs its JMH benchmarks (or load test) through the JMH Runner API,
 * prints a table and writes {@code <out>/<scenario>.json} and {@code .md}.
 * To add a scenario, implement {@link Scenario} and register it in {@link #SCENARIOS}.
 */
public final class BenchmarkMain {

    /** One named benchmark scenario. */
    public interface Scenario {
        String description();

        /** Runs, prints and writes the report; returns false when the scenario's target was missed. */
        boolean run(RunSettings settings) throws Exception;
    }

    static final Map<String, Scenario> SCENARIOS = new LinkedHashMap<>();

    static {
        SCENARIOS.put("codec", new CodecScenario());
        SCENARIOS.put("fanout", new FanoutScenario());
        SCENARIOS.put("chat", new ChatScenario());
        SCENARIOS.put("connections", new ConnectionsScenario());
        SCENARIOS.put("startup", new StartupScenario());
    }

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            usage();
            System.exit(args.length == 0 ? 2 : 0);
        }
        if (args[0].equals("summary")) { // not a scenario: the table and chart over the reports already written
            RunSettings settings = RunSettings.parse(Arrays.asList(args).subList(1, args.length));
            boolean met = Summary.write(settings.outDir(), List.copyOf(SCENARIOS.keySet()));
            System.exit(settings.check() && !met ? 3 : 0);
        }
        if (args[0].equals("--list")) {
            SCENARIOS.forEach((name, scenario) -> System.out.println(name + "\t" + scenario.description()));
            return;
        }
        List<String> names = args[0].equals("all") ? List.copyOf(SCENARIOS.keySet()) : List.of(args[0]);
        RunSettings settings;
        try {
            settings = RunSettings.parse(Arrays.asList(args).subList(1, args.length));
        } catch (IllegalArgumentException e) {
            System.err.println("benchmarks: " + e.getMessage());
            usage();
            System.exit(2);
            return;
        }
        boolean allMet = true;
        for (String name : names) {
            Scenario scenario = SCENARIOS.get(name);
            if (scenario == null) {
                System.err.println("benchmarks: unknown scenario '" + name + "'; known: " + SCENARIOS.keySet());
                System.exit(2);
            }
            allMet &= scenario.run(settings);
        }
        if (settings.check() && !allMet) {
            System.exit(3);
        }
    }

    private static void usage() {
        System.err.println("usage: BenchmarkMain <scenario|all|summary|--list> [--full] [--repeat N] [--out DIR] [--prof NAME]"
                + " [--only A,B] [--check] [--no-write]");
        SCENARIOS.forEach((name, scenario) -> System.err.println("  " + name + "  " + scenario.description()));
    }
}
