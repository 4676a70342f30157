package dev.tabrelay.server.admin;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Some settings, each null when not given: the body of {@code POST /v1/admin/update-settings} and the content of
 * {@code server-config.json} are both read through {@link #parse}, so the API and the file obey the same rules.
 */
public record SettingsPatch(Integer port, Long requestTimeoutMs, String newRequestBehavior, Integer maxQueueLength,
                            Integer historyLimit, Boolean recordMessageText) {

    public static final long MAX_TIMEOUT_MS = 24L * 60 * 60 * 1000;
    public static final int MAX_QUEUE_LENGTH = 100_000;
    public static final int MAX_HISTORY = 100_000;

    /** The field names, in the order they are listed and written. */
    public static final List<String> FIELDS = List.of("port", "requestTimeoutMs", "newRequestBehavior",
            "maxQueueLength", "historyLimit", "recordMessageText");

    public static SettingsPatch empty() {
        return new SettingsPatch(null, null, null, null, null, null);
    }

    public boolean isEmpty() {
        return this.equals(empty());
    }

    /** Validates every field and reports every problem at once. */
    public static SettingsPatch parse(Map<String, ?> values) {
        List<String> reasons = new ArrayList<>();
        for (String key : values.keySet()) {
            if (!FIELDS.contains(key)) {
                reasons.add("unknown setting '" + key + "' (known: " + String.join(", ", FIELDS) + ")");
            } else if (values.get(key) == null) {
                reasons.add(key + " must not be null");
            }
        }
        Long port = whole(values, "port", 0, 65535, reasons);
        Long timeout = whole(values, "requestTimeoutMs", 1, MAX_TIMEOUT_MS, reasons);
        String behavior = null;
        if (values.get("newRequestBehavior") != null) {
            Object value = values.get("newRequestBehavior");
            if (value instanceof String text && (text.equals("queue") || text.equals("drop"))) {
                behavior = text;
            } else {
                reasons.add("newRequestBehavior must be \"queue\" or \"drop\", got " + shown(value));
            }
        }
        Long queue = whole(values, "maxQueueLength", 0, MAX_QUEUE_LENGTH, reasons);
        Long history = whole(values, "historyLimit", 1, MAX_HISTORY, reasons);
        Boolean record = null;
        if (values.get("recordMessageText") != null) {
            if (values.get("recordMessageText") instanceof Boolean value) {
                record = value;
            } else {
                reasons.add("recordMessageText must be true or false, got " + shown(values.get("recordMessageText")));
            }
        }
        if (!reasons.isEmpty()) {
            throw new InvalidSettingsException(reasons);
        }
        return new SettingsPatch(port == null ? null : port.intValue(), timeout, behavior,
                queue == null ? null : queue.intValue(), history == null ? null : history.intValue(), record);
    }

    /** The given fields only, in {@link #FIELDS} order. */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        putIfSet(map, "port", port);
        putIfSet(map, "requestTimeoutMs", requestTimeoutMs);
        putIfSet(map, "newRequestBehavior", newRequestBehavior);
        putIfSet(map, "maxQueueLength", maxQueueLength);
        putIfSet(map, "historyLimit", historyLimit);
        putIfSet(map, "recordMessageText", recordMessageText);
        return map;
    }

    /** This patch without the named fields (used when a flag or environment variable pins them). */
    public SettingsPatch without(java.util.Set<String> fields) {
        return new SettingsPatch(fields.contains("port") ? null : port,
                fields.contains("requestTimeoutMs") ? null : requestTimeoutMs,
                fields.contains("newRequestBehavior") ? null : newRequestBehavior,
                fields.contains("maxQueueLength") ? null : maxQueueLength,
                fields.contains("historyLimit") ? null : historyLimit,
                fields.contains("recordMessageText") ? null : recordMessageText);
    }

    private static void putIfSet(Map<String, Object> map, String key, Object value) {
        if (value != null) {
            map.put(key, value);
        }
    }

    /** JSON numbers arrive as doubles: accept whole numbers in range only. */
    private static Long whole(Map<String, ?> values, String key, long min, long max, List<String> reasons) {
        Object value = values.get(key);
        if (value == null) {
            return null;
        }
        if (value instanceof Number number) {
            double d = number.doubleValue();
            if (d == Math.rint(d) && d >= min && d <= max) {
                return (long) d;
            }
        }
        reasons.add(key + " must be a whole number from " + min + " to " + max + ", got " + shown(value));
        return null;
    }

    private static String shown(Object value) {
        if (value instanceof String text) {
            return "\"" + text + "\"";
        }
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
