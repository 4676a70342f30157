package dev.tabrelay.conformance.runner;

import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Records every check as it finishes and prints one progress line for it: suite, check, PASS/FAIL/SKIP, ms.
 * A suite that fails or is skipped as a whole (e.g. its setup) counts as one result named after the suite.
 */
final class ResultCollector implements TestExecutionListener {

    private final PrintStream out;
    private final Map<String, Long> started = new ConcurrentHashMap<>();
    private final List<TestResult> results = new ArrayList<>();
    private TestPlan plan;

    ResultCollector(PrintStream out) {
        this.out = out;
    }

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        this.plan = testPlan;
    }

    @Override
    public void executionStarted(TestIdentifier id) {
        started.put(id.getUniqueId(), System.nanoTime());
    }

    @Override
    public void executionSkipped(TestIdentifier id, String reason) {
        if (id.isTest() || suiteOf(id).isPresent() && isSuite(id)) {
            record(id, TestResult.Status.SKIP, 0, reason, null);
        }
    }

    @Override
    public void executionFinished(TestIdentifier id, TestExecutionResult result) {
        Long start = started.remove(id.getUniqueId());
        long ms = start == null ? 0 : (System.nanoTime() - start) / 1_000_000;
        Throwable failure = result.getThrowable().orElse(null);
        switch (result.getStatus()) {
            case SUCCESSFUL -> {
                if (id.isTest()) {
                    record(id, TestResult.Status.PASS, ms, null, null);
                }
            }
            case ABORTED -> {
                if (id.isTest()) {
                    record(id, TestResult.Status.SKIP, ms, failure == null ? "aborted" : failure.getMessage(), null);
                }
            }
            case FAILED -> {
                // A failed container (a suite's or a template's setup, the engine) is reported too: its checks never ran.
                {
                    record(id, TestResult.Status.FAIL, ms, failure == null ? "failed" : failure.getMessage(), failure);
                }
            }
        }
    }

    private boolean isSuite(TestIdentifier id) {
        return id.getSource().filter(ClassSource.class::isInstance).isPresent();
    }

    private synchronized void record(TestIdentifier id, TestResult.Status status, long ms, String message,
                                     Throwable failure) {
        String suite = suiteOf(id).orElse("(run)");
        String name = name(id);
        results.add(new TestResult(suite, name, status, ms, message,
                failure == null ? null : failure.getClass().getName(), failure == null ? null : stackTrace(failure)));
        String simple = suite.substring(suite.lastIndexOf('.') + 1);
        out.printf(Locale.ROOT, "%-38s %-72s %-4s %6d ms%n", simple, name, status, ms);
        if (status == TestResult.Status.FAIL && message != null) {
            out.println("    " + firstLine(message));
        }
        out.flush();
    }

    /** The method name plus the invocation's display name ("[process]") for template invocations. */
    private String name(TestIdentifier id) {
        if (id.getSource().filter(MethodSource.class::isInstance).isEmpty() && isSuite(id)) {
            return "(suite)";
        }
        Optional<TestIdentifier> parent = plan == null ? Optional.empty() : plan.getParent(id);
        String method = id.getSource().filter(MethodSource.class::isInstance).map(MethodSource.class::cast)
                .map(MethodSource::getMethodName).orElse(id.getDisplayName());
        boolean invocation = parent.flatMap(TestIdentifier::getSource).filter(MethodSource.class::isInstance).isPresent();
        return invocation ? method + " " + id.getDisplayName() : method;
    }

    private Optional<String> suiteOf(TestIdentifier id) {
        Optional<TestIdentifier> current = Optional.of(id);
        while (current.isPresent()) {
            Optional<String> className = current.get().getSource().flatMap(source -> switch (source) {
                case ClassSource c -> Optional.of(c.getClassName());
                case MethodSource m -> Optional.of(m.getClassName());
                default -> Optional.empty();
            });
            if (className.isPresent()) {
                return className;
            }
            current = plan == null ? Optional.empty() : plan.getParent(current.get());
        }
        return Optional.empty();
    }

    private static String firstLine(String text) {
        int newline = text.indexOf('\n');
        return newline < 0 ? text : text.substring(0, newline) + " ...";
    }

    private static String stackTrace(Throwable t) {
        StringWriter writer = new StringWriter();
        t.printStackTrace(new PrintWriter(writer));
        return writer.toString();
    }

    synchronized List<TestResult> results() {
        return List.copyOf(results);
    }
}
