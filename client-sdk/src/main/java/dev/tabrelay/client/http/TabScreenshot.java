package dev.tabrelay.client.http;

import dev.tabrelay.protocol.events.ImageDimensions;

/** {@code POST /v1/tabs/{tabId}/screenshot}: the image and where it came from. */
public record TabScreenshot(String sessionId, String tabId, String url, String mimeType, ImageDimensions dimensions,
                            byte[] bytes) {
}
