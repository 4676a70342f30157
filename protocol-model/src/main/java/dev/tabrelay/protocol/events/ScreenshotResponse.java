package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Description;
import dev.tabrelay.protocol.Required;

@Description("The extension's answer to screenshot-request, with the same id.")
public record ScreenshotResponse(
        @Required Boolean success,
        String path,
        @Description("data:image/png;base64,... or bare base64") String base64,
        @Description("Bytes of the image.") Long size,
        ImageDimensions dimensions,
        @Description("Why it failed, when success is false.") String error) implements EventPayload {

    public static ScreenshotResponse failed(String error) {
        return new ScreenshotResponse(false, null, null, null, null, error);
    }
}
