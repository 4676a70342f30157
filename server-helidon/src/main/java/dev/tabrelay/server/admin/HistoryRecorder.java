package dev.tabrelay.server.admin;

import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.server.chat.ChatCall;
import dev.tabrelay.server.chat.ChatError;
import dev.tabrelay.server.chat.ChatObserver;

import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Turns chat lifecycle events and server events into {@link MessageHistory} entries. Prompt and answer text
 * are kept only while the setting allows it (read per entry, so switching it off applies at once), and cut to
 * {@link #MAX_TEXT} characters so one huge prompt cannot fill the memory.
 */
public final class HistoryRecorder implements ChatObserver {

    public static final int MAX_TEXT = 4000;

    private final MessageHistory history;
    private final BooleanSupplier recordText;
    private final Clock clock;

    public HistoryRecorder(MessageHistory history, BooleanSupplier recordText, Clock clock) {
        this.history = history;
        this.recordText = recordText;
        this.clock = clock;
    }

    @Override
    public void received(ChatCall call) {
        add(call.receivedAtMillis(), HistoryType.CHAT_REQUEST_RECEIVED, call, null, null, null,
                (call.request().stream() ? "streamed" : "plain") + ", " + call.request().messages().size() + " message(s)",
                text(lastUserText(call.request().messages())), null);
    }

    @Override
    public void refused(ChatCall call, ChatError error) {
        HistoryType type = error.status().code() == 429 ? HistoryType.CHAT_REQUEST_DROPPED : HistoryType.CHAT_REQUEST_ERROR;
        end(call, type, error.status().code(), error.code() + ": " + error.message(), null);
    }

    @Override
    public void queued(ChatCall call, int position) {
        add(clock.millis(), HistoryType.CHAT_REQUEST_QUEUED, call, null, null, null, "queue position " + position,
                null, null);
    }

    @Override
    public void started(ChatCall call, ChatCall.Target target) {
        add(clock.millis(), HistoryType.CHAT_REQUEST_PROCESSING, call, target, null, null, "sent to the tab", null, null);
    }

    @Override
    public void completed(ChatCall call, String content) {
        end(call, HistoryType.CHAT_REQUEST_COMPLETED, 200,
                "answered, " + (content == null ? 0 : content.length()) + " characters", text(content));
    }

    @Override
    public void failed(ChatCall call, ChatError error) {
        HistoryType type = switch (error.code()) {
            case "timeout" -> HistoryType.CHAT_REQUEST_TIMEOUT;
            case "client-disconnected" -> HistoryType.CHAT_REQUEST_CANCELLED;
            default -> error.status().code() == 429 ? HistoryType.CHAT_REQUEST_DROPPED : HistoryType.CHAT_REQUEST_ERROR;
        };
        end(call, type, error.status().code(), error.code() + ": " + error.message(), null);
    }

    public void extensionConnected(String connectionId, String detail) {
        history.add(new HistoryEntry(0, clock.millis(), HistoryType.EXTENSION_CONNECTED, null, null, connectionId,
                null, null, null, detail, null, null));
    }

    public void extensionDisconnected(String connectionId, String detail) {
        history.add(new HistoryEntry(0, clock.millis(), HistoryType.EXTENSION_DISCONNECTED, null, null, connectionId,
                null, null, null, detail, null, null));
    }

    public void server(HistoryType type, String detail) {
        history.add(new HistoryEntry(0, clock.millis(), type, null, null, null, null, null, null, detail, null, null));
    }

    private void end(ChatCall call, HistoryType type, int status, String detail, String answer) {
        long now = clock.millis();
        add(now, type, call, call.target(), status, Math.max(0, now - call.receivedAtMillis()), detail, null, answer);
    }

    private void add(long time, HistoryType type, ChatCall call, ChatCall.Target target, Integer status,
                     Long durationMs, String detail, String prompt, String answer) {
        history.add(new HistoryEntry(0, time, type, call.id(), target == null ? null : target.tabId(),
                target == null ? null : target.connectionId(), call.request().model(), status, durationMs, detail,
                prompt, answer));
    }

    /** The text to keep: null when recording is off. */
    private String text(String value) {
        if (value == null || !recordText.getAsBoolean()) {
            return null;
        }
        return value.length() <= MAX_TEXT ? value : value.substring(0, MAX_TEXT) + "…";
    }

    /** What the user asked: the last user message's text (content parts: their text parts joined). */
    static String lastUserText(List<ChatMessage> messages) {
        for (int i = messages.size() - 1; i >= 0; i--) {
            ChatMessage message = messages.get(i);
            if ("user".equals(message.role())) {
                return textOf(message.content());
            }
        }
        return messages.isEmpty() ? null : textOf(messages.get(messages.size() - 1).content());
    }

    private static String textOf(Object content) {
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof List<?> parts) {
            StringBuilder text = new StringBuilder();
            for (Object part : parts) {
                if (part instanceof Map<?, ?> map && "text".equals(map.get("type")) && map.get("text") instanceof String t) {
                    text.append(text.isEmpty() ? "" : "\n").append(t);
                }
            }
            return text.toString();
        }
        return null;
    }
}
