package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;
import dev.tabrelay.protocol.events.Navigation;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of BrowserTools' {@code POST /current-url}: {@code {url, tabId, timestamp, source}} &harr;
 * {@code navigation} (tabId and url also in the metadata, the legacy timestamp as the envelope's).
 * An empty url is {@code invalid-value} (the old server's 400 "No URL provided", as "" is falsy in JS).
 * Lossy: {@code source} (why the extension posted: {@code tab_url_change}, {@code tab_activated}, ...) has no
 * canonical field; it is dropped, and encoding sends {@value #SOURCE}.
 */
public final class BrowserToolsCurrentUrlBody implements DialectCodec {

    static final String SOURCE = "tab_url_change";

    private final LegacyJson json;
    private final Envelopes envelopes;

    public BrowserToolsCurrentUrlBody(LegacyJson json, Envelopes envelopes) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public Decoded decode(String body) throws FrameException {
        LegacyObject fields = json.parseObject(body);
        if (fields.string("url").isEmpty()) {
            throw new FrameException(FrameError.INVALID_VALUE, "'" + fields.at("url") + "' must not be empty",
                    fields.at("url"), null);
        }
        fields.optString("source"); // dropped, but a wrong type is still refused
        return new Decoded.Mapped(BrowserToolsFields.navigation(fields, envelopes, null));
    }

    @Override
    public List<String> encode(Message message) {
        if (!(message.data() instanceof Navigation navigation)) {
            return List.of();
        }
        Map<String, Object> body = BrowserToolsFields.navigationFields(message, navigation);
        body.remove("type"); // the path says what it is
        body.put("source", SOURCE);
        return List.of(json.write(body));
    }
}
