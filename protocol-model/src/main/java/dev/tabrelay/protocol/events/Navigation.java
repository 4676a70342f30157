package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("The tab navigated to a new page.")
public record Navigation(
        @Required String url,
        String title,
        @Description("link, typed, reload, back_forward, ...") String transitionType,
        String previousUrl) implements EventPayload {
}
