package dev.tabrelay.server.compat;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.events.BodyPair;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementBox;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.HeaderPair;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.protocol.events.SelectedElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * BrowserTools' flat shapes to and from canonical payloads: {@code {type:"console-log",level,message,...}}
 * frames and {@code /extension-log} bodies in, the connector's array entries out.
 * A stand-in until {@code dev.tabrelay.protocol.dialect.browsertools} lands; then this class delegates to it.
 */
public final class BrowserToolsMapper {

    public static final String SOURCE = "browsertools-extension";

    /**
     * The canonical reading of one flat object, or empty for a type BrowserTools does not define.
     * {@code id} is the legacy {@code requestId} for replies, otherwise {@code fallbackId}.
     */
    public Optional<Message> toCanonical(Map<String, Object> flat, String fallbackId, long now) {
        Object typeValue = flat.get("type");
        if (!(typeValue instanceof String type)) {
            return Optional.empty();
        }
        long timestamp = flat.get("timestamp") instanceof Number n ? n.longValue() : now;
        String requestId = str(flat.get("requestId"));
        String tabId = flat.get("tabId") == null ? null : stringish(flat.get("tabId"));
        String url = str(flat.get("url"));
        Payload payload;
        String id = fallbackId;
        switch (type) {
            case "console-log" -> payload = new ConsoleLog(strOr(flat.get("level"), "log"), strOr(flat.get("message"), ""),
                    null, str(flat.get("source")), str(flat.get("stack")));
            case "console-error" -> payload = new ConsoleError(strOr(flat.get("level"), "error"),
                    strOr(flat.get("message"), ""), null, str(flat.get("source")), str(flat.get("stack")));
            case "network-request" -> {
                Integer status = flat.get("status") instanceof Number n ? n.intValue() : null;
                HeaderPair headers = new HeaderPair(headerMap(flat.get("requestHeaders")), headerMap(flat.get("responseHeaders")));
                BodyPair body = new BodyPair(str(flat.get("requestBody")), str(flat.get("responseBody")));
                String method = strOr(flat.get("method"), "GET");
                payload = new NetworkRequest(strOr(url, ""), method, status, str(flat.get("statusText")), null, null, headers, body);
                url = null; // the request's URL is not the page's
            }
            case "network-error" -> {
                Integer status = flat.get("status") instanceof Number n ? n.intValue() : null;
                payload = new NetworkError(strOr(url, ""), strOr(flat.get("method"), "GET"), status,
                        str(flat.get("statusText")), str(flat.get("error")), null, null, null);
                url = null;
            }
            case "selected-element", "element-selected" -> {
                Object element = flat.containsKey("element") ? flat.get("element") : flat.get("data");
                if (!(element instanceof Map<?, ?> map)) {
                    return Optional.empty();
                }
                payload = new ElementSelected(element(map));
            }
            case "page-navigated", "current-url-response" -> {
                if (url == null) {
                    return Optional.empty();
                }
                payload = new Navigation(url, str(flat.get("title")), null, null);
            }
            case "screenshot-data" -> {
                String data = str(flat.get("data"));
                payload = new ScreenshotResponse(true, str(flat.get("path")), data, null, null, null);
                id = requestId == null ? "" : requestId;
            }
            case "screenshot-error" -> {
                payload = ScreenshotResponse.failed(strOr(flat.get("error"), "the extension could not take a screenshot"));
                id = requestId == null ? "" : requestId;
            }
            case "heartbeat" -> payload = Heartbeat.alive();
            default -> {
                return Optional.empty();
            }
        }
        return Optional.of(new Message(id, timestamp, payload, new Metadata(null, SOURCE, null, tabId, url)));
    }

