package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.events.ClearLogs;

/** Clears the extension's own logs; the count goes back in an {@code ack}, an exception in an {@code error}. */
@FunctionalInterface
public interface ClearLogsHandler {
    int clear(ClearLogs request, Message frame) throws Exception;
}
