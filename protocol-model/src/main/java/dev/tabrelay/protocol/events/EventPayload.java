package dev.tabrelay.protocol.events;

import dev.tabrelay.protocol.Payload;

/** What a tab reports (console, network, element, navigation) and the commands about those reports. */
public sealed interface EventPayload extends Payload
        permits ConsoleLog, ConsoleError, NetworkRequest, NetworkError, ElementSelected, Navigation,
        ScreenshotRequest, ScreenshotResponse, ClearLogs {
}
