package dev.tabrelay.protocol.dialect;

import dev.tabrelay.protocol.chat.ChatMessage;

import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * Flattens canonical chat content to the plain text the legacy chat dialects carry. Content is a string or
 * an array of OpenAI content parts: text parts are joined by newlines and an image part becomes
 * {@code [Image: <url>]} (the marker Browcall used), because a legacy tab can only type text.
 */
public final class ChatText {

    private ChatText() {
    }

    public static String of(ChatMessage message) {
        return message == null ? "" : of(message.content());
    }

    public static String of(Object content) {
        if (content == null) {
            return "";
        }
        if (content instanceof String text) {
            return text;
        }
        if (content instanceof List<?> parts) {
            StringJoiner joined = new StringJoiner("\n");
            for (Object part : parts) {
                String text = partText(part);
                if (!text.isEmpty()) {
                    joined.add(text);
                }
            }
            return joined.toString();
        }
        return String.valueOf(content);
    }

    private static String partText(Object part) {
        if (part instanceof String text) {
            return text;
        }
        if (!(part instanceof Map<?, ?> map)) {
            return "";
        }
        if (map.get("text") instanceof String text) {
            return text;
        }
        Object image = map.get("image_url");
        if (image instanceof Map<?, ?> imageMap && imageMap.get("url") instanceof String url) {
            return "[Image: " + url + "]";
        }
        if (image instanceof String url) {
            return "[Image: " + url + "]";
        }
        return "";
    }
}
