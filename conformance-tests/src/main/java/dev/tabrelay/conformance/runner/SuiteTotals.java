package dev.tabrelay.conformance.runner;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Per-suite counts, in the order suites first reported. */
record SuiteTotals(String suite, List<TestResult> results) {

    static List<SuiteTotals> of(List<TestResult> all) {
        Map<String, List<TestResult>> bySuite = new LinkedHashMap<>();
        all.forEach(r -> bySuite.computeIfAbsent(r.suite(), k -> new ArrayList<>()).add(r));
        return bySuite.entrySet().stream().map(e -> new SuiteTotals(e.getKey(), List.copyOf(e.getValue()))).toList();
    }

    long count(TestResult.Status status) {
        return results.stream().filter(r -> r.status() == status).count();
    }

    long passed() {
        return count(TestResult.Status.PASS);
    }

    long failed() {
        return count(TestResult.Status.FAIL);
    }

    long skipped() {
        return count(TestResult.Status.SKIP);
    }

    long millis() {
        return results.stream().mapToLong(TestResult::millis).sum();
    }

    String simpleName() {
        return suite.substring(suite.lastIndexOf('.') + 1);
    }
}
