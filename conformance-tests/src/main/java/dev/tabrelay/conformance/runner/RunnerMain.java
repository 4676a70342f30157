package dev.tabrelay.conformance.runner;

import dev.tabrelay.conformance.ConformanceTest;
import dev.tabrelay.conformance.extension.ExtensionConformanceTest;
import org.junit.platform.launcher.Launcher;
import org.junit.platform.launcher.LauncherDiscoveryRequest;
import org.junit.platform.launcher.TagFilter;
import org.junit.platform.launcher.core.LauncherDiscoveryRequestBuilder;
import org.junit.platform.launcher.core.LauncherFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import static org.junit.platform.engine.discovery.ClassNameFilter.includeClassNamePatterns;
import static org.junit.platform.engine.discovery.DiscoverySelectors.selectPackage;

/**
 * The standalone conformance runner: {@code java -jar tabrelay-conformance.jar --help}. Runs the same JUnit suites
 * as the build (JUnit Platform Launcher) with the target given on the command line, prints a line per check and a
 * summary table, and writes JUnit XML plus one HTML report.
 */
public final class RunnerMain {

    static final String PACKAGE = "dev.tabrelay.conformance";
    /** Testcontainers reads these only from the environment; without them it tries to pull from a registry. */
    static final Map<String, String> NO_REGISTRY_ENV = Map.of(
            "TESTCONTAINERS_RYUK_DISABLED", "true",
            "TESTCONTAINERS_HOST_OVERRIDE", "localhost",
            "TESTCONTAINERS_CHECKS_DISABLE", "true");

    private RunnerMain() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs and returns the exit code: 0 conformant, 1 a check failed, 2 bad arguments. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        RunnerOptions options;
        try {
            options = RunnerOptions.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            out.print(RunnerOptions.USAGE);
            return 0;
        }
        if (options.containerTarget() && !NO_REGISTRY_ENV.keySet().stream().allMatch(k -> System.getenv(k) != null)) {
            return relaunchWithDockerEnvironment(args, err);
        }
        quietLibraries();
        Map<String, String> parameters = parameters(options);
        LauncherDiscoveryRequestBuilder request = LauncherDiscoveryRequestBuilder.request()
                .selectors(selectPackage(PACKAGE))
                .filters(includeClassNamePatterns(suitePattern(options.suites())),
                        TagFilter.includeTags(options.extension() ? ExtensionConformanceTest.TAG : ConformanceTest.TAG))
                .configurationParameters(parameters);
        LauncherDiscoveryRequest discovery = request.build();

        String what = options.extension() ? "extension on " + options.listen() : String.join(", ", options.targets());
        out.println("TabRelay conformance: checking " + what + "; reports in " + options.reportDir().toAbsolutePath());
        Instant started = Instant.now();
        ResultCollector collector = new ResultCollector(out);
        Launcher launcher = LauncherFactory.create();
        launcher.execute(discovery, collector);

        List<SuiteTotals> suites = SuiteTotals.of(collector.results());
        out.println();
        out.print(SummaryTable.render(suites));
        Path xmlDir = options.reportDir().resolve("junit");
        JUnitXmlReport.write(xmlDir, suites, started);
        Path html = HtmlReport.write(options.reportDir().resolve("index.html"), "TabRelay conformance: " + what,
                suites, started);
        out.println("JUnit XML: " + xmlDir.toAbsolutePath() + "  HTML: " + html.toAbsolutePath());
        long failed = suites.stream().mapToLong(SuiteTotals::failed).sum();
        long passed = suites.stream().mapToLong(SuiteTotals::passed).sum();
        return failed == 0 && passed > 0 ? 0 : 1;
    }

    /** The settings SuiteSettings reads, as JUnit configuration parameters of this run. */
    static Map<String, String> parameters(RunnerOptions options) {
        Map<String, String> parameters = new LinkedHashMap<>();
        if (options.extension()) {
            parameters.put("tabrelay.extension", "wait=" + options.listen());
            parameters.put("tabrelay.extension.wait-s", Long.toString(options.waitSeconds()));
        } else {
            parameters.put("tabrelay.target", String.join(",", options.targets()));
        }
        options.token().ifPresent(token -> parameters.put("tabrelay.token", token));
        parameters.put("tabrelay.logs.dir", options.reportDir().resolve("logs").toString());
        Path ownJar = ownJar();
        Path serverJar = options.serverJar().orElse(ownJar);
        if (serverJar != null) {
            parameters.put("tabrelay.server.jar", serverJar.toString());
        }
        Path checkoutJar = ownJar;
        // From a checkout the jar sits in conformance-tests/target: the staged contexts and the simulator jar are
        // found beside it, wherever the runner is started from.
        Path checkout = checkoutJar == null ? null : checkoutJar.toAbsolutePath().getParent().getParent().getParent();
        Path dockerContext = options.dockerContext().orElse(checkout == null ? null
                : checkout.resolve("server-helidon/target/docker-context"));
        if (dockerContext != null) {
            parameters.put("tabrelay.docker.context", dockerContext.toString());
        }
        if (checkout != null) {
            parameters.put("tabrelay.simulator.context", checkout.resolve("extension-simulator/target/docker-context").toString());
            parameters.put("tabrelay.simulator.jar", checkout.resolve("extension-simulator/target/tabrelay-simulator.jar").toString());
        }
        options.image().ifPresent(image -> parameters.put("tabrelay.image", image));
        return parameters;
    }

    /** {@code .*\.(Name|NameConformanceIT)} for each --suite, or every suite. */
    static String suitePattern(List<String> suites) {
        if (suites.isEmpty()) {
            return ".*ConformanceIT";
        }
        return suites.stream().map(s -> Pattern.quote(s.replaceFirst("ConformanceIT$", "")))
                .map(s -> "(?i).*\\." + s + "ConformanceIT")
                .collect(Collectors.joining("|"));
    }

    /** The jar this class was loaded from (it carries the server), or null when running from classes. */
    static Path ownJar() {
        try {
            Path location = Path.of(RunnerMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            return Files.isRegularFile(location) ? location : null;
        } catch (URISyntaxException | RuntimeException e) {
            return null;
        }
    }

    /**
     * Container mode needs the no-registry environment, which cannot be set in a running JVM: start this runner
     * again as a child with it (inheriting stdout/stderr) and return its exit code.
     */
    private static int relaunchWithDockerEnvironment(String[] args, PrintStream err) {
        String classPath = System.getProperty("java.class.path");
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--enable-native-access=ALL-UNNAMED", "-Dapi.version=" + System.getProperty("api.version", "1.41"),
                "-cp", classPath, RunnerMain.class.getName()));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        NO_REGISTRY_ENV.forEach((key, value) -> builder.environment().putIfAbsent(key, value));
        try {
            Process child = builder.start();
            return child.waitFor();
        } catch (IOException e) {
            err.println("error: could not start the runner with the Testcontainers environment: " + e.getMessage());
            return 2;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 1;
        }
    }

    /** Progress lines go to stdout; the libraries' INFO chatter (Helidon, Testcontainers) is not wanted there. */
    private static void quietLibraries() {
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.logFile", "System.err");
        if (System.getProperty("api.version") == null) {
            System.setProperty("api.version", "1.41"); // Docker 20.10 speaks at most 1.41 (java-stack.md §4.2)
        }
        Logger.getLogger("").setLevel(Level.WARNING);
        for (var handler : Logger.getLogger("").getHandlers()) {
            handler.setLevel(Level.WARNING);
        }
    }
}
