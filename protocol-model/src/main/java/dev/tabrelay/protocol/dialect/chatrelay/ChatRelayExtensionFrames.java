package dev.tabrelay.protocol.dialect.chatrelay;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Frames a Chat Relay extension sends to its server, mapped to the canonical chat types:
 * <ul>
 *   <li>{@code EXTENSION_READY} &rarr; {@code connection-init} with clientType {@value #CLIENT_TYPE} and the
 *       {@code chat} capability (the extension's hello);</li>
 *   <li>{@code CHAT_RESPONSE {requestId, response, isFinal}} &rarr; {@code CHAT_RESPONSE} (finishReason stop);</li>
 *   <li>{@code CHAT_RESPONSE_CHUNK {requestId, chunk, isFinal}} &rarr; {@code CHAT_RESPONSE_CHUNK}; a non-final
 *       chunk is taken as a delta (the legacy server dropped it);</li>
 *   <li>{@code CHAT_RESPONSE_STREAM_ENDED {requestId}} &rarr; {@link Decoded.Ignored}: the extension always sends
 *       it right after the final chunk, so mapping it would answer a request twice;</li>
 *   <li>{@code CHAT_RESPONSE_ERROR {requestId, error}} &rarr; {@code CHAT_RESPONSE_ERROR}.</li>
 * </ul>
 * Decoding a final answer or an error {@link ChatRelayRequestIds#release releases} the request's number.
 * Encoding (for a simulated legacy extension) sends a final chunk as the pair the real extension sends:
 * the chunk, then {@code CHAT_RESPONSE_STREAM_ENDED}.
 */
public final class ChatRelayExtensionFrames implements DialectCodec {

    public static final String CLIENT_TYPE = "chat-relay-extension";
    static final Metadata METADATA = new Metadata(null, "chat-relay", null, null, null);

    private static final String EXTENSION_READY = "EXTENSION_READY";
    private static final String CHAT_RESPONSE = "CHAT_RESPONSE";
    private static final String CHAT_RESPONSE_CHUNK = "CHAT_RESPONSE_CHUNK";
    private static final String CHAT_RESPONSE_STREAM_ENDED = "CHAT_RESPONSE_STREAM_ENDED";
    private static final String CHAT_RESPONSE_ERROR = "CHAT_RESPONSE_ERROR";

    private final LegacyJson json;
    private final Envelopes envelopes;
    private final ChatRelayRequestIds ids;

    /** @param ids the request-id table of this connection, shared with its {@link ChatRelayServerFrames} */
    public ChatRelayExtensionFrames(LegacyJson json, Envelopes envelopes, ChatRelayRequestIds ids) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
        this.ids = Objects.requireNonNull(ids, "ids");
    }

    @Override
    public Decoded decode(String text) throws FrameException {
        LegacyObject frame = json.parseObject(text);
        String type = frame.string("type");
        return switch (type) {
            case EXTENSION_READY -> mapped(new ConnectionInit(CLIENT_TYPE, null, List.of("chat"),
                    null, null, null, null, null));
            case CHAT_RESPONSE -> {
                String requestId = requestId(frame);
                String response = frame.string("response");
                frame.optBoolean("isFinal"); // always true; read so a wrong type is still refused
                ids.release(requestId);
                yield mapped(new ChatResponse(requestId, response, null, "stop", null));
            }
            case CHAT_RESPONSE_CHUNK -> {
                String requestId = requestId(frame);
                String chunk = frame.string("chunk");
                boolean isFinal = Boolean.TRUE.equals(frame.optBoolean("isFinal"));
                if (isFinal) {
                    ids.release(requestId);
                }
                yield mapped(new ChatResponseChunk(requestId, chunk, isFinal, isFinal ? "stop" : null));
            }
            case CHAT_RESPONSE_STREAM_ENDED -> new Decoded.Ignored(type, requestId(frame),
                    "always follows the final CHAT_RESPONSE_CHUNK, which already ended the request");
            case CHAT_RESPONSE_ERROR -> {
                String requestId = requestId(frame);
                String error = frame.string("error");
                ids.release(requestId);
                yield mapped(new ChatResponseError(requestId, error, null));
            }
            default -> throw frame.unknownType("chat-relay extension", type);
        };
    }

    @Override
    public List<String> encode(Message message) {
        return switch (message.data()) {
            case ConnectionInit ignored -> List.of(json.write(LegacyJson.frame(EXTENSION_READY)));
            case ChatResponse response -> {
                Map<String, Object> frame = LegacyJson.frame(CHAT_RESPONSE);
                frame.put("requestId", ids.lookup(response.requestId()));
                frame.put("response", response.content());
                frame.put("isFinal", true);
                yield List.of(json.write(frame));
            }
            case ChatResponseChunk chunk -> {
                long requestId = ids.lookup(chunk.requestId());
                Map<String, Object> frame = LegacyJson.frame(CHAT_RESPONSE_CHUNK);
                frame.put("requestId", requestId);
                frame.put("chunk", chunk.delta() == null ? "" : chunk.delta());
                frame.put("isFinal", chunk.isFinal());
                if (!chunk.isFinal()) {
                    yield List.of(json.write(frame));
                }
                Map<String, Object> ended = LegacyJson.frame(CHAT_RESPONSE_STREAM_ENDED);
                ended.put("requestId", requestId);
                yield List.of(json.write(frame), json.write(ended));
            }
            case ChatResponseError error -> {
                Map<String, Object> frame = LegacyJson.frame(CHAT_RESPONSE_ERROR);
                frame.put("requestId", ids.lookup(error.requestId()));
                frame.put("error", error.error());
                yield List.of(json.write(frame));
            }
            default -> List.of();
        };
    }

    private String requestId(LegacyObject frame) throws FrameException {
        return ids.canonical(frame.wholeNumber("requestId"));
    }

    private Decoded mapped(dev.tabrelay.protocol.Payload payload) {
        return new Decoded.Mapped(envelopes.wrap(payload, METADATA));
    }
}
