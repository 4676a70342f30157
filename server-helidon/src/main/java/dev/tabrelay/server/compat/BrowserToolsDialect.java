package dev.tabrelay.server.compat;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.Ids;
import dev.tabrelay.server.connection.LegacyDialect;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * BrowserTools' flat frames on {@code /extension-ws}: read through {@link BrowserToolsMapper}; written as
 * {@code take-screenshot}, {@code heartbeat-response} and {@code server-shutdown}. Canonical messages with no
 * BrowserTools counterpart are not sent to such peers.
 */
public final class BrowserToolsDialect implements LegacyDialect {

    private final BrowserToolsMapper mapper;
    private final JsonAdapter<Object> json;
    private final Ids ids;
    private final Clock clock;

    public BrowserToolsDialect(BrowserToolsMapper mapper, Moshi moshi, Ids ids, Clock clock) {
        this.mapper = mapper;
        this.json = moshi.adapter(Object.class);
        this.ids = ids;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "browsertools";
    }

    @Override
    @SuppressWarnings("unchecked")
    public Optional<Message> decode(String text) {
        Object value;
        try {
            value = json.fromJson(text);
        } catch (Exception e) {
            return Optional.empty();
        }
        if (!(value instanceof Map<?, ?> map)) {
            return Optional.empty();
        }
        return mapper.toCanonical((Map<String, Object>) map, ids.next("bt"), clock.millis());
    }

    @Override
    public Connection.FrameEncoder encoder() {
        return this::encode;
    }

    String encode(Message message) {
        Payload data = message.data();
        Map<String, Object> frame = new LinkedHashMap<>();
        if (data instanceof ScreenshotRequest) {
            frame.put("type", "take-screenshot");
            frame.put("requestId", message.id());
        } else if (data instanceof Heartbeat) {
            frame.put("type", "heartbeat-response");
        } else if (data instanceof ConnectionClose) {
            frame.put("type", "server-shutdown");
        } else {
            return null;
        }
        return json.toJson(frame);
    }
}
