package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;
import java.util.Map;

@Description("The element a user picked in DevTools.")
public record SelectedElement(
        @Required String tagName,
        String id,
        String className,
        Map<String, String> attributes,
        ElementBox dimensions,
        Map<String, String> styles,
        String innerHTML,
        String textContent,
        String xpath,
        String cssSelector) {
}
