package dev.tabrelay.client.http;

import com.squareup.moshi.Json;

import java.util.List;

/**
 * One server-sent {@code chat.completion.chunk} of a streamed completion. {@code usage} is set only on the extra
 * last chunk ({@code choices} empty) of a stream asked for with {@code stream_options.include_usage}.
 */
public record ChatCompletionChunk(String id, String object, Long created, String model, List<Choice> choices,
                                  Usage usage) {

    /** The delta of one choice; {@code finishReason} is set on the last chunk. */
    public record Choice(Integer index, Delta delta, @Json(name = "finish_reason") String finishReason) {
    }

    /** Text to append (and, on the first chunk, the role). */
    public record Delta(String role, String content) {
    }

    /** The first choice's text delta ("" when none). */
    public String content() {
        if (choices == null || choices.isEmpty() || choices.get(0).delta() == null) {
            return "";
        }
        String content = choices.get(0).delta().content();
        return content == null ? "" : content;
    }

    /** The first choice's finish reason, or null while the stream goes on. */
    public String finishReason() {
        return choices == null || choices.isEmpty() ? null : choices.get(0).finishReason();
    }
}
