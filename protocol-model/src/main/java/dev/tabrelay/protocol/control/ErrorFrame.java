package dev.tabrelay.protocol.control;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.Map;

@Description("A typed error. replyTo is the id of the frame it answers, when there is one.")
public record ErrorFrame(
        @Required @Description("Stable kebab-case code, e.g. malformed-json, rate-limited, timeout.") String code,
        @Required @Description("What went wrong and what to do about it.") String message,
        String replyTo,
        Boolean retryable,
        Map<String, Object> details) implements ControlPayload {

    public static ErrorFrame of(String code, String message, String replyTo) {
        return new ErrorFrame(code, message, replyTo, null, null);
    }
}
