package dev.tabrelay.conformance.runner;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The runner's arguments, suite filter, table and HTML escaping. */
class RunnerOptionsTest {

    @Test
    void parsesTargetsAndOptions() {
        RunnerOptions options = RunnerOptions.parse("--target", "process", "--target", "url=http://h:1",
                "--report-dir", "out", "--suite", "Chat", "--token", "t");
        assertEquals(List.of("process", "url=http://h:1"), options.targets());
        assertEquals(Path.of("out"), options.reportDir());
        assertEquals(Optional.of("t"), options.token());
        assertFalse(options.extension());
        assertEquals("127.0.0.1:3025", RunnerOptions.parse("--extension").listen());
    }

    @Test
    void refusesWhatCannotRun() {
        assertThrows(IllegalArgumentException.class, RunnerOptions::parse);
        assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse("--target"));
        assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse("--target", "process", "--extension"));
        assertThrows(IllegalArgumentException.class, () -> RunnerOptions.parse("--bogus"));
    }

    @Test
    void suiteFilterMatchesSimpleNamesWithOrWithoutTheSuffix() {
        Pattern pattern = Pattern.compile(RunnerMain.suitePattern(List.of("chat", "HandshakeConformanceIT")));
        assertTrue(pattern.matcher("dev.tabrelay.conformance.ChatConformanceIT").matches());
        assertTrue(pattern.matcher("dev.tabrelay.conformance.HandshakeConformanceIT").matches());
        assertFalse(pattern.matcher("dev.tabrelay.conformance.extension.ExtensionChatConformanceIT").matches());
        assertFalse(pattern.matcher("dev.tabrelay.conformance.HealthConformanceIT").matches());
    }

    @Test
    void summaryCountsPerSuiteAndSaysWhetherItConforms() {
        List<TestResult> results = List.of(
                new TestResult("a.OneConformanceIT", "x [process]", TestResult.Status.PASS, 10, null, null, null),
                new TestResult("a.OneConformanceIT", "y [process]", TestResult.Status.FAIL, 20, "boom", "E", "trace"),
                new TestResult("a.TwoConformanceIT", "z [process]", TestResult.Status.SKIP, 0, "n/a", null, null));
        String table = SummaryTable.render(SuiteTotals.of(results));
        assertTrue(table.matches("(?s).*OneConformanceIT\\s+1\\s+1\\s+0.*TwoConformanceIT\\s+0\\s+0\\s+1.*total\\s+1\\s+1\\s+1.*"), table);
        assertTrue(table.contains("NOT CONFORMANT: 1 check(s) failed"), table);
        assertEquals("&lt;a href=&quot;x&quot;&gt; &amp;", HtmlReport.esc("<a href=\"x\"> &"));
    }
}
