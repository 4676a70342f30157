package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.chat.ChatUsage;
import dev.tabrelay.protocol.dialect.ChatText;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The OpenAI response bodies, as JSON value trees. */
final class OpenAiShapes {

    static final String DEFAULT_MODEL = "tabrelay";

    private OpenAiShapes() {
    }

    static String model(ChatCall call, String served) {
        String requested = call.request().model();
        return requested != null ? requested : served != null ? served : DEFAULT_MODEL;
    }

    static Map<String, Object> completion(ChatCall call, ChatEvent.Completed done) {
        Map<String, Object> message = new LinkedHashMap<>();
        message.put("role", "assistant");
        message.put("content", done.content());
        message.put("refusal", null); // OpenAI always sends these two; strict clients expect the keys
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("message", message);
        choice.put("logprobs", null);
        choice.put("finish_reason", done.finishReason());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", call.id());
        body.put("object", "chat.completion");
        body.put("created", call.createdSeconds());
        body.put("model", model(call, done.model()));
        body.put("choices", List.of(choice));
        body.put("usage", usage(call, done));
        return body;
    }

    /** One streamed chunk; {@code delta} holds role and/or content, {@code finishReason} is null until the end. */
    static Map<String, Object> chunk(ChatCall call, Map<String, Object> delta, String finishReason, String model) {
        Map<String, Object> choice = new LinkedHashMap<>();
        choice.put("index", 0);
        choice.put("delta", delta);
        choice.put("logprobs", null);
        choice.put("finish_reason", finishReason);
        Map<String, Object> body = chunkHeader(call, model);
        body.put("choices", List.of(choice));
        if (call.request().includeUsage()) {
            body.put("usage", null); // OpenAI: null on every chunk but the last
        }
        return body;
    }

    /** The chunk that ends a stream with {@code stream_options.include_usage}: no choices, only the counts. */
    static Map<String, Object> usageChunk(ChatCall call, ChatEvent.Completed done) {
        Map<String, Object> body = chunkHeader(call, done.model());
        body.put("choices", List.of());
        body.put("usage", usage(call, done));
        return body;
    }

    private static Map<String, Object> chunkHeader(ChatCall call, String model) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", call.id());
        body.put("object", "chat.completion.chunk");
        body.put("created", call.createdSeconds());
        body.put("model", model(call, model));
        return body;
    }

    static Map<String, Object> error(ChatError error) {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("message", error.message());
        value.put("type", error.type());
        value.put("code", error.code());
        return Map.of("error", value);
    }

    /** The tab's counts when it reports them, else an estimate of about four characters per token. */
    private static Map<String, Object> usage(ChatCall call, ChatEvent.Completed done) {
        ChatUsage reported = done.usage();
        int prompt = reported != null && reported.promptTokens() != null ? reported.promptTokens()
                : estimate(call.request().messages().stream().mapToInt(m -> ChatText.of(m).length()).sum());
        int completion = reported != null && reported.completionTokens() != null ? reported.completionTokens()
                : estimate(done.content() == null ? 0 : done.content().length());
        int total = reported != null && reported.totalTokens() != null ? reported.totalTokens() : prompt + completion;
        Map<String, Object> usage = new LinkedHashMap<>();
        usage.put("prompt_tokens", prompt);
        usage.put("completion_tokens", completion);
        usage.put("total_tokens", total);
        return usage;
    }

    private static int estimate(int chars) {
        return (chars + 3) / 4;
    }
}
