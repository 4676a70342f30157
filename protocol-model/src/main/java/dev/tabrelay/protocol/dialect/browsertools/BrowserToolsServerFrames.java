package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;
import dev.tabrelay.protocol.events.ScreenshotRequest;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Frames a BrowserTools server sends on {@code /extension-ws} (flat {@code {type, ...}} objects):
 * <ul>
 *   <li>{@code take-screenshot {requestId}} &harr; {@code screenshot-request}; the legacy requestId is the
 *       canonical message id, so the extension's {@code screenshot-data} answers it by id. Lossy: format,
 *       quality, fullPage and selector have no legacy field (the extension captures the visible tab as PNG).</li>
 *   <li>{@code server-shutdown} &harr; {@code connection-close} (reason {@value #SHUTDOWN_REASON}, code 1000).</li>
 *   <li>{@code heartbeat-response} &harr; {@code heartbeat} (the extension handles it; the old server never sent it).</li>
 *   <li>{@code get-current-url {requestId}} &rarr; {@link Decoded.Ignored}: no canonical request asks for the URL
 *       (navigation events carry it), and the old server never sent it; nothing encodes to it.</li>
 * </ul>
 */
public final class BrowserToolsServerFrames implements DialectCodec {

    static final String SHUTDOWN_REASON = "server-shutdown";

    private final LegacyJson json;
    private final Envelopes envelopes;

    public BrowserToolsServerFrames(LegacyJson json, Envelopes envelopes) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public Decoded decode(String text) throws FrameException {
        LegacyObject frame = json.parseObject(text);
        String type = frame.string("type");
        return switch (type) {
            case "take-screenshot" -> new Decoded.Mapped(envelopes.wrap(frame.optId("requestId"), null,
                    new ScreenshotRequest("png", null, false, null), BrowserToolsFields.METADATA));
            case "server-shutdown" -> new Decoded.Mapped(envelopes.wrap(
                    new ConnectionClose(SHUTDOWN_REASON, 1000, "Server shutting down"), BrowserToolsFields.METADATA));
            case "heartbeat-response" -> new Decoded.Mapped(envelopes.wrap(Heartbeat.alive(), BrowserToolsFields.METADATA));
            case "get-current-url" -> new Decoded.Ignored(type, frame.optId("requestId"),
                    "no canonical request asks for the current URL; navigation events carry it");
            default -> throw frame.unknownType("browser-tools server", type);
        };
    }

    @Override
    public List<String> encode(Message message) {
        return switch (message.data()) {
            case ScreenshotRequest ignored -> {
                Map<String, Object> frame = LegacyJson.frame("take-screenshot");
                frame.put("requestId", message.id());
                yield List.of(json.write(frame));
            }
            case ConnectionClose ignored -> List.of(json.write(LegacyJson.frame("server-shutdown")));
            case Heartbeat ignored -> List.of(json.write(LegacyJson.frame("heartbeat-response")));
            default -> List.of();
        };
    }
}
