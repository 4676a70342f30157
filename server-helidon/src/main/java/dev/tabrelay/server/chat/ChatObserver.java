package dev.tabrelay.server.chat;

/**
 * Watches chat requests go through their lifecycle (the admin message history plugs in here). Called on the
 * thread that caused the event, sometimes under the router's lock: implementations must be quick and must not
 * call back into the router. Every accepted request ends in exactly one of completed/failed; a refused one
 * ends in refused.
 */
public interface ChatObserver {

    ChatObserver NONE = new ChatObserver() {
    };

    /** A valid request arrived (before it is admitted). */
    default void received(ChatCall call) {
    }

    /** Refused at once (busy with drop, queue full, no extension, unknown model, shutting down). */
    default void refused(ChatCall call, ChatError error) {
    }

    /** Waiting for a tab; {@code position} is 1 for the head of the queue. */
    default void queued(ChatCall call, int position) {
    }

    /** Sent to a tab. */
    default void started(ChatCall call, ChatCall.Target target) {
    }

    default void completed(ChatCall call, String content) {
    }

    default void failed(ChatCall call, ChatError error) {
    }
}
