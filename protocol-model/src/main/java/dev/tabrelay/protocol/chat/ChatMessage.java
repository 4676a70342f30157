package dev.tabrelay.protocol.chat;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("One OpenAI chat message. content is a string or an array of OpenAI content parts.")
public record ChatMessage(
        @Required @Description("system, user, assistant, tool") String role,
        @Description("A string, or an array of content parts ({type:text,text} / {type:image_url,...}).") Object content,
        String name) {

    public static ChatMessage of(String role, String content) {
        return new ChatMessage(role, content, null);
    }
}
