package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.server.http.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks an OpenAI chat request body and turns it into a {@link ChatCompletionRequest}; every mistake is a
 * {@link Json.BadRequest} (HTTP 400) that names the field. Fields the relay cannot honour (tools, n, stop, ...)
 * are ignored, as OpenAI-compatible servers commonly do.
 */
public final class ChatRequestParser {

    static final Set<String> ROLES = Set.of("system", "user", "assistant", "tool", "developer", "function");
    static final Set<String> OUTPUT_FORMATS = Set.of("plain", "json", "markdown");

    private final boolean acceptOutputFormat;

    /** @param acceptOutputFormat whether Browcall's {@code outputFormat} field is understood (its API port) */
    public ChatRequestParser(boolean acceptOutputFormat) {
        this.acceptOutputFormat = acceptOutputFormat;
    }

    public ChatCompletionRequest parse(Map<String, Object> body) {
        Object rawMessages = body.get("messages");
        if (rawMessages == null) {
            throw bad("'messages' is required: a non-empty array of {role, content} objects");
        }
        if (!(rawMessages instanceof List<?> list)) {
            throw bad("'messages' must be an array of {role, content} objects");
        }
        if (list.isEmpty()) {
            throw bad("'messages' must not be empty");
        }
        List<ChatMessage> messages = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            messages.add(message(list.get(i), "messages[" + i + "]"));
        }
        String model = optString(body, "model");
        if (model != null && model.isBlank()) {
            model = null;
        }
        Double temperature = optNumber(body, "temperature");
        Integer maxTokens = optInteger(body, "max_tokens");
        Integer maxCompletionTokens = optInteger(body, "max_completion_tokens");
        if (maxTokens == null) {
            maxTokens = maxCompletionTokens; // what current OpenAI SDKs send instead of the deprecated max_tokens
        }
        Object stream = body.get("stream");
        if (stream != null && !(stream instanceof Boolean)) {
            throw bad("'stream' must be a boolean");
        }
        boolean includeUsage = includeUsage(body.get("stream_options"));
        String outputFormat = null;
        if (acceptOutputFormat) {
            outputFormat = optString(body, "outputFormat");
            if (outputFormat != null && !OUTPUT_FORMATS.contains(outputFormat)) {
                throw bad("'outputFormat' must be one of json, plain, markdown");
            }
        }
        return new ChatCompletionRequest(model, messages, temperature, maxTokens, Boolean.TRUE.equals(stream), outputFormat,
                includeUsage);
    }

    private static boolean includeUsage(Object streamOptions) {
        if (streamOptions == null) {
            return false;
        }
        if (!(streamOptions instanceof Map<?, ?> options)) {
            throw bad("'stream_options' must be an object");
        }
        Object include = options.get("include_usage");
        if (include != null && !(include instanceof Boolean)) {
            throw bad("'stream_options.include_usage' must be a boolean");
        }
        return Boolean.TRUE.equals(include);
    }

    private static ChatMessage message(Object value, String path) {
        if (!(value instanceof Map<?, ?> map)) {
            throw bad("'" + path + "' must be an object with 'role' and 'content'");
        }
        Object role = map.get("role");
        if (role == null) {
            throw bad("'" + path + ".role' is required");
        }
        if (!(role instanceof String roleName)) {
            throw bad("'" + path + ".role' must be a string");
        }
        if (!ROLES.contains(roleName)) {
            throw bad("'" + path + ".role' must be one of system, user, assistant, tool, developer; got '" + roleName + "'");
        }
        Object content = map.get("content");
        if (content != null && !(content instanceof String)) {
            if (!(content instanceof List<?> parts)) {
                throw bad("'" + path + ".content' must be a string or an array of content parts");
            }
            for (int i = 0; i < parts.size(); i++) {
                if (!(parts.get(i) instanceof Map<?, ?> part) || !(part.get("type") instanceof String)) {
                    throw bad("'" + path + ".content[" + i + "]' must be a content part object with a string 'type'");
                }
            }
        }
        if (content == null && !"assistant".equals(roleName)) {
            throw bad("'" + path + ".content' is required");
        }
        Object name = map.get("name");
        if (name != null && !(name instanceof String)) {
            throw bad("'" + path + ".name' must be a string");
        }
        return new ChatMessage(roleName, content, (String) name);
    }

    private static String optString(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value != null && !(value instanceof String)) {
            throw bad("'" + field + "' must be a string");
        }
        return (String) value;
    }

    private static Double optNumber(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number)) {
            throw bad("'" + field + "' must be a number");
        }
        return number.doubleValue();
    }

    private static Integer optInteger(Map<String, Object> body, String field) {
        Object value = body.get(field);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || number.doubleValue() != Math.rint(number.doubleValue())
                || number.doubleValue() < 1 || number.doubleValue() > Integer.MAX_VALUE) {
            throw bad("'" + field + "' must be a positive whole number");
        }
        return number.intValue();
    }

    private static Json.BadRequest bad(String message) {
        return new Json.BadRequest(message);
    }
}
