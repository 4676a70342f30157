package dev.tabrelay.protocol.dialect.browcall;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionAck;
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
import java.util.Set;
import java.util.StringJoiner;

/**
 * Frames a Browcall server (gpt-auto-api) sends to the extension; envelope {@code {"type", "data"?}}:
 * <ul>
 *   <li>{@code register_response} &harr; {@code connection-ack}. It carries nothing, so the decoded ack has an
 *       empty sessionId, maxMessageSize 0 (not stated) and the extension's fixed 30 s heartbeat.</li>
 *   <li>{@code chat {uuid, text, outputFormat, initialContext?}} &harr; {@code SEND_CHAT_MESSAGE}; uuid is the
 *       requestId. Lossy: the tab types one text, so encoding joins every message's content with a blank line
 *       (roles are lost, as in Browcall itself) and decoding yields one user message. {@code outputFormat} has no
 *       canonical field: it is chosen when encoding ({@link #encode(Message, String)}, default
 *       {@value #DEFAULT_OUTPUT_FORMAT}) and dropped when decoding. {@code initialContext} is dropped too (the old
 *       server stripped it before sending; its first text already embeds the system prompt). A snapshot-era
 *       {@code chat} without uuid gets the decoded message's id as requestId.</li>
 * </ul>
 * Other canonical types encode to nothing: Browcall has no cancel or error frame towards the extension.
 */
public final class BrowcallServerFrames implements DialectCodec {

    public static final String DEFAULT_OUTPUT_FORMAT = "markdown";
    static final Set<String> OUTPUT_FORMATS = Set.of("plain", "json", "markdown", "image");
    static final Metadata METADATA = new Metadata(null, "browcall", null, null, null);
    /** The extension's fixed heartbeat period, which register_response does not state. */
    static final long HEARTBEAT_MILLIS = 30_000;

    private final LegacyJson json;
    private final Envelopes envelopes;

    public BrowcallServerFrames(LegacyJson json, Envelopes envelopes) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    @Override
    public Decoded decode(String text) throws FrameException {
        LegacyObject frame = json.parseObject(text);
        String type = frame.string("type");
        return switch (type) {
            case "register_response" -> new Decoded.Mapped(envelopes.wrap(
                    new ConnectionAck("", null, List.of("browcall"), 0, HEARTBEAT_MILLIS), METADATA));
            case "chat" -> {
                LegacyObject data = frame.object("data");
                String prompt = data.string("text");
                data.optString("outputFormat"); // dropped, but a wrong type is still refused
                data.optObject("initialContext");
                String id = envelopes.ids().get();
                String uuid = data.optString("uuid");
                SendChatMessage payload = new SendChatMessage(uuid != null ? uuid : id,
                        List.of(ChatMessage.of("user", prompt)), null);
                yield new Decoded.Mapped(envelopes.wrap(id, null, payload, METADATA));
            }
            default -> throw frame.unknownType("browcall server", type);
        };
    }

    @Override
    public List<String> encode(Message message) {
        return encode(message, DEFAULT_OUTPUT_FORMAT);
    }

    /** Like {@link #encode(Message)}, with the {@code outputFormat} a chat should ask the tab for. */
    public List<String> encode(Message message, String outputFormat) {
        if (!OUTPUT_FORMATS.contains(outputFormat)) {
            throw new IllegalArgumentException("outputFormat must be one of " + OUTPUT_FORMATS + ": " + outputFormat);
        }
        return switch (message.data()) {
            case ConnectionAck ignored -> List.of(json.write(LegacyJson.frame("register_response")));
            case SendChatMessage send -> {
                Map<String, Object> data = new LinkedHashMap<>();
                data.put("uuid", send.requestId());
                data.put("text", joined(send.messages()));
                data.put("outputFormat", outputFormat);
                Map<String, Object> frame = LegacyJson.frame("chat");
                frame.put("data", data);
                yield List.of(json.write(frame));
            }
            default -> List.of();
        };
    }

    private static String joined(List<ChatMessage> messages) {
        StringJoiner text = new StringJoiner("\n\n");
        if (messages != null) {
            for (ChatMessage message : messages) {
                String content = ChatText.of(message);
                if (!content.isEmpty()) {
                    text.add(content);
                }
            }
        }
        return text.toString();
    }
}
