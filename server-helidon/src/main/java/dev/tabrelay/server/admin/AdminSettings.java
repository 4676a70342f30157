package dev.tabrelay.server.admin;

import dev.tabrelay.server.chat.ChatPolicy;
import dev.tabrelay.server.chat.NewRequestBehavior;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The settings an operator changes through the admin API (and that {@code server-config.json} persists).
 * {@code requestTimeoutMs}, {@code newRequestBehavior}, {@code maxQueueLength}, {@code historyLimit} and
 * {@code recordMessageText} apply at once; {@code port} on the next restart.
 *
 * @param requestTimeoutMs  the chat timeout (config key {@code chat-timeout-ms})
 * @param historyLimit      entries kept in the message history ring
 * @param recordMessageText whether history entries keep prompt and answer text
 */
public record AdminSettings(int port, long requestTimeoutMs, String newRequestBehavior, int maxQueueLength,
                            int historyLimit, boolean recordMessageText) {

    public static final int DEFAULT_HISTORY_LIMIT = 1000;
    /** Off by default: the admin API has no authentication yet, and prompts may be private. */
    public static final boolean DEFAULT_RECORD_TEXT = false;

    /** The command-line/config-file key of each field that has one (history settings live only here). */
    public static final Map<String, String> CONFIG_KEYS = Map.of("port", "port",
            "requestTimeoutMs", "chat-timeout-ms",
            "newRequestBehavior", "new-request-behavior",
            "maxQueueLength", "max-queue-length");

    public AdminSettings {
        // One validator for every source: build the patch and let it complain.
        SettingsPatch.parse(new SettingsPatch(port, requestTimeoutMs, newRequestBehavior, maxQueueLength,
                historyLimit, recordMessageText).toMap());
        Objects.requireNonNull(newRequestBehavior, "newRequestBehavior");
    }

    public static AdminSettings of(int port, ChatPolicy chat) {
        return new AdminSettings(port, chat.requestTimeout().toMillis(), chat.newRequestBehavior().wireName(),
                chat.maxQueueLength(), DEFAULT_HISTORY_LIMIT, DEFAULT_RECORD_TEXT);
    }

    /** These settings with the patch's given fields replaced. */
    public AdminSettings with(SettingsPatch patch) {
        return new AdminSettings(
                patch.port() != null ? patch.port() : port,
                patch.requestTimeoutMs() != null ? patch.requestTimeoutMs() : requestTimeoutMs,
                patch.newRequestBehavior() != null ? patch.newRequestBehavior() : newRequestBehavior,
                patch.maxQueueLength() != null ? patch.maxQueueLength() : maxQueueLength,
                patch.historyLimit() != null ? patch.historyLimit() : historyLimit,
                patch.recordMessageText() != null ? patch.recordMessageText() : recordMessageText);
    }

    public ChatPolicy chatPolicy() {
        return new ChatPolicy(Duration.ofMillis(requestTimeoutMs), NewRequestBehavior.parse(newRequestBehavior),
                maxQueueLength);
    }

    /** The names of the fields whose values differ from {@code before}. */
    public List<String> changedFrom(AdminSettings before) {
        Map<String, Object> now = toMap();
        Map<String, Object> then = before.toMap();
        List<String> changed = new ArrayList<>();
        now.forEach((key, value) -> {
            if (!value.equals(then.get(key))) {
                changed.add(key);
            }
        });
        return changed;
    }

    /** Every field, in {@link SettingsPatch#FIELDS} order (the file and API shape). */
    public Map<String, Object> toMap() {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("port", port);
        map.put("requestTimeoutMs", requestTimeoutMs);
        map.put("newRequestBehavior", newRequestBehavior);
        map.put("maxQueueLength", maxQueueLength);
        map.put("historyLimit", historyLimit);
        map.put("recordMessageText", recordMessageText);
        return map;
    }
}
