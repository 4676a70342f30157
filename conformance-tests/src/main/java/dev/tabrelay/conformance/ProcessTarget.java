package dev.tabrelay.conformance;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code java -jar tabrelay-server.jar --port 0} plus {@link ServerOptions#flags()}: the port comes from the
 * {@code listening on} line on stdout.
 */
final class ProcessTarget implements ServerTarget {

    static final String SERVER_MAIN = "dev.tabrelay.server.Main";
    private static final Pattern LISTENING = Pattern.compile("listening on (http://\\S+)");

    private final Process process;
    private final URI base;
    private final Path dataDir;

    private final String ownerToken;

    private ProcessTarget(Process process, URI base, Path dataDir, String ownerToken) {
        this.process = process;
        this.base = base;
        this.dataDir = dataDir;
        this.ownerToken = ownerToken;
    }

    static ProcessTarget start(SuiteSettings settings, Duration timeout) {
        Path jar = settings.serverJar().toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar
                    + "; build it first (./mvnw -pl conformance-tests -am verify builds server-helidon too), or point"
                    + " tabrelay.server.jar at any jar holding " + SERVER_MAIN + " (the runner jar does)");
        }
        Path java = settings.javaHome().resolve("bin/java");
        try {
            Files.createDirectories(settings.logsDir());
            Path dataDir = Files.createTempDirectory("tabrelay-conformance");
            Path log = settings.logsDir().resolve("process-server.log");
            // -cp + main class, not -jar: the runner's own jar carries the server too.
            List<String> command = new ArrayList<>(List.of(java.toString(), "-cp", jar.toString(), SERVER_MAIN,
                    "--host", "127.0.0.1", "--port", "0", "--data-dir", dataDir.toString()));
            command.addAll(ServerOptions.flags());
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(log.toFile());
            builder.environment().putAll(ServerOptions.secretEnvironment());
            Process process = builder.start();
            try {
                URI base = awaitListening(process, timeout, log);
                // Written before the server listens; the owner reads it as `tabrelay token` would.
                String token = Files.readString(dataDir.resolve("pairing-token")).strip();
                return new ProcessTarget(process, base, dataDir, token);
            } catch (RuntimeException | IOException e) {
                process.destroyForcibly();
                throw e;
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Reads stdout on a virtual thread, so a server that never prints cannot block the suite past the timeout. */
    private static URI awaitListening(Process process, Duration timeout, Path log) {
        CompletableFuture<URI> listening = new CompletableFuture<>();
        Thread.ofVirtual().name("tabrelay-process-stdout").start(() -> {
            try (BufferedReader out = new BufferedReader(
                    new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                String line;
                while ((line = out.readLine()) != null) {
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        listening.complete(URI.create(m.group(1)));
                    }
                }
                listening.completeExceptionally(new IllegalStateException("server exited before listening"));
            } catch (IOException e) {
                listening.completeExceptionally(e);
            }
        });
        try {
            return listening.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("server process did not print 'listening on' within " + timeout
                    + " (" + e.getMessage() + "); its log: " + log.toAbsolutePath(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting the server", e);
        }
    }

    @Override
    public String mode() {
        return "process";
    }

    @Override
    public URI httpBase() {
        return base;
    }

    /** The data directory's pairing-token file; {@link #pairingToken()} stays empty (clients are local tools). */
    @Override
    public Optional<String> ownerToken() {
        return Optional.of(ownerToken);
    }

    @Override
    public void close() {
        process.destroy(); // SIGTERM: the server's clean shutdown path
        try {
            if (!process.waitFor(15, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteQuietly(dataDir);
    }

    private static void deleteQuietly(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // A leftover temp dir is not worth failing the run for.
        }
    }

    @Override
    public String toString() {
        return "process " + base + " (pid " + process.pid() + ")";
    }
}
