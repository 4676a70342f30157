package dev.tabrelay.server.compat;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsLogBody;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stored canonical events as the connector's array entries. The shape is the dialect's ({@link
 * BrowserToolsLogBody#entry}: what the extension posted and the old connector stored); this class only adds what
 * the relay knows beyond it (timestamp, tab, page, error text) and hides headers as the extension's settings ask.
 */
final class LegacyEntries {

    private final BrowserToolsLogBody log;

    LegacyEntries(BrowserToolsLogBody log) {
        this.log = log;
    }

    Map<String, Object> entry(Message message, boolean requestHeaders, boolean responseHeaders) {
        Map<String, Object> entry = log.entry(message);
        if (entry == null) { // an event type BrowserTools never had: still listed, by its canonical type
            entry = new LinkedHashMap<>();
            entry.put("type", message.type());
        }
        boolean network = message.data() instanceof NetworkRequest || message.data() instanceof NetworkError;
        if (!requestHeaders) {
            entry.remove("requestHeaders");
        }
        if (!responseHeaders) {
            entry.remove("responseHeaders");
        }
        if (message.data() instanceof NetworkError error && error.error() != null) {
            entry.put("error", error.error());
        }
        entry.putIfAbsent("timestamp", message.timestamp()); // network entries have none; /all-xhr is time-ordered
        if (message.metadata().tabId() != null) {
            entry.putIfAbsent("tabId", message.metadata().tabId());
        }
        if (!network && message.metadata().url() != null) {
            entry.put("pageUrl", message.metadata().url()); // a network entry's url is the request's, not the page's
        }
        return entry;
    }

    /** The element of a stored {@code element-selected}, as {@code GET /selected-element} answers it. */
    Object element(Message selected) {
        Map<String, Object> entry = log.entry(selected);
        return entry == null ? null : entry.get("element");
    }
}
