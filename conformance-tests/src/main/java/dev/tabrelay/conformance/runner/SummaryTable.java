package dev.tabrelay.conformance.runner;

import java.util.List;
import java.util.Locale;

/** The table printed at the end: one row per suite, then the total. */
final class SummaryTable {

    private SummaryTable() {
    }

    static String render(List<SuiteTotals> suites) {
        int width = Math.max(5, suites.stream().mapToInt(s -> s.simpleName().length()).max().orElse(5));
        String row = "%-" + width + "s  %6s  %6s  %7s  %8s%n";
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, row, "suite", "passed", "failed", "skipped", "time"));
        out.append("-".repeat(width + 35)).append('\n');
        long passed = 0;
        long failed = 0;
        long skipped = 0;
        long ms = 0;
        for (SuiteTotals suite : suites) {
            out.append(String.format(Locale.ROOT, row, suite.simpleName(), suite.passed(), suite.failed(),
                    suite.skipped(), seconds(suite.millis())));
            passed += suite.passed();
            failed += suite.failed();
            skipped += suite.skipped();
            ms += suite.millis();
        }
        out.append("-".repeat(width + 35)).append('\n');
        out.append(String.format(Locale.ROOT, row, "total", passed, failed, skipped, seconds(ms)));
        out.append(failed == 0 ? (passed == 0 ? "NO CHECK RAN\n" : "CONFORMANT: every check passed\n")
                : "NOT CONFORMANT: " + failed + " check(s) failed\n");
        return out.toString();
    }

    static String seconds(long ms) {
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }
}
