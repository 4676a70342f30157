package dev.tabrelay.client;

import dev.tabrelay.protocol.events.ImageDimensions;
import dev.tabrelay.protocol.events.ScreenshotResponse;

import java.util.Base64;

/** A screenshot a tab's extension took, and where it came from. */
public record Screenshot(ScreenshotResponse response, String sessionId, String tabId, String url) {

    /** The image bytes (the base64 payload, with or without a {@code data:} URL prefix, decoded). */
    public byte[] bytes() {
        String base64 = response.base64();
        if (base64 == null) {
            return new byte[0];
        }
        int comma = base64.startsWith("data:") ? base64.indexOf(',') : -1;
        return Base64.getMimeDecoder().decode(comma >= 0 ? base64.substring(comma + 1) : base64);
    }

    /** {@code image/png} or {@code image/jpeg}, from the data URL when present. */
    public String mimeType() {
        String base64 = response.base64();
        if (base64 != null && base64.startsWith("data:") && base64.indexOf(';') > 5) {
            return base64.substring(5, base64.indexOf(';'));
        }
        return "image/png";
    }

    public ImageDimensions dimensions() {
        return response.dimensions();
    }
}
