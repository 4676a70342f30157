package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("Asks the tab's extension for a screenshot; the reply reuses this frame's id.")
public record ScreenshotRequest(
        @Description("png (default) or jpeg") String format,
        @Description("0-100, jpeg only") Integer quality,
        Boolean fullPage,
        @Description("CSS selector of one element to capture.") String selector) implements EventPayload {

    public static ScreenshotRequest png() {
        return new ScreenshotRequest("png", null, false, null);
    }
}
