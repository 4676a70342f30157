package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;
import dev.tabrelay.protocol.events.ElementBox;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.SelectedElement;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Field conversions shared by the BrowserTools WebSocket frames and the {@code /extension-log} body. */
final class BrowserToolsFields {

    static final String SOURCE = "browser-tools";
    static final Metadata METADATA = new Metadata(null, SOURCE, null, null, null);

    private BrowserToolsFields() {
    }

    /** HAR headers {@code [{name,value}]} to a map; a repeated name keeps every value, joined by ", " (as HTTP does). */
    static Map<String, String> headers(LegacyObject owner, String field) throws FrameException {
        List<LegacyObject> entries = owner.optObjects(field);
        if (entries == null) {
            return null;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (LegacyObject entry : entries) {
            String name = entry.string("name");
            String value = entry.optString("value");
            headers.merge(name, value == null ? "" : value, (a, b) -> a + ", " + b);
        }
        return headers;
    }

    /** The reverse of {@link #headers}: a map to HAR name/value pairs. */
    static List<Map<String, Object>> har(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        List<Map<String, Object>> entries = new ArrayList<>();
        headers.forEach((name, value) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("name", name);
            entry.put("value", value);
            entries.add(entry);
        });
        return entries;
    }

    /** CDP says {@code warning} where the canonical level is {@code warn}; other levels pass through. */
    static String canonicalLevel(String cdpLevel) {
        return "warning".equals(cdpLevel) ? "warn" : cdpLevel;
    }

    static String cdpLevel(String canonicalLevel) {
        return "warn".equals(canonicalLevel) ? "warning" : canonicalLevel;
    }

    /** {@code page-navigated {url, tabId, timestamp}}: the same shape on the WebSocket and in a log body. */
    static Message navigation(LegacyObject fields, dev.tabrelay.protocol.dialect.Envelopes envelopes, String id)
            throws FrameException {
        String url = fields.string("url");
        Metadata metadata = METADATA.withTabId(fields.optId("tabId")).withUrl(url);
        return envelopes.wrap(id, fields.optWholeNumber("timestamp"), new Navigation(url, null, null, null), metadata);
    }

    static Map<String, Object> navigationFields(Message message, Navigation navigation) {
        Map<String, Object> frame = LegacyJson.frame("page-navigated");
        frame.put("url", navigation.url());
        frame.put("tabId", LegacyJson.numberIfDecimal(message.metadata().tabId()));
        frame.put("timestamp", message.timestamp());
        return frame;
    }

    /** The extension's element {@code {tagName, id, className, textContent, attributes[], dimensions, innerHTML}}. */
    static SelectedElement element(LegacyObject element) throws FrameException {
        Map<String, String> attributes = null;
        List<LegacyObject> entries = element.optObjects("attributes");
        if (entries != null) {
            attributes = new LinkedHashMap<>();
            for (LegacyObject entry : entries) {
                String value = entry.optString("value");
                attributes.put(entry.string("name"), value == null ? "" : value);
            }
        }
        LegacyObject box = element.optObject("dimensions");
        ElementBox dimensions = box == null ? null
                : new ElementBox(box.number("width"), box.number("height"), box.number("top"), box.number("left"));
        return new SelectedElement(element.string("tagName"), element.optString("id"), element.optString("className"),
                attributes, dimensions, null, element.optString("innerHTML"), element.optString("textContent"), null, null);
    }

    /** The reverse of {@link #element}, in the extension's key order. */
    static Map<String, Object> elementFields(SelectedElement element) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("tagName", element.tagName());
        fields.put("id", element.id());
        fields.put("className", element.className());
        fields.put("textContent", element.textContent());
        if (element.attributes() != null) {
            fields.put("attributes", har(element.attributes()));
        }
        ElementBox box = element.dimensions();
        if (box != null) {
            Map<String, Object> dimensions = new LinkedHashMap<>();
            dimensions.put("width", box.width());
            dimensions.put("height", box.height());
            dimensions.put("top", box.top());
            dimensions.put("left", box.left());
            fields.put("dimensions", dimensions);
        }
        fields.put("innerHTML", element.innerHTML());
        return fields;
    }

    /**
     * A deep copy without {@code null} members: what {@link LegacyJson#write} would send, for callers that hand
     * the tree to a writer that keeps nulls.
     */
    static Map<String, Object> withoutNulls(Map<String, ?> object) {
        Map<String, Object> copy = new LinkedHashMap<>();
        object.forEach((name, value) -> {
            if (value != null) {
                copy.put(name, withoutNulls(value));
            }
        });
        return copy;
    }

    @SuppressWarnings("unchecked")
    private static Object withoutNulls(Object value) {
        if (value instanceof Map<?, ?> map) {
            return withoutNulls((Map<String, ?>) map);
        }
        if (value instanceof List<?> list) {
            List<Object> copy = new ArrayList<>(list.size());
            list.forEach(item -> copy.add(withoutNulls(item)));
            return copy;
        }
        return value;
    }
}
