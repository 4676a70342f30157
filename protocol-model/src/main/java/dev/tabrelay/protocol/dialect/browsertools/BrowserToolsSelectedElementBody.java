package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.events.ElementSelected;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The body of BrowserTools' {@code POST /selected-element}: {@code {"data": element}} &harr; {@code element-selected},
 * with the element in the same shape as in an {@code /extension-log} {@code selected-element}. The body carries
 * no timestamp: the envelope gets the clock's.
 */
public final class BrowserToolsSelectedElementBody implements DialectCodec {

    private final LegacyJson json;
    private final Envelopes envelopes;

    public BrowserToolsSelectedElementBody(LegacyJson json, Envelopes envelopes) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public Decoded decode(String body) throws FrameException {
        ElementSelected selected = new ElementSelected(BrowserToolsFields.element(json.parseObject(body).object("data")));
        return new Decoded.Mapped(envelopes.wrap(selected, BrowserToolsFields.METADATA));
    }

    @Override
    public List<String> encode(Message message) {
        if (!(message.data() instanceof ElementSelected selected)) {
            return List.of();
        }
        return List.of(json.write(Map.of("data", BrowserToolsFields.elementFields(selected.element()))));
    }
}
