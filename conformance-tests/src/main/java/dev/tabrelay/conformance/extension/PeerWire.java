package dev.tabrelay.conformance.extension;

import dev.tabrelay.conformance.Json;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.browcall.BrowcallExtensionFrames;
import dev.tabrelay.protocol.dialect.browcall.BrowcallServerFrames;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsExtensionFrames;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsServerFrames;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayExtensionFrames;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayRequestIds;
import dev.tabrelay.protocol.dialect.chatrelay.ChatRelayServerFrames;
import dev.tabrelay.simulator.Dialect;

import java.util.List;
import java.util.Map;

/**
 * The relay's side of one extension connection in one dialect: decodes what the extension sends (the canonical
 * {@link FrameCodec}, or the dialect's extension-side codec) and encodes what the relay sends (the dialect's
 * server-side codec). One per connection: legacy request ids and cumulative answers are per connection.
 */
final class PeerWire {

    private final Dialect dialect;
    private final FrameCodec canonical;
    private final DialectCodec fromExtension;
    private final DialectCodec toExtension;

    private PeerWire(Dialect dialect, FrameCodec canonical, DialectCodec fromExtension, DialectCodec toExtension) {
        this.dialect = dialect;
        this.canonical = canonical;
        this.fromExtension = fromExtension;
        this.toExtension = toExtension;
    }

    /**
     * The dialect of a connection from its first frame and path: a canonical envelope ({@code id}, {@code type},
     * {@code timestamp}) is canonical; Browcall says {@code register}; Chat Relay says {@code EXTENSION_READY}
     * (or dials any other path); BrowserTools sends flat frames on {@code /extension-ws}.
     */
    static Dialect detect(String firstFrame, boolean extensionPath) {
        Map<String, Object> json;
        try {
            json = Json.object(firstFrame);
        } catch (RuntimeException | AssertionError notAnObject) {
            return extensionPath ? Dialect.CANONICAL : Dialect.CHAT_RELAY;
        }
        Object type = json.get("type");
        if (json.containsKey("id") && json.containsKey("timestamp") && type != null) {
            return Dialect.CANONICAL;
        }
        if ("register".equals(type)) {
            return Dialect.BROWCALL;
        }
        if ("EXTENSION_READY".equals(type) || !extensionPath) {
            return Dialect.CHAT_RELAY;
        }
        return Dialect.BROWSER_TOOLS;
    }

    static PeerWire of(Dialect dialect, FrameCodec canonical) {
        LegacyJson json = LegacyJson.withMaxFrameBytes(canonical.maxFrameBytes());
        Envelopes envelopes = Envelopes.system();
        return switch (dialect) {
            case CANONICAL -> new PeerWire(dialect, canonical, null, null);
            case CHAT_RELAY -> {
                ChatRelayRequestIds ids = new ChatRelayRequestIds();
                yield new PeerWire(dialect, canonical, new ChatRelayExtensionFrames(json, envelopes, ids),
                        new ChatRelayServerFrames(json, envelopes, ids));
            }
            case BROWSER_TOOLS -> new PeerWire(dialect, canonical, new BrowserToolsExtensionFrames(json, envelopes),
                    new BrowserToolsServerFrames(json, envelopes));
            case BROWCALL -> new PeerWire(dialect, canonical, new BrowcallExtensionFrames(json, envelopes),
                    new BrowcallServerFrames(json, envelopes));
        };
    }

    Dialect dialect() {
        return dialect;
    }

    Decoded decode(String text) throws FrameException {
        return fromExtension == null ? new Decoded.Mapped(canonical.decode(text)) : fromExtension.decode(text);
    }

    /** The frames that carry {@code message} in this dialect (none when the dialect cannot express it). */
    List<String> encode(Message message) {
        if (toExtension == null) {
            return List.of(canonical.encode(message));
        }
        if (fromExtension instanceof BrowcallExtensionFrames browcall
                && message.data() instanceof dev.tabrelay.protocol.chat.SendChatMessage chat) {
            browcall.expect(chat.requestId()); // answers without a uuid belong to this request
        }
        return toExtension.encode(message);
    }
}
