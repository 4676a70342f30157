package dev.tabrelay.protocol.dialect.chatrelay;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatSettings;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.ChatText;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Frames a Chat Relay server sends to its extension. There is exactly one:
 * {@code {"type":"SEND_CHAT_MESSAGE","requestId":3,"message":"hello","settings":{"model","temperature","max_tokens"}}}.
 * <p>Lossy: the legacy frame carries only the <em>last</em> message's content, so encoding drops the earlier
 * messages and every role (content parts are flattened by {@link ChatText}); decoding yields one user message.
 * {@code settings.stream} has no legacy field. Every other canonical type encodes to nothing: the legacy
 * protocol has no cancel, heartbeat or error frame towards the extension.
 */
public final class ChatRelayServerFrames implements DialectCodec {

    static final String SEND_CHAT_MESSAGE = "SEND_CHAT_MESSAGE";

    private final LegacyJson json;
    private final Envelopes envelopes;
    private final ChatRelayRequestIds ids;

    /** @param ids the request-id table of this connection, shared with its {@link ChatRelayExtensionFrames} */
    public ChatRelayServerFrames(LegacyJson json, Envelopes envelopes, ChatRelayRequestIds ids) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public Decoded decode(String text) throws FrameException {
        LegacyObject frame = json.parseObject(text);
        String type = frame.string("type");
        if (!SEND_CHAT_MESSAGE.equals(type)) {
            throw frame.unknownType("chat-relay server", type);
        }
        String requestId = ids.canonical(frame.wholeNumber("requestId"));
        String content = frame.string("message");
        LegacyObject settings = frame.optObject("settings");
        ChatSettings chatSettings = settings == null ? null : new ChatSettings(
                settings.optString("model"), settings.optNumber("temperature"), settings.optInt("max_tokens"), null);
        SendChatMessage payload = new SendChatMessage(requestId, List.of(ChatMessage.of("user", content)), chatSettings);
        return new Decoded.Mapped(envelopes.wrap(payload, ChatRelayExtensionFrames.METADATA));
    }

    /** Assigns the request its legacy number (see {@link ChatRelayRequestIds#assign}). */
    @Override
    public List<String> encode(Message message) {
        if (!(message.data() instanceof SendChatMessage send)) {
            return List.of();
        }
        Map<String, Object> frame = LegacyJson.frame(SEND_CHAT_MESSAGE);
        frame.put("requestId", ids.assign(send.requestId()));
        List<ChatMessage> messages = send.messages();
        frame.put("message", messages == null || messages.isEmpty() ? "" : ChatText.of(messages.get(messages.size() - 1)));
        Map<String, Object> settings = new LinkedHashMap<>();
        ChatSettings chatSettings = send.settings();
        if (chatSettings != null) {
            settings.put("model", chatSettings.model());
            settings.put("temperature", chatSettings.temperature());
            settings.put("max_tokens", chatSettings.maxTokens());
        }
        frame.put("settings", settings); // the legacy server always sent it, {} when empty
        return List.of(json.write(frame));
    }
}
