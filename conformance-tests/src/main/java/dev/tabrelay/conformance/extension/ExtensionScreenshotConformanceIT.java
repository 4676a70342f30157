package dev.tabrelay.conformance.extension;

import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.simulator.Dialect;

import java.util.Arrays;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** screenshot-request (BrowserTools: take-screenshot) is answered, with the request's id, by a real PNG. */
class ExtensionScreenshotConformanceIT {

    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    @ExtensionConformanceTest(dialects = {Dialect.CANONICAL, Dialect.BROWSER_TOOLS})
    void screenshotRequestIsAnsweredWithAPng(ExtensionUnderTest extension) {
        ScreenshotResponse response = Exchanges.reply(extension.peer(), "shot",
                new ScreenshotRequest("png", null, false, null), ScreenshotResponse.class);
        assertTrue(Boolean.TRUE.equals(response.success()), () -> "screenshot failed: " + response.error());
        assertNotNull(response.base64(), "a successful screenshot-response carries the image");
        String base64 = response.base64().replaceFirst("^data:image/[a-z]+;base64,", "");
        byte[] image = Base64.getDecoder().decode(base64);
        assertTrue(image.length > PNG_MAGIC.length, "image too short");
        assertArrayEquals(PNG_MAGIC, Arrays.copyOf(image, PNG_MAGIC.length), "the image is a PNG");
    }
}
