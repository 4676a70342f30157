package dev.tabrelay.client.examples;

import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.protocol.events.ImageDimensions;
import dev.tabrelay.protocol.events.ScreenshotResponse;

/** README example: act as a browser extension. */
public final class ExtensionExample {

    private ExtensionExample() {
    }

    /** Connects, publishes one log line, and returns the relay's session id (the client stays open). */
    public static ExtensionClient run(String relayUrl, String pngBase64) {
        // [snippet]
        ExtensionClient extension = ExtensionClient.builder()
                .serverUrl(relayUrl)                      // http://127.0.0.1:3025 by default
                .tabId("tab-1")
                .tab("tab-1", "https://example.com/", "Example")
                .onScreenshot((request, frame) -> new ScreenshotResponse(true, null,
                        "data:image/png;base64," + pngBase64, null, new ImageDimensions(1, 1), null))
                .onChat((request, reply) -> {             // streamed answer; reply.complete(text) answers at once
                    reply.chunk("You said: ");
                    reply.chunk(request.prompt());
                    reply.finish();
                })
                .build();
        String sessionId = extension.connect().join().sessionId();   // connection-ack
        extension.consoleLog("warn", "hello from Java");               // queued, throttled, never dropped
        extension.navigation("https://example.com/next", "Next page");
        // [/snippet]
        if (!sessionId.equals(extension.sessionId().orElseThrow())) {
            throw new AssertionError("session ids differ");
        }
        return extension;
    }
}
