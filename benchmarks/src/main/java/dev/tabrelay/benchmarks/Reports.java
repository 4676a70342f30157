package dev.tabrelay.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Small helpers every scenario uses to summarise runs and write {@code <scenario>.json} / {@code .md}. */
public final class Reports {

    private static final JsonAdapter<Object> JSON = new Moshi.Builder().build().adapter(Object.class).indent("  ");

    private Reports() {
    }

    public static double median(List<Double> values) {
        List<Double> sorted = new ArrayList<>(values);
        sorted.sort(null);
        int n = sorted.size();
        return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
    }

    /** Rounded to {@code digits} decimals, for JSON. */
    public static double round(double value, int digits) {
        double scale = Math.pow(10, digits);
        return Math.round(value * scale) / scale;
    }

    /** Integer ops/s with thousands separators: {@code 1,234,567}. */
    public static String ops(double value) {
        return String.format(Locale.ROOT, "%,d", Math.round(value));
    }

    public static String fixed(double value, int digits) {
        return String.format(Locale.ROOT, "%." + digits + "f", value);
    }

    /** JVM and machine facts worth recording beside numbers. */
    public static Map<String, Object> environment() {
        Map<String, Object> env = new LinkedHashMap<>();
        env.put("jdk", System.getProperty("java.version"));
        env.put("vm", System.getProperty("java.vm.name") + " " + System.getProperty("java.vm.version"));
        env.put("os", System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
        env.put("cpus", Runtime.getRuntime().availableProcessors());
        env.put("loadAverageAtEnd", round(ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), 2));
        return env;
    }

    public static void writeJson(Path file, Object tree) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, JSON.toJson(tree) + "\n");
    }

    public static void writeText(Path file, String text) throws IOException {
        Files.createDirectories(file.toAbsolutePath().getParent());
        Files.writeString(file, text);
    }
}
