package dev.tabrelay.server.compat.browcall;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.browcall.BrowcallExtensionFrames;
import dev.tabrelay.protocol.dialect.browcall.BrowcallServerFrames;
import dev.tabrelay.server.connection.LegacyDialect;

import java.util.List;

/**
 * The Browcall extension's {@code {type, data}} frames for <em>one</em> connection (one pinned tab): its
 * cumulative answers become deltas and {@code stop} ends the request. Snapshot-era extensions answer without
 * the request's uuid, so every request sent is announced to the reading side first.
 */
public final class BrowcallDialect {

    public static final String NAME = "browcall";

    private BrowcallDialect() {
    }

    public static LegacyDialect forOneConnection(LegacyJson json, Envelopes envelopes) {
        BrowcallExtensionFrames in = new BrowcallExtensionFrames(json, envelopes);
        BrowcallServerFrames out = new BrowcallServerFrames(json, envelopes);
        DialectCodec toPeer = new DialectCodec() {
            @Override
            public Decoded decode(String frame) throws FrameException {
                return out.decode(frame);
            }

            @Override
            public List<String> encode(Message message) {
                if (message.data() instanceof SendChatMessage send) {
                    in.expect(send.requestId());
                }
                return out.encode(message);
            }
        };
        return new LegacyDialect(NAME, in, toPeer);
    }
}
