package dev.tabrelay.server.chat;

import java.util.HashMap;
import java.util.Map;

/**
 * Per-tab chat state: which call runs on a tab and when the tab last got one. Not thread-safe: {@link ChatRouter}
 * uses it under its lock. The router looks at every candidate tab for every request, so the slots of a candidate
 * list are kept as an array in candidate order and rebuilt only when the list changes; a hash look-up per tab and
 * request was the largest single cost of admitting a request with 64 tabs (JFR, chat benchmark). A tab's slot is
 * forgotten when its extension has gone and nothing runs on it, so reconnecting extensions leave nothing behind.
 */
final class TabSlots {

    static final class Slot {
        /** The tab (connection and tab id) as first seen; whether it serves a model exactly is per candidate list. */
        final ChatTargets.Candidate candidate;
        ChatCall running;
        long lastUsed;

        private Slot(ChatTargets.Candidate candidate) {
            this.candidate = candidate;
        }
    }

    /** Stands in for a closed candidate that has no slot: the router skips closed candidates unread. */
    private static final Slot CLOSED = new Slot(null);

    private final Map<ChatCall.Target, Slot> slots = new HashMap<>();
    private ChatTargets.Suitable cachedFor;
    private Slot[] cached = new Slot[0];
    private long uses;
    private int running;

    /** The slots of {@code suitable}'s candidates, index for index. */
    Slot[] of(ChatTargets.Suitable suitable) {
        if (suitable != cachedFor) {
            Slot[] fresh = new Slot[suitable.candidates().size()];
            for (int i = 0; i < fresh.length; i++) {
                ChatTargets.Candidate candidate = suitable.candidates().get(i);
                Slot slot = slots.get(candidate.target());
                if (slot == null) {
                    slot = candidate.open() ? new Slot(candidate) : CLOSED;
                    if (slot != CLOSED) {
                        slots.put(candidate.target(), slot);
                    }
                }
                fresh[i] = slot;
            }
            cached = fresh;
            cachedFor = suitable;
        }
        return cached;
    }

    /** The call running on {@code target}, or null. */
    ChatCall running(ChatCall.Target target) {
        Slot slot = slots.get(target);
        return slot == null ? null : slot.running;
    }

    void assign(Slot slot, ChatCall call) {
        if (slot.running == null) {
            running++;
        }
        slot.running = call;
        slot.lastUsed = ++uses;
    }

    /** Frees the tab if {@code call} is what runs there; a tab whose extension has gone is forgotten. */
    void release(Slot slot, ChatCall call) {
        if (slot.running != call) {
            return;
        }
        slot.running = null;
        running--;
        if (!slot.candidate.open()) {
            slots.remove(slot.candidate.target(), slot);
        }
    }

    /** Forgets the idle tabs of a connection that closed (busy ones go when their call ends). */
    void forget(String connectionId) {
        slots.entrySet().removeIf(e -> e.getValue().running == null && connectionId.equals(e.getKey().connectionId()));
    }

    boolean busy(String tabId) {
        for (Slot slot : slots.values()) {
            if (slot.running != null && tabId != null && tabId.equals(slot.candidate.tabId())) {
                return true;
            }
        }
        return false;
    }

    int running() {
        return running;
    }

    int size() {
        return slots.size();
    }
}
