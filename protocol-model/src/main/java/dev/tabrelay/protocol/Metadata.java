package dev.tabrelay.protocol;

/**
 * Routing facts that travel beside a payload: which relay session, which tab and page it concerns,
 * and who sent it. Every field is optional on the wire.
 */
@Description("Routing facts beside a payload: relay session, tab, page URL, sender and its version. All optional.")
public record Metadata(String sessionId, String source, String version, String tabId, String url) {

    public static final Metadata EMPTY = new Metadata(null, null, null, null, null);

    public static Metadata ofSession(String sessionId) {
        return new Metadata(sessionId, null, null, null, null);
    }

    public Metadata withSessionId(String value) {
        return new Metadata(value, source, version, tabId, url);
    }

    public Metadata withSource(String value) {
        return new Metadata(sessionId, value, version, tabId, url);
    }

    public Metadata withTabId(String value) {
        return new Metadata(sessionId, source, version, value, url);
    }

    public Metadata withUrl(String value) {
        return new Metadata(sessionId, source, version, tabId, value);
    }
}
