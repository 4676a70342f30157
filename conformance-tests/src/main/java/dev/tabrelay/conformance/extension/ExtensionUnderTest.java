package dev.tabrelay.conformance.extension;

import dev.tabrelay.conformance.SuiteSettings;
import dev.tabrelay.simulator.ChatBehaviour;
import dev.tabrelay.simulator.Dialect;
import dev.tabrelay.simulator.EventRate;
import dev.tabrelay.simulator.Simulator;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * One extension under test and the harness it is connected to, started once per run (per {@link ExtensionSpec})
 * and shared by every extension suite: the simulator in-process, the simulator CLI jar as a child process, or a
 * third-party extension the run waits for.
 */
public final class ExtensionUnderTest implements ExtensionContext.Store.CloseableResource {

    /** How long a simulator we started may take to connect. */
    private static final Duration SIMULATOR_CONNECT = Duration.ofSeconds(60);

    private final ExtensionSpec spec;
    private final ExtensionHarness harness;
    private final ExtensionPeer peer;
    private final AutoCloseable source;

    private ExtensionUnderTest(ExtensionSpec spec, ExtensionHarness harness, ExtensionPeer peer, AutoCloseable source) {
        this.spec = spec;
        this.harness = harness;
        this.peer = peer;
        this.source = source;
    }

    public ExtensionSpec spec() {
        return spec;
    }

    public ExtensionPeer peer() {
        return peer;
    }

    public Dialect dialect() {
        return peer.dialect();
    }

    static ExtensionUnderTest start(ExtensionSpec spec, SuiteSettings settings) {
        return switch (spec) {
            case ExtensionSpec.Wait wait -> {
                ExtensionHarness harness = ExtensionHarness.start(wait.host(), wait.port());
                String base = "ws://" + wait.host() + ":" + harness.port();
                System.out.println("waiting for an extension on " + base + "/extension-ws (Chat Relay and Browcall:"
                        + " any path of " + base + ") for up to " + settings.extensionWait().toSeconds() + " s ...");
                System.out.flush();
                yield connected(spec, harness, settings.extensionWait(), () -> { });
            }
            case ExtensionSpec.InProcess inProcess -> {
                ExtensionHarness harness = ExtensionHarness.start("127.0.0.1", 0);
                PrintWriter log = log(settings, "simulator-" + inProcess.value().cliName() + ".log");
                Simulator simulator;
                try {
                    simulator = simulatorFor(inProcess.value(), "http://127.0.0.1:" + harness.port())
                            .output(line -> log.println(line)).build().start();
                } catch (RuntimeException e) {
                    harness.close();
                    log.close();
                    throw e;
                }
                yield connected(spec, harness, SIMULATOR_CONNECT, () -> {
                    simulator.stop();
                    log.close();
                });
            }
            case ExtensionSpec.Jar jar -> {
                ExtensionHarness harness = ExtensionHarness.start("127.0.0.1", 0);
                Process process = startJar(jar.value(), "http://127.0.0.1:" + harness.port(), settings);
                yield connected(spec, harness, SIMULATOR_CONNECT, () -> stop(process));
            }
        };
    }

    /** The simulator as extension mode checks it: one tab, streamed chat, small screenshots, a few events. */
    public static Simulator.Builder simulatorFor(Dialect dialect, String url) {
        return Simulator.builder().url(url).dialect(dialect).tabs(1)
                .chat(ChatBehaviour.echo().inChunks(3, Duration.ofMillis(10)))
                .screenshots(64, 48)
                .events(EventRate.console(5));
    }

    /** The same settings as CLI flags. */
    public static List<String> simulatorFlags(Dialect dialect, String url) {
        return List.of("--url", url, "--dialect", dialect.cliName(), "--tabs", "1", "--chat", "echo",
                "--chunks", "3", "--chunk-delay-ms", "10", "--screenshot", "64x48",
                "--events-per-second", "5", "--event-kinds", "console");
    }

    private static Process startJar(Dialect dialect, String url, SuiteSettings settings) {
        Path jar = settings.simulatorJar().toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no simulator jar at " + jar + " (tabrelay.simulator.jar); build"
                    + " extension-simulator first (./mvnw -pl conformance-tests -am verify does)");
        }
        List<String> command = new ArrayList<>(List.of(settings.javaHome().resolve("bin/java").toString(), "-jar",
                jar.toString()));
        command.addAll(simulatorFlags(dialect, url));
        try {
            Files.createDirectories(settings.logsDir());
            Path log = settings.logsDir().resolve("simulator-jar-" + dialect.cliName() + ".log");
            return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void stop(Process process) {
        process.destroy(); // SIGTERM: the simulator prints its summary and closes its sockets
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
    }

    private static ExtensionUnderTest connected(ExtensionSpec spec, ExtensionHarness harness, Duration timeout,
                                                AutoCloseable source) {
        ExtensionPeer peer = harness.awaitPeer(timeout).orElse(null);
        if (peer == null) {
            closeQuietly(source);
            harness.close();
            throw new IllegalStateException("no extension connected (" + spec.label() + ") within " + timeout);
        }
        System.err.println("conformance: " + spec.label() + " connected, dialect " + peer.dialect().cliName());
        return new ExtensionUnderTest(spec, harness, peer, source);
    }

    private static PrintWriter log(SuiteSettings settings, String name) {
        try {
            Files.createDirectories(settings.logsDir());
            return new PrintWriter(Files.newBufferedWriter(settings.logsDir().resolve(name), StandardCharsets.UTF_8), true);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            System.err.println("conformance: could not stop " + closeable + ": " + e);
        }
    }

    @Override
    public void close() {
        closeQuietly(source);
        harness.close();
    }

    @Override
    public String toString() {
        return spec.label() + " (" + peer.dialect().cliName() + ")";
    }
}
