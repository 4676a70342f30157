package dev.tabrelay.server.events;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.server.tabs.TabRef;

/** An event as kept by the store: a global sequence number (the pagination cursor), its tab, the stamped frame. */
public record StoredEvent(long seq, TabRef tab, Message message) {
}
