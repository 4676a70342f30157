package dev.tabrelay.server.tabs;

/** A tab as the relay knows it: the extension session it belongs to, and the extension's own tab id. */
public record TabRef(String sessionId, String tabId) {
}
