package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.ScreenshotResponse;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Frames a BrowserTools extension sends on {@code /extension-ws}:
 * <ul>
 *   <li>{@code heartbeat} &harr; {@code heartbeat}.</li>
 *   <li>{@code page-navigated {url, tabId, timestamp}} &harr; {@code navigation}; tabId and url also go into the
 *       metadata, the legacy timestamp becomes the envelope's.</li>
 *   <li>{@code screenshot-data {data, requestId, path?, autoPaste}} &harr; {@code screenshot-response} with
 *       success true, base64 = the data URL, message id = requestId. Lossy: {@code autoPaste} is dropped (the
 *       old server's auto-paste ran an AppleScript and is not honoured) and encodes as false.</li>
 *   <li>{@code screenshot-error {error, requestId}} &harr; {@code screenshot-response} with success false.</li>
 *   <li>{@code current-url-response {url, tabId, requestId, error?}} &rarr; {@code navigation} (id = requestId),
 *       or an {@code error} frame (code {@value #URL_ERROR_CODE}) when it carries an error. Decode only:
 *       a navigation always encodes as {@code page-navigated}.</li>
 * </ul>
 */
public final class BrowserToolsExtensionFrames implements DialectCodec {

    static final String URL_ERROR_CODE = "current-url-failed";
    private static final String DATA_URL_PREFIX = "data:image/png;base64,";

    private final LegacyJson json;
    private final Envelopes envelopes;

    public BrowserToolsExtensionFrames(LegacyJson json, Envelopes envelopes) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public Decoded decode(String text) throws FrameException {
        LegacyObject frame = json.parseObject(text);
        String type = frame.string("type");
        return switch (type) {
            case "heartbeat" -> new Decoded.Mapped(envelopes.wrap(Heartbeat.alive(), BrowserToolsFields.METADATA));
            case "page-navigated" -> new Decoded.Mapped(BrowserToolsFields.navigation(frame, envelopes, null));
            case "screenshot-data" -> {
                String data = frame.string("data");
                String path = frame.optString("path");
                frame.optBoolean("autoPaste"); // dropped, but a wrong type is still refused
                yield new Decoded.Mapped(envelopes.wrap(frame.optId("requestId"), null,
                        new ScreenshotResponse(true, path, data, null, null, null), BrowserToolsFields.METADATA));
            }
            case "screenshot-error" -> new Decoded.Mapped(envelopes.wrap(frame.optId("requestId"), null,
                    ScreenshotResponse.failed(frame.string("error")), BrowserToolsFields.METADATA));
            case "current-url-response" -> currentUrl(frame);
            default -> throw frame.unknownType("browser-tools extension", type);
        };
    }

    @Override
    public List<String> encode(Message message) {
        return switch (message.data()) {
            case Heartbeat ignored -> List.of(json.write(LegacyJson.frame("heartbeat")));
            case Navigation navigation -> List.of(json.write(BrowserToolsFields.navigationFields(message, navigation)));
            case ScreenshotResponse response -> List.of(json.write(screenshot(message, response)));
            default -> List.of();
        };
    }

    private Decoded currentUrl(LegacyObject frame) throws FrameException {
        String requestId = frame.optId("requestId");
        String error = frame.optString("error");
        if (error != null) {
            return new Decoded.Mapped(envelopes.wrap(requestId, null,
                    ErrorFrame.of(URL_ERROR_CODE, error, requestId), BrowserToolsFields.METADATA));
        }
        return new Decoded.Mapped(BrowserToolsFields.navigation(frame, envelopes, requestId));
    }

    private static Map<String, Object> screenshot(Message message, ScreenshotResponse response) {
        if (!Boolean.TRUE.equals(response.success())) {
            Map<String, Object> frame = LegacyJson.frame("screenshot-error");
            frame.put("error", response.error() == null ? "screenshot failed" : response.error());
            frame.put("requestId", message.id());
            return frame;
        }
        if (response.base64() == null) {
            throw new IllegalArgumentException("screenshot-data needs the image: a successful screenshot-response without base64");
        }
        Map<String, Object> frame = LegacyJson.frame("screenshot-data");
        // The legacy server expects a data URL; canonical allows bare base64 too.
        frame.put("data", response.base64().startsWith("data:") ? response.base64() : DATA_URL_PREFIX + response.base64());
        frame.put("requestId", message.id());
        frame.put("path", response.path());
        frame.put("autoPaste", false);
        return frame;
    }
}
