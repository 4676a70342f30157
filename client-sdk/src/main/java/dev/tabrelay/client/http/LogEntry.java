package dev.tabrelay.client.http;

import dev.tabrelay.protocol.Message;

/** A stored event: the relay's sequence number (the paging cursor) and the stamped frame. */
public record LogEntry(long seq, Message message) {
}
