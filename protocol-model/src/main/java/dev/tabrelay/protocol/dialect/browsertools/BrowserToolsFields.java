package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;
import dev.tabrelay.protocol.events.Navigation;

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
}
