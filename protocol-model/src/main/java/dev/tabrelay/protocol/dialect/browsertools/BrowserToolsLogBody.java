package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;
import dev.tabrelay.protocol.events.BodyPair;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.HeaderPair;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.SelectedElement;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of BrowserTools' {@code POST /extension-log}: {@code {"data":{type,...},"settings":{...}}}, mapped on
 * {@code data.type}:
 * <ul>
 *   <li>{@code console-log {level, message, timestamp}} &harr; {@code console-log}; CDP's level {@code warning}
 *       is the canonical {@code warn} (other CDP levels pass through).</li>
 *   <li>{@code console-error {level, message, timestamp}} &harr; {@code console-error}.</li>
 *   <li>{@code network-request {url, method, status, requestHeaders, responseHeaders, requestBody, responseBody}}
 *       &harr; {@code network-request}, or {@code network-error} when status &ge; 400 or 0 (the old server filed
 *       status 0, a failed or aborted request, under success). HAR header lists become maps: a repeated header's
 *       values are joined with ", ", and the original case and order of repeats are lost.</li>
 *   <li>{@code selected-element {timestamp, element{tagName, id, className, textContent, attributes[], dimensions,
 *       innerHTML}}} &harr; {@code element-selected}.</li>
 *   <li>{@code page-navigated {url, tabId, timestamp}} &harr; {@code navigation}.</li>
 * </ul>
 * The legacy {@code settings} block is dropped: the old server merged it into process-wide settings, which let
 * any extension change every client's limits; TabRelay's limits are its own. Encoding (for a simulated extension)
 * sends the old extension's default settings. A missing {@code data} is {@code missing-field} (the old server's
 * 400 "No data provided"); an unknown {@code data.type} is {@code unknown-type} (the old server answered ok and
 * dropped it, which a compatibility listener may keep doing).
 */
public final class BrowserToolsLogBody implements DialectCodec {

    private final LegacyJson json;
    private final Envelopes envelopes;

    public BrowserToolsLogBody(LegacyJson json, Envelopes envelopes) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public Decoded decode(String body) throws FrameException {
        return decode(json.parseObject(body));
    }

    /** Decodes an already parsed body, so a listener that also reads {@code settings} parses it once. */
    public Decoded decode(LegacyObject body) throws FrameException {
        LegacyObject data = body.object("data");
        String type = data.string("type");
        Long timestamp = data.optWholeNumber("timestamp");
        return new Decoded.Mapped(switch (type) {
            case "console-log" -> wrap(timestamp, new ConsoleLog(level(data, "log"), data.string("message"), null, null, null));
            case "console-error" -> wrap(timestamp, new ConsoleError(level(data, "error"), data.string("message"), null, null, null));
            case "network-request" -> wrap(timestamp, network(data));
            case "selected-element" -> wrap(timestamp, new ElementSelected(BrowserToolsFields.element(data.object("element"))));
            case "page-navigated" -> BrowserToolsFields.navigation(data, envelopes, null);
            default -> throw data.unknownType("browser-tools extension-log", type);
        });
    }

    @Override
    public List<String> encode(Message message) {
        Map<String, Object> data = entry(message);
        if (data == null) {
            return List.of();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", data);
        body.put("settings", defaultSettings());
        return List.of(json.write(body));
    }

    /**
     * The body's {@code data} object for this message, or {@code null} when it has none. It is also the entry the
     * old connector stored and listed ({@code GET /console-logs} etc.), so a compatibility listener lists with it.
     * Absent values are left out (never {@code null}); the map is a fresh, mutable copy.
     */
    public Map<String, Object> entry(Message message) {
        Map<String, Object> data = switch (message.data()) {
            case ConsoleLog log -> console("console-log", log.level(), log.message(), message.timestamp());
            case ConsoleError error -> console("console-error", error.level(), error.message(), message.timestamp());
            case NetworkRequest request -> network(request.url(), request.method(), request.status(),
                    request.headers(), request.body());
            case NetworkError error -> network(error.url(), error.method(), error.status(), error.headers(), error.body());
            case ElementSelected selected -> selectedElement(selected.element(), message.timestamp());
            case Navigation navigation -> BrowserToolsFields.navigationFields(message, navigation);
            default -> null;
        };
        return data == null ? null : BrowserToolsFields.withoutNulls(data);
    }

    private Message wrap(Long timestamp, dev.tabrelay.protocol.Payload payload) {
        return envelopes.wrap(null, timestamp, payload, BrowserToolsFields.METADATA);
    }

    private static String level(LegacyObject data, String fallback) throws FrameException {
        String level = data.optString("level");
        return BrowserToolsFields.canonicalLevel(level == null ? fallback : level);
    }

    private static dev.tabrelay.protocol.Payload network(LegacyObject data) throws FrameException {
        String url = data.string("url");
        String method = data.string("method");
        Integer status = data.optInt("status");
        Map<String, String> requestHeaders = BrowserToolsFields.headers(data, "requestHeaders");
        Map<String, String> responseHeaders = BrowserToolsFields.headers(data, "responseHeaders");
        HeaderPair headers = requestHeaders == null && responseHeaders == null ? null : new HeaderPair(requestHeaders, responseHeaders);
        String requestBody = data.optString("requestBody");
        String responseBody = data.optString("responseBody");
        BodyPair body = requestBody == null && responseBody == null ? null : new BodyPair(requestBody, responseBody);
        if (status != null && (status >= 400 || status == 0)) {
            String error = status == 0 ? "request failed or was aborted (status 0)" : "HTTP " + status;
            return new NetworkError(url, method, status, null, error, null, headers, body);
        }
        return new NetworkRequest(url, method, status, null, null, null, headers, body);
    }

    private static Map<String, Object> console(String type, String level, String message, long timestamp) {
        Map<String, Object> data = LegacyJson.frame(type);
        data.put("level", BrowserToolsFields.cdpLevel(level));
        data.put("message", message);
        data.put("timestamp", timestamp);
        return data;
    }

    private static Map<String, Object> network(String url, String method, Integer status, HeaderPair headers, BodyPair body) {
        Map<String, Object> data = LegacyJson.frame("network-request");
        data.put("url", url);
        data.put("method", method);
        data.put("status", status);
        data.put("requestHeaders", headers == null ? null : BrowserToolsFields.har(headers.request()));
        data.put("responseHeaders", headers == null ? null : BrowserToolsFields.har(headers.response()));
        data.put("requestBody", body == null ? null : body.request());
        data.put("responseBody", body == null ? null : body.response());
        return data;
    }

    private static Map<String, Object> selectedElement(SelectedElement element, long timestamp) {
        Map<String, Object> data = LegacyJson.frame("selected-element");
        data.put("timestamp", timestamp);
        data.put("element", BrowserToolsFields.elementFields(element));
        return data;
    }

    /** The old extension's defaults, so a simulated extension posts what a real one would. */
    private static Map<String, Object> defaultSettings() {
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("logLimit", 50);
        settings.put("queryLimit", 30000);
        settings.put("showRequestHeaders", false);
        settings.put("showResponseHeaders", false);
        return settings;
    }
}
