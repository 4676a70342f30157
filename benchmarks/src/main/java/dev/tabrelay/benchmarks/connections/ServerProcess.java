package dev.tabrelay.benchmarks.connections;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The server jar as a child process ({@code java <jvmFlags> -jar tabrelay-server.jar --port 0 --data-dir TMP [options]}):
 * its port comes from the {@code listening on} line it prints; stderr goes to a file for the report on failure.
 * Heap figures come from {@code jcmd} of the same JDK: {@code GC.run} (a full collection), then {@code GC.heap_info}.
 */
public final class ServerProcess implements AutoCloseable {

    private static final Pattern LISTENING = Pattern.compile("listening on http://([^ ]+):(\\d+) \\(tabrelay\\)");
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final Process process;
    private final Path dataDir;
    private final Path stderr;
    private final int port;
    /** Stops the server when this JVM is stopped (Ctrl-C, SIGTERM) before {@link #close()}: no orphaned relays. */
    private final Thread reaper;

    private ServerProcess(Process process, Path dataDir, Path stderr, int port, Thread reaper) {
        this.process = process;
        this.dataDir = dataDir;
        this.stderr = stderr;
        this.port = port;
        this.reaper = reaper;
    }

    /** The server jar: {@code -Dtabrelay.serverJar}, else {@code server-helidon/target/tabrelay-server.jar}. */
    public static Path serverJar() {
        Path jar = Path.of(System.getProperty("tabrelay.serverJar", "server-helidon/target/tabrelay-server.jar"));
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException("no server jar at " + jar.toAbsolutePath()
                    + " (build it: ./mvnw -q -B -pl server-helidon -am package -DskipTests)");
        }
        return jar;
    }

    public static Path javaBinary() {
        return Path.of(System.getProperty("java.home"), "bin", "java");
    }

    /** Starts the jar with default settings and waits (at most {@code timeoutMs}) for its listening line. */
    public static ServerProcess start(List<String> jvmFlags, long timeoutMs) throws Exception {
        return start(jvmFlags, List.of(), timeoutMs);
    }

    /** As {@link #start(List, long)}, with {@code serverOptions} (e.g. {@code --rate-limit 0}) after the defaults. */
    public static ServerProcess start(List<String> jvmFlags, List<String> serverOptions, long timeoutMs) throws Exception {
        return start(serverJar(), jvmFlags, serverOptions, timeoutMs);
    }

    /** As {@link #start(List, List, long)}, for the server jar at {@code jar} (e.g. another build, to compare). */
    public static ServerProcess start(Path jar, List<String> jvmFlags, List<String> serverOptions, long timeoutMs)
            throws Exception {
        Path dataDir = Files.createTempDirectory("tabrelay-bench-data");
        Path stderr = Files.createTempFile("tabrelay-bench-server", ".log");
        List<String> command = new ArrayList<>();
        command.add(javaBinary().toString());
        command.addAll(jvmFlags);
        command.addAll(List.of("-jar", jar.toString(), "--port", "0", "--data-dir", dataDir.toString()));
        command.addAll(serverOptions);
        Process process = new ProcessBuilder(command).redirectError(stderr.toFile()).start();
        Thread reaper = new Thread(process::destroy, "server-reaper");
        Runtime.getRuntime().addShutdownHook(reaper);
        CompletableFuture<Integer> port = new CompletableFuture<>();
        Thread.ofPlatform().daemon().name("server-stdout").start(() -> readStdout(process, port));
        try {
            return new ServerProcess(process, dataDir, stderr, port.get(timeoutMs, TimeUnit.MILLISECONDS), reaper);
        } catch (Exception e) {
            process.destroyForcibly();
            Runtime.getRuntime().removeShutdownHook(reaper);
            throw new IllegalStateException("the server did not print its listening line within " + timeoutMs
                    + " ms; stderr: " + Files.readString(stderr), e);
        }
    }

    private static void readStdout(Process process, CompletableFuture<Integer> port) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                Matcher m = LISTENING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(2)));
                }
            }
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
        port.completeExceptionally(new IllegalStateException("server stdout closed"));
    }

    public int port() {
        return port;
    }

    public long pid() {
        return process.pid();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Heap in use after a full GC, in bytes (G1's {@code used} of {@code GC.heap_info}). */
    public long heapUsedAfterGc() throws Exception {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher m = USED.matcher(info);
        if (!m.find()) {
            throw new IllegalStateException("no 'used NK' in jcmd GC.heap_info: " + info);
        }
        return Long.parseLong(m.group(1)) * 1024;
    }

    /** The first {@code lines} lines of {@code jcmd GC.class_histogram} (live objects, biggest first). */
    public String histogram(int lines) throws Exception {
        String[] all = jcmd("GC.class_histogram").split("\n");
        return String.join("\n", java.util.Arrays.copyOfRange(all, 0, Math.min(all.length, lines)));
    }

    /** Resident set size of the server process in bytes (from /proc), or -1 where there is no /proc. */
    public long residentBytes() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("\\D", "")) * 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            return -1;
        }
        return -1;
    }

    private String jcmd(String command) throws Exception {
        Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
        Process p = new ProcessBuilder(jcmd.toString(), Long.toString(pid()), command).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
            throw new IllegalStateException("jcmd " + command + " failed: " + out);
        }
        return out;
    }

    public String stderrTail() {
        try {
            List<String> lines = Files.readAllLines(stderr);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no stderr: " + e + ")";
        }
    }

    /** SIGTERM (the server closes its sockets with 1001), then kill after 10 s; removes the temp files. */
    @Override
    public void close() throws IOException {
        try {
            Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: it stops the server too
        }
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        try (Stream<Path> paths = Files.walk(dataDir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
        Files.deleteIfExists(stderr);
    }
}