    /** A stored canonical event as a BrowserTools connector array entry. */
    public Map<String, Object> toLegacyEntry(Message message, boolean requestHeaders, boolean responseHeaders) {
        Map<String, Object> entry = new LinkedHashMap<>();
        Payload data = message.data();
        if (data instanceof ConsoleLog log) {
            entry.put("type", "console-log");
            entry.put("level", log.level());
            entry.put("message", log.message());
        } else if (data instanceof ConsoleError error) {
            entry.put("type", "console-error");
            entry.put("level", error.level());
            entry.put("message", error.message());
            if (error.stack() != null) {
                entry.put("stack", error.stack());
            }
        } else if (data instanceof NetworkRequest request) {
            entry.put("type", "network-request");
            entry.put("url", request.url());
            entry.put("method", request.method());
            entry.put("status", request.status());
            network(entry, request.headers(), request.body(), requestHeaders, responseHeaders);
        } else if (data instanceof NetworkError error) {
            entry.put("type", "network-request");
            entry.put("url", error.url());
            entry.put("method", error.method());
            entry.put("status", error.status() == null ? 0 : error.status());
            entry.put("error", error.error());
            network(entry, error.headers(), error.body(), requestHeaders, responseHeaders);
        } else if (data instanceof ElementSelected selected) {
            return element(selected.element());
        } else if (data instanceof Navigation navigation) {
            entry.put("type", "page-navigated");
            entry.put("url", navigation.url());
        } else {
            entry.put("type", message.type());
        }
        entry.put("timestamp", message.timestamp());
        if (message.metadata().tabId() != null) {
            entry.put("tabId", message.metadata().tabId());
        }
        if (message.metadata().url() != null && !(data instanceof NetworkRequest) && !(data instanceof NetworkError)) {
            entry.put("pageUrl", message.metadata().url());
        }
        return entry;
    }

    private static void network(Map<String, Object> entry, HeaderPair headers, BodyPair body,
                                boolean requestHeaders, boolean responseHeaders) {
        if (requestHeaders && headers != null) {
            entry.put("requestHeaders", headerList(headers.request()));
        }
        if (responseHeaders && headers != null) {
            entry.put("responseHeaders", headerList(headers.response()));
        }
        entry.put("requestBody", body == null || body.request() == null ? "" : body.request());
        entry.put("responseBody", body == null || body.response() == null ? "" : body.response());
    }

    /** BrowserTools' element shape: attributes as a {name,value} list. */
    public Map<String, Object> element(SelectedElement element) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("tagName", element.tagName());
        value.put("id", element.id() == null ? "" : element.id());
        value.put("className", element.className() == null ? "" : element.className());
        value.put("textContent", element.textContent() == null ? "" : element.textContent());
        value.put("attributes", headerList(element.attributes()));
        ElementBox box = element.dimensions();
        if (box != null) {
            value.put("dimensions", Map.of("width", box.width(), "height", box.height(), "top", box.top(), "left", box.left()));
        }
        value.put("innerHTML", element.innerHTML() == null ? "" : element.innerHTML());
        return value;
    }

    private static SelectedElement element(Map<?, ?> map) {
        ElementBox box = null;
        if (map.get("dimensions") instanceof Map<?, ?> d) {
            box = new ElementBox(num(d.get("width")), num(d.get("height")), num(d.get("top")), num(d.get("left")));
        }
        Map<String, String> styles = null;
        if (map.get("styles") instanceof Map<?, ?> s) {
            styles = headerMap(s);
        }
        return new SelectedElement(strOr(map.get("tagName"), "UNKNOWN"), str(map.get("id")), str(map.get("className")),
                headerMap(map.get("attributes")), box, styles, str(map.get("innerHTML")), str(map.get("textContent")),
                str(map.get("xpath")), str(map.get("cssSelector")));
    }

    /** HAR-style [{name,value}] lists or plain objects become one map; repeated names are joined with ", ". */
    static Map<String, String> headerMap(Object value) {
        if (value == null) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        if (value instanceof List<?> list) {
            for (Object item : list) {
                if (item instanceof Map<?, ?> pair && pair.get("name") != null) {
                    String name = stringish(pair.get("name"));
                    String v = pair.get("value") == null ? "" : stringish(pair.get("value"));
                    result.merge(name, v, (a, b) -> a + ", " + b);
                }
            }
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> result.put(String.valueOf(k), v == null ? "" : stringish(v)));
        }
        return result;
    }

    private static List<Object> headerList(Map<String, String> map) {
        List<Object> list = new ArrayList<>();
        if (map != null) {
            map.forEach((k, v) -> list.add(Map.of("name", k, "value", v)));
        }
        return list;
    }

    private static double num(Object value) {
        return value instanceof Number n ? n.doubleValue() : 0;
    }

    private static String str(Object value) {
        return value instanceof String s ? s : null;
    }

    private static String strOr(Object value, String fallback) {
        return value instanceof String s ? s : fallback;
    }

    /** JSON numbers arrive as doubles: 42.0 must read back as "42". */
    static String stringish(Object value) {
        if (value instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(value);
    }
}
