package dev.tabrelay.conformance.runner;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The packaged runner (target/tabrelay-conformance.jar) as a user runs it: exit codes, progress lines, the summary,
 * JUnit XML that parses, and the HTML report; against a process target, an unreachable url, and in extension mode
 * with the simulator CLI jar dialling in.
 */
@Timeout(value = 5, unit = TimeUnit.MINUTES)
class RunnerIT {

    private static final Path JAR = Path.of(System.getProperty("tabrelay.runner.jar", "target/tabrelay-conformance.jar"));
    private static final Path SIMULATOR = Path.of(System.getProperty("tabrelay.simulator.jar",
            "../extension-simulator/target/tabrelay-simulator.jar"));
    private static final Path JAVA = Path.of(System.getProperty("java.home"), "bin", "java");
    private static final Pattern WAITING = Pattern.compile("waiting for an extension on ws://127\\.0\\.0\\.1:(\\d+)/extension-ws");

    /** A finished run: exit code and every stdout line. */
    private record Run(int exit, List<String> lines) {
        String text() {
            return String.join("\n", lines);
        }
    }

    @Test
    void helpExitsZero() throws Exception {
        Run run = runner(List.of("--help"));
        assertEquals(0, run.exit(), run::text);
        assertTrue(run.text().contains("--target url=http://HOST:PORT"), run::text);
    }

    @Test
    void badArgumentsExitTwo() throws Exception {
        assertEquals(2, runner(List.of("--target")).exit());
        assertEquals(2, runner(List.of()).exit());
    }

    @Test
    void processTargetPassesAndWritesReports() throws Exception {
        Path reports = freshDir("process");
        Run run = runner(List.of("--target", "process", "--suite", "Health", "--suite", "HandshakeConformanceIT",
                "--report-dir", reports.toString()));
        assertEquals(0, run.exit(), run::text);
        assertTrue(run.lines().stream().anyMatch(l -> l.matches("HandshakeConformanceIT\\s+connectionInitIsAcknowledged\\S* \\[process]\\s+PASS\\s+\\d+ ms")),
                run::text);
        assertTrue(run.text().contains("CONFORMANT: every check passed"), run::text);
        assertFalse(run.text().contains("ChatConformanceIT"), "--suite filters the other suites out");

        List<Element> suites = xmlSuites(reports);
        assertEquals(2, suites.size());
        for (Element suite : suites) {
            assertTrue(Integer.parseInt(suite.getAttribute("tests")) > 0, suite.getAttribute("name"));
            assertEquals("0", suite.getAttribute("failures"));
        }
        String html = Files.readString(reports.resolve("index.html"));
        assertTrue(html.contains("id=\"summary\"") && html.contains("HealthConformanceIT")
                && html.contains("Conformant: every check passed"), html);
        assertFalse(html.contains("<link") || html.contains("<script") || html.contains("src="), "self-contained");
    }

    @Test
    void unreachableUrlTargetFailsWithExitOne() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        Path reports = freshDir("unreachable");
        Run run = runner(List.of("--target", "url=http://127.0.0.1:" + closedPort, "--suite", "Health",
                "--token", "abc", "--report-dir", reports.toString()));
        assertEquals(1, run.exit(), run::text);
        assertTrue(run.text().contains("FAIL") && run.text().contains("NOT CONFORMANT"), run::text);
        Element suite = xmlSuites(reports).getFirst();
        assertTrue(Integer.parseInt(suite.getAttribute("failures")) > 0);
        assertTrue(suite.getElementsByTagName("failure").getLength() > 0);
        String html = Files.readString(reports.resolve("index.html"));
        assertTrue(html.contains("Not conformant") && html.contains("<pre>") && html.contains("ConnectException"), html);
    }

    @Test
    void extensionModeChecksTheSimulatorJarThatDialsIn() throws Exception {
        Path reports = freshDir("extension");
        Process runner = start(List.of("--extension", "--listen", "127.0.0.1:0", "--wait-s", "60",
                "--report-dir", reports.toString()));
        Process simulator = null;
        try {
            List<String> lines = new ArrayList<>();
            CompletableFuture<Integer> port = new CompletableFuture<>();
            Thread reader = Thread.ofVirtual().start(() -> readLines(runner, lines, port));
            int listening = port.get(60, TimeUnit.SECONDS);
            simulator = new ProcessBuilder(JAVA.toString(), "-jar", SIMULATOR.toString(), "--url",
                    "http://127.0.0.1:" + listening, "--chunks", "2", "--screenshot", "32x24")
                    .redirectErrorStream(true).redirectOutput(reports.resolve("simulator.log").toFile()).start();
            assertTrue(runner.waitFor(3, TimeUnit.MINUTES), "the runner finishes");
            reader.join();
            String text;
            synchronized (lines) {
                text = String.join("\n", lines);
            }
            assertEquals(0, runner.exitValue(), text);
            assertTrue(text.contains("ExtensionCommandsConformanceIT") && text.contains("[extension]"), text);
            assertTrue(text.contains("CONFORMANT: every check passed"), text);
            assertEquals(4, xmlSuites(reports).size());
        } finally {
            runner.destroyForcibly();
            if (simulator != null) {
                simulator.destroy();
                simulator.waitFor(10, TimeUnit.SECONDS);
            }
        }
    }

    private static void readLines(Process process, List<String> into, CompletableFuture<Integer> port) {
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = out.readLine()) != null) {
                synchronized (into) {
                    into.add(line);
                }
                Matcher m = WAITING.matcher(line);
                if (m.find()) {
                    port.complete(Integer.parseInt(m.group(1)));
                }
            }
            port.completeExceptionally(new IllegalStateException("runner ended without waiting: " + into));
        } catch (IOException e) {
            port.completeExceptionally(e);
        }
    }

    private static Process start(List<String> args) throws IOException {
        assertTrue(Files.isRegularFile(JAR), "no runner jar at " + JAR.toAbsolutePath() + " (package builds it)");
        List<String> command = new ArrayList<>(List.of(JAVA.toString(), "-jar", JAR.toString()));
        command.addAll(args);
        return new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
    }

    private static Run runner(List<String> args) throws Exception {
        Process process = start(args);
        List<String> lines = new ArrayList<>();
        readLines(process, lines, new CompletableFuture<>());
        assertTrue(process.waitFor(4, TimeUnit.MINUTES), "the runner finishes");
        return new Run(process.exitValue(), lines);
    }

    private static Path freshDir(String name) throws IOException {
        Path dir = Path.of("target", "runner-it", name);
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        return Files.createDirectories(dir);
    }

    /** Every junit/TEST-*.xml parsed; the root element of each. */
    private static List<Element> xmlSuites(Path reports) throws Exception {
        List<Element> suites = new ArrayList<>();
        try (Stream<Path> files = Files.list(reports.resolve("junit"))) {
            for (Path file : files.filter(f -> f.getFileName().toString().matches("TEST-.*\\.xml")).sorted().toList()) {
                Document doc = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
                assertEquals("testsuite", doc.getDocumentElement().getTagName(), file.toString());
                suites.add(doc.getDocumentElement());
            }
        }
        return suites;
    }
}
