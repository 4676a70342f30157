package dev.tabrelay.protocol.dialect.browcall;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Payload;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Frames a Browcall extension sends to its server, for <em>one</em> connection (answers are cumulative, so
 * mapping them needs the connection's history):
 * <ul>
 *   <li>{@code register {data: tabId}} &harr; {@code connection-init} (clientType {@value #CLIENT_TYPE}, tabId,
 *       capability {@code chat}); the tab id also goes into the metadata.</li>
 *   <li>{@code heartbeat} &harr; {@code heartbeat}.</li>
 *   <li>{@code answer {text, complete, citations, uuid}} &rarr; a non-final {@code CHAT_RESPONSE_CHUNK} whose delta
 *       comes from a {@link BrowcallAnswerStream}; {@link Decoded.Ignored} when the text adds nothing.
 *       {@code complete} becomes finishReason {@code stop} but never ends the request (the old server ignored it
 *       too; {@code stop} follows). Lossy: {@code citations} are dropped (Perplexity also appends them to the text).</li>
 *   <li>{@code stop {uuid}} &rarr; the final, empty {@code CHAT_RESPONSE_CHUNK} (finishReason stop).</li>
 * </ul>
 * Snapshot-era extensions send answer and stop without uuid: those belong to the request named by
 * {@link #expect}, which the relay calls when it hands this connection a chat (one is in flight at a time).
 * <p>Encoding (for a simulated Browcall extension) accumulates chunk deltas into cumulative answers; a final
 * chunk or a complete response is sent as {@code answer{complete:true}} then {@code stop}, and an error, which
 * Browcall cannot express, as a bare {@code stop}. Thread-safe.
 */
public final class BrowcallExtensionFrames implements DialectCodec {

    public static final String CLIENT_TYPE = "browcall-extension";

    private final LegacyJson json;
    private final Envelopes envelopes;
    private final Map<String, BrowcallAnswerStream> inbound = new HashMap<>();
    private final Map<String, StringBuilder> outbound = new HashMap<>();
    private String expected;

    public BrowcallExtensionFrames(LegacyJson json, Envelopes envelopes) {
        this.json = Objects.requireNonNull(json, "json");
        this.envelopes = Objects.requireNonNull(envelopes, "envelopes");
    }

    /** Names the request that answers without a uuid (snapshot-era extensions) belong to. */
    public synchronized void expect(String requestId) {
        this.expected = requestId;
    }

    /** The answer stream of a request still in progress, e.g. to read its full text. */
    public synchronized Optional<BrowcallAnswerStream> stream(String requestId) {
        return Optional.ofNullable(inbound.get(requestId));
    }

    @Override
    public synchronized Decoded decode(String text) throws FrameException {
        LegacyObject frame = json.parseObject(text);
        String type = frame.string("type");
        return switch (type) {
            case "register" -> {
                String tabId = frame.optId("data");
                if (tabId == null) {
                    throw new FrameException(FrameError.MISSING_FIELD,
                            "missing required field '$.data' (the Chrome tab id)", "$.data", null);
                }
                yield mapped(new ConnectionInit(CLIENT_TYPE, null, List.of("chat"), null, tabId, null, null, null),
                        tabId);
            }
            case "heartbeat" -> mapped(Heartbeat.alive(), null);
            case "answer" -> answer(frame.object("data"));
            case "stop" -> {
                String requestId = requestId(frame.optObject("data"), frame.at("data"));
                inbound.remove(requestId);
                if (requestId.equals(expected)) {
                    expected = null;
                }
                yield mapped(new ChatResponseChunk(requestId, "", true, "stop"), null);
            }
            default -> throw frame.unknownType("browcall extension", type);
        };
    }

    @Override
    public synchronized List<String> encode(Message message) {
        return switch (message.data()) {
            case ConnectionInit init -> {
                String tabId = init.tabId() != null ? init.tabId() : message.metadata().tabId();
                Long number = LegacyJson.parseDecimal(tabId);
                if (number == null) {
                    throw new IllegalArgumentException("Browcall's register needs a numeric tab id, got: " + tabId);
                }
                Map<String, Object> frame = LegacyJson.frame("register");
                frame.put("data", number);
                yield List.of(json.write(frame));
            }
            case Heartbeat ignored -> List.of(json.write(LegacyJson.frame("heartbeat")));
            case ChatResponseChunk chunk -> {
                StringBuilder text = outbound.computeIfAbsent(chunk.requestId(), id -> new StringBuilder());
                boolean hasDelta = chunk.delta() != null && !chunk.delta().isEmpty();
                if (hasDelta) {
                    text.append(chunk.delta());
                }
                if (!chunk.isFinal()) {
                    yield List.of(answer(chunk.requestId(), text.toString(), chunk.finishReason() != null));
                }
                outbound.remove(chunk.requestId());
                yield hasDelta ? List.of(answer(chunk.requestId(), text.toString(), true), stop(chunk.requestId()))
                        : List.of(stop(chunk.requestId()));
            }
            case ChatResponse response -> {
                outbound.remove(response.requestId());
                yield List.of(answer(response.requestId(), response.content(), true), stop(response.requestId()));
            }
            case ChatResponseError error -> {
                outbound.remove(error.requestId());
                yield List.of(stop(error.requestId()));
            }
            default -> List.of();
        };
    }

    private Decoded answer(LegacyObject data) throws FrameException {
        String text = data.string("text");
        boolean complete = Boolean.TRUE.equals(data.optBoolean("complete"));
        data.optList("citations"); // dropped, but a wrong type is still refused
        String requestId = requestId(data, data.path());
        Optional<String> delta = inbound.computeIfAbsent(requestId, id -> new BrowcallAnswerStream()).next(text);
        if (delta.isEmpty()) {
            return new Decoded.Ignored("answer", requestId, "the cumulative text adds nothing new");
        }
        return mapped(new ChatResponseChunk(requestId, delta.get(), false, complete ? "stop" : null), null);
    }

    private String requestId(LegacyObject data, String dataPath) throws FrameException {
        String uuid = data == null ? null : data.optString("uuid");
        if (uuid != null) {
            return uuid;
        }
        if (expected != null) {
            return expected;
        }
        throw new FrameException(FrameError.MISSING_FIELD, "missing required field '" + dataPath
                + ".uuid' and no request is expected on this connection", dataPath + ".uuid", null);
    }

    private Decoded mapped(Payload payload, String tabId) {
        return new Decoded.Mapped(envelopes.wrap(payload, BrowcallServerFrames.METADATA.withTabId(tabId)));
    }

    private String answer(String uuid, String text, boolean complete) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("text", text);
        data.put("complete", complete);
        data.put("citations", new ArrayList<>());
        data.put("uuid", uuid);
        Map<String, Object> frame = LegacyJson.frame("answer");
        frame.put("data", data);
        return json.write(frame);
    }

    private String stop(String uuid) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("uuid", uuid);
        Map<String, Object> frame = LegacyJson.frame("stop");
        frame.put("data", data);
        return json.write(frame);
    }
}
