package dev.tabrelay.server.compat.chatrelay;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.chat.CancelChat;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayExtensionFrames;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayRequestIds;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayServerFrames;
import dev.tabrelay.server.connection.LegacyDialect;

import java.util.List;

/**
 * The Chat Relay extension's flat frames for <em>one</em> connection: its numeric request ids are mapped per
 * connection, so each socket gets its own id table. The extension cannot be told to cancel; a cancel at least
 * frees the request's number.
 */
public final class ChatRelayDialect {

    public static final String NAME = "chat-relay";

    private ChatRelayDialect() {
    }

    public static LegacyDialect forOneConnection(LegacyJson json, Envelopes envelopes) {
        ChatRelayRequestIds ids = new ChatRelayRequestIds();
        ChatRelayServerFrames out = new ChatRelayServerFrames(json, envelopes, ids);
        DialectCodec toPeer = new DialectCodec() {
            @Override
            public Decoded decode(String frame) throws FrameException {
                return out.decode(frame);
            }

            @Override
            public List<String> encode(Message message) {
                if (message.data() instanceof CancelChat cancel) {
                    ids.release(cancel.requestId());
                    return List.of();
                }
                return out.encode(message);
            }
        };
        return new LegacyDialect(NAME, new ChatRelayExtensionFrames(json, envelopes, ids), toPeer);
    }
}
