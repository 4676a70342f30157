package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;
import dev.tabrelay.protocol.events.ScreenshotResponse;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of BrowserTools' {@code POST /screenshot} (the DevTools panel's own "Capture Screenshot" button):
 * {@code {data, path?}} &harr; a successful {@code screenshot-response} (base64 = the data URL, path = the
 * panel's folder setting). A missing or empty {@code data} is refused (the old server's 400
 * "Missing screenshot data"). The path is only carried: where a file goes is the listener's decision (the old
 * server wrote wherever the body said). Nothing answers a request, so a failed response encodes to nothing.
 */
public final class BrowserToolsScreenshotBody implements DialectCodec {

    private final LegacyJson json;
    private final Envelopes envelopes;

    public BrowserToolsScreenshotBody(LegacyJson json, Envelopes envelopes) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public Decoded decode(String body) throws FrameException {
        LegacyObject fields = json.parseObject(body);
        String data = fields.string("data");
        if (data.isEmpty()) {
            throw new FrameException(FrameError.INVALID_VALUE, "'" + fields.at("data") + "' must not be empty",
                    fields.at("data"), null);
        }
        ScreenshotResponse response = new ScreenshotResponse(true, fields.optString("path"), data, null, null, null);
        return new Decoded.Mapped(envelopes.wrap(response, BrowserToolsFields.METADATA));
    }

    @Override
    public List<String> encode(Message message) {
        if (!(message.data() instanceof ScreenshotResponse response) || !Boolean.TRUE.equals(response.success())
                || response.base64() == null) {
            return List.of();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("data", response.base64());
        body.put("path", response.path());
        return List.of(json.write(body));
    }
}
