package dev.tabrelay.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One table and one chart over every scenario's report ({@code <out>/<scenario>.json}): each target of the issue
 * as a row, with the measured value, the required one and a <em>score</em> = how far the measurement is on the
 * good side of the target (1 = exactly on target, above 1 = met; for "at least" targets measured/required, for
 * "at most" targets required/measured). Writes {@code summary.md} and a hand-written {@code summary.svg}
 * (no chart library). Scenarios without a report are left out and named.
 */
public final class Summary {

    /** One target: its label, measured and required values as text, and the score. */
    record Row(String scenario, String target, String measured, String required, double score, boolean met) {
    }

    private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class);
    private static final double CHART_MAX = 4.0;

    private Summary() {
    }

    /** Prints the table, writes summary.md and summary.svg into {@code out}; returns false if a target is missed. */
    public static boolean write(Path out, List<String> scenarios) throws IOException {
        List<Row> rows = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        for (String scenario : scenarios) {
            Map<String, Object> report = read(out.resolve(scenario + ".json"));
            if (report == null) {
                missing.add(scenario);
                continue;
            }
            rows.addAll(rows(scenario, report));
        }
        String table = table(rows);
        System.out.println();
        System.out.println("== summary (" + out + ") ==");
        System.out.println(table);
        if (!missing.isEmpty()) {
            System.out.println("no report yet for: " + String.join(", ", missing));
        }
        Reports.writeText(out.resolve("summary.md"), "# Benchmark summary\n\nEvery target of the benchmark issue,"
                + " from the reports in this folder (`./benchmarks.sh all` rewrites them; each scenario's own `.md` has"
                + " the details). **score** = how far the measurement is on the good side of its target: 1.00 = exactly"
                + " on target, above 1 = met (\"at least\" targets: measured / required; \"at most\" targets:"
                + " required / measured).\n\n" + table + "\n![summary chart](summary.svg)\n");
        Reports.writeText(out.resolve("summary.svg"), svg(rows));
        System.out.println("wrote " + out.resolve("summary.md") + " and summary.svg");
        return rows.stream().allMatch(Row::met);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> read(Path file) throws IOException {
        return Files.exists(file) ? (Map<String, Object>) JSON.fromJson(Files.readString(file)) : null;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> results(Map<String, Object> report) {
        return (List<Map<String, Object>>) report.get("results");
    }

    private static double num(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? Double.NaN : ((Number) value).doubleValue();
    }

    @SuppressWarnings("unchecked")
    static List<Row> rows(String scenario, Map<String, Object> report) {
        List<Row> rows = new ArrayList<>();
        switch (scenario) {
            case "codec" -> {
                // typed decode may cost at most 1.5x the Map baseline: the worst frame counts
                Map<String, Object> worst = results(report).stream().filter(r -> "decode".equals(r.get("operation")))
                        .max((a, b) -> Double.compare(num(a, "costVsBaseline"), num(b, "costVsBaseline"))).orElse(null);
                if (worst != null) {
                    double cost = num(worst, "costVsBaseline");
                    rows.add(new Row(scenario, "typed decode cost vs Map (worst: " + worst.get("frame") + ")",
                            f(cost, 2) + "x", "<= 1.50x", 1.5 / cost, cost <= 1.5));
                }
            }
            case "fanout" -> results(report).forEach(r -> {
                double ratio = num(r, "ratioHubToEcho");
                int n = ((Number) r.get("subscribers")).intValue();
                rows.add(new Row(scenario, "fan-out to " + String.format(Locale.ROOT, "%,d", n)
                        + " subscriber(s): hub delivered / echo", f(ratio, 2), ">= 0.50", ratio / 0.5, ratio >= 0.5));
            });
            case "chat" -> {
                Map<String, Object> target = (Map<String, Object>) report.get("target");
                double ratio = num(target, "ratio");
                if (!Double.isNaN(ratio)) {
                    rows.add(new Row(scenario, "64 tabs: relayed / trivial req/s", f(ratio, 2), ">= 0.50",
                            ratio / 0.5, ratio >= 0.5));
                }
                double added = num(target, "p99AddedMsAtHalfRate");
                if (Double.isNaN(added)) { // most open-loop windows collapsed (the queue overflowed)
                    rows.add(new Row(scenario, "p99 added latency at half of max rate", "collapsed", "< 2 ms", 0, false));
                } else {
                    // a negative difference (relayed faster than trivial: noise) scores as the cap
                    rows.add(new Row(scenario, "p99 added latency at half of max rate", f(added, 2) + " ms",
                            "< 2 ms", added <= 0 ? CHART_MAX : 2.0 / added, added < 2.0));
                }
            }
            case "connections" -> results(report).forEach(r -> {
                double heap = num(r, "heapWithConnectionsMiB");
                boolean ok = Boolean.TRUE.equals(r.get("serverAliveAndCountedAll"));
                int n = ((Number) r.get("connections")).intValue();
                rows.add(new Row(scenario, String.format(Locale.ROOT, "%,d", n) + " idle connections: heap after GC",
                        f(heap, 0) + " MiB", "<= 512 MiB", ok ? 512 / heap : 0, ok && heap <= 512 && n >= 10_000));
            });
            case "startup" -> results(report).stream().filter(r -> r.get("meetsTarget") != null).forEach(r -> {
                double s = num(r, "medianSeconds");
                rows.add(new Row(scenario, "to /health 200: " + r.get("variant"), f(s, 2) + " s", "< 1.5 s",
                        1.5 / s, s < 1.5));
            });
            default -> {
            }
        }
        return rows;
    }

    static String table(List<Row> rows) {
        StringBuilder out = new StringBuilder("| scenario | target | measured | required | score | |\n"
                + "|---|---|---:|---:|---:|---|\n");
        for (Row r : rows) {
            out.append("| ").append(r.scenario()).append(" | ").append(r.target()).append(" | ").append(r.measured())
                    .append(" | ").append(r.required()).append(" | ").append(f(r.score(), 2)).append(" | ")
                    .append(r.met() ? "met" : "MISSED").append(" |\n");
        }
        return out.toString();
    }

    /** Horizontal bars of each row's score, a line at 1 (the target); bars past {@value #CHART_MAX} are cut. */
    static String svg(List<Row> rows) {
        int labelWidth = 470;
        int barWidth = 380;
        int rowHeight = 26;
        int top = 48;
        int width = labelWidth + barWidth + 150;
        int height = top + rows.size() * rowHeight + 40;
        StringBuilder svg = new StringBuilder();
        svg.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" font-family=\"Helvetica, Arial, sans-serif\" font-size=\"12\">\n");
        svg.append("<rect width=\"100%\" height=\"100%\" fill=\"#ffffff\"/>\n");
        svg.append("<text x=\"10\" y=\"20\" font-size=\"15\" font-weight=\"bold\">TabRelay benchmarks: each target's"
                + " score (1 = on target, right of the line = met)</text>\n");
        svg.append("<text x=\"10\" y=\"38\" fill=\"#555\">score: at-least targets measured/required, at-most targets"
                + " required/measured; bars cut at ").append(f(CHART_MAX, 0)).append("</text>\n");
        // the target line first, so bars and their labels are drawn over it
        int x1 = labelWidth + (int) Math.round(1 / CHART_MAX * barWidth);
        int bottom = top + rows.size() * rowHeight;
        svg.append("<line x1=\"").append(x1).append("\" y1=\"").append(top).append("\" x2=\"").append(x1)
                .append("\" y2=\"").append(bottom).append("\" stroke=\"#000\" stroke-dasharray=\"4 3\"/>\n");
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            int y = top + i * rowHeight;
            double clipped = Math.max(0, Math.min(CHART_MAX, r.score()));
            int w = (int) Math.round(clipped / CHART_MAX * barWidth);
            svg.append("<text x=\"10\" y=\"").append(y + 16).append("\">").append(escape(r.scenario() + ": "
                    + r.target())).append("</text>\n");
            svg.append("<rect x=\"").append(labelWidth).append("\" y=\"").append(y + 4).append("\" width=\"").append(w)
                    .append("\" height=\"").append(rowHeight - 8).append("\" fill=\"")
                    .append(r.met() ? "#2e7d32" : "#c62828").append("\"/>\n");
            svg.append("<text x=\"").append(labelWidth + w + 6).append("\" y=\"").append(y + 16).append("\">")
                    .append(escape(r.measured() + " (" + r.required() + ")")).append("</text>\n");
        }
        for (int tick = 0; tick <= CHART_MAX; tick++) {
            int x = labelWidth + (int) Math.round(tick / CHART_MAX * barWidth);
            svg.append("<text x=\"").append(x).append("\" y=\"").append(bottom + 16)
                    .append("\" text-anchor=\"middle\" fill=\"#555\">").append(tick).append("</text>\n");
        }
        svg.append("<text x=\"").append(x1).append("\" y=\"").append(bottom + 32)
                .append("\" text-anchor=\"middle\" fill=\"#555\">target</text>\n");
        svg.append("</svg>\n");
        return svg.toString();
    }

    private static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }

    private static String f(double value, int digits) {
        return Reports.fixed(value, digits);
    }
}
