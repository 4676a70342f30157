package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;

/**
 * Takes a screenshot for the relay. The returned response goes back with the request's id; an exception becomes
 * {@code screenshot-response} with {@code success:false} and the exception's message.
 */
@FunctionalInterface
public interface ScreenshotHandler {
    ScreenshotResponse capture(ScreenshotRequest request, Message frame) throws Exception;
}
