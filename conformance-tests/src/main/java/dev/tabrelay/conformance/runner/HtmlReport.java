package dev.tabrelay.conformance.runner;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/** One self-contained HTML page (inline CSS, no scripts or external assets): the summary, then every check. */
final class HtmlReport {

    private static final String CSS = """
            body{font:14px/1.4 system-ui,sans-serif;margin:2em;color:#222}
            h1{font-size:1.4em} h2{font-size:1.1em;margin-top:2em}
            table{border-collapse:collapse;margin:.5em 0} td,th{border:1px solid #ccc;padding:.25em .6em;text-align:left}
            th{background:#f3f3f3} td.n{text-align:right}
            .PASS{color:#17692b;font-weight:600} .FAIL{color:#b00020;font-weight:600} .SKIP{color:#8a6d00;font-weight:600}
            .verdict{font-size:1.2em;padding:.5em 1em;display:inline-block;border-radius:4px}
            .ok{background:#e3f5e7} .bad{background:#fde7ea}
            pre{background:#f7f7f7;border:1px solid #ddd;padding:.6em;overflow:auto;font-size:12px;max-height:30em}
            """;

    private HtmlReport() {
    }

    static Path write(Path file, String title, List<SuiteTotals> suites, Instant started) {
        long failed = suites.stream().mapToLong(SuiteTotals::failed).sum();
        long passed = suites.stream().mapToLong(SuiteTotals::passed).sum();
        StringBuilder html = new StringBuilder();
        html.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>")
                .append(esc(title)).append("</title><style>").append(CSS).append("</style></head><body>\n");
        html.append("<h1>").append(esc(title)).append("</h1>\n<p>Started ").append(esc(started.toString()))
                .append("</p>\n<p class=\"verdict ").append(failed == 0 && passed > 0 ? "ok" : "bad").append("\">")
                .append(failed == 0 ? (passed == 0 ? "No check ran" : "Conformant: every check passed")
                        : "Not conformant: " + failed + " check(s) failed").append("</p>\n");
        html.append("<h2>Summary</h2>\n<table id=\"summary\"><tr><th>suite</th><th>passed</th><th>failed</th>"
                + "<th>skipped</th><th>time</th></tr>\n");
        for (SuiteTotals suite : suites) {
            html.append("<tr><td><a href=\"#").append(esc(suite.suite())).append("\">").append(esc(suite.simpleName()))
                    .append("</a></td><td class=\"n\">").append(suite.passed()).append("</td><td class=\"n\">")
                    .append(suite.failed()).append("</td><td class=\"n\">").append(suite.skipped())
                    .append("</td><td class=\"n\">").append(SummaryTable.seconds(suite.millis())).append("</td></tr>\n");
        }
        html.append("</table>\n");
        for (SuiteTotals suite : suites) {
            html.append("<h2 id=\"").append(esc(suite.suite())).append("\">").append(esc(suite.simpleName()))
                    .append("</h2>\n<table><tr><th>check</th><th>result</th><th>ms</th><th>details</th></tr>\n");
            for (TestResult result : suite.results()) {
                html.append("<tr><td>").append(esc(result.name())).append("</td><td class=\"")
                        .append(result.status()).append("\">").append(result.status()).append("</td><td class=\"n\">")
                        .append(result.millis()).append("</td><td>");
                if (result.status() == TestResult.Status.FAIL) {
                    html.append(esc(result.message())).append("<pre>").append(esc(result.stackTrace())).append("</pre>");
                } else if (result.message() != null) {
                    html.append(esc(result.message()));
                }
                html.append("</td></tr>\n");
            }
            html.append("</table>\n");
        }
        html.append("</body></html>\n");
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.writeString(file, html);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String esc(String text) {
        if (text == null) {
            return "";
        }
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
