package dev.tabrelay.protocol.dialect.chatrelay;

import dev.tabrelay.protocol.dialect.LegacyJson;

import java.util.HashMap;
import java.util.Map;

/**
 * The request-id table of one Chat Relay connection. The Chat Relay extension echoes {@code requestId} as
 * a JSON number, while canonical request ids are strings:
 * <ul>
 *   <li>a canonical id that is a plain decimal within JavaScript's exact-integer range ({@code "42"}) is sent
 *       as that number, and a legacy number maps back to its decimal string;</li>
 *   <li>any other canonical id (a UUID, {@code "chatcmpl-..."}) gets a number allocated here when the relay
 *       sends the request ({@link #assign}); replies with that number map back to the original string until
 *       the request is {@link #release released}.</li>
 * </ul>
 * A number is never handed to two requests in flight at once. One instance per legacy connection;
 * thread-safe.
 */
public final class ChatRelayRequestIds {

    /** Largest integer a JavaScript number holds exactly (2^53 - 1); the extension is JavaScript. */
    static final long MAX_SAFE_INTEGER = 9_007_199_254_740_991L;

    private final Map<String, Long> legacyByCanonical = new HashMap<>();
    private final Map<Long, String> canonicalByLegacy = new HashMap<>();
    private long nextAlias;

    /** Called when the relay sends a request: the number to put on the wire, remembered until released. */
    public synchronized long assign(String requestId) {
        Long known = legacyByCanonical.get(requestId);
        if (known != null) {
            return known;
        }
        Long decimal = safeDecimal(requestId);
        long legacy = decimal != null && !canonicalByLegacy.containsKey(decimal) ? decimal : allocate();
        legacyByCanonical.put(requestId, legacy);
        canonicalByLegacy.put(legacy, requestId);
        return legacy;
    }

    /**
     * The number for a request that was already sent (used when encoding a reply, e.g. by an extension
     * simulator): the assigned number, or the id itself when it is a safe decimal.
     *
     * @throws IllegalArgumentException when the id was never assigned and is not a decimal
     */
    public synchronized long lookup(String requestId) {
        Long known = legacyByCanonical.get(requestId);
        if (known != null) {
            return known;
        }
        Long decimal = safeDecimal(requestId);
        if (decimal == null) {
            throw new IllegalArgumentException("Chat Relay needs a numeric requestId; '" + requestId
                    + "' is not a decimal and was not assigned a number on this connection");
        }
        return decimal;
    }

    /** The canonical id for a number the extension sent. */
    public synchronized String canonical(long legacy) {
        String known = canonicalByLegacy.get(legacy);
        return known != null ? known : Long.toString(legacy);
    }

    /** Forgets a finished request, so its number can be reused. Unknown ids are ignored. */
    public synchronized void release(String requestId) {
        Long legacy = legacyByCanonical.remove(requestId);
        if (legacy != null) {
            canonicalByLegacy.remove(legacy);
        }
    }

    /** Requests currently holding a number (for tests and diagnostics). */
    public synchronized int inFlight() {
        return legacyByCanonical.size();
    }

    private long allocate() {
        while (canonicalByLegacy.containsKey(nextAlias)) {
            nextAlias = nextAlias == MAX_SAFE_INTEGER ? 0 : nextAlias + 1;
        }
        long alias = nextAlias;
        nextAlias = nextAlias == MAX_SAFE_INTEGER ? 0 : nextAlias + 1;
        return alias;
    }

    private static Long safeDecimal(String requestId) {
        Long decimal = LegacyJson.parseDecimal(requestId);
        return decimal != null && decimal >= 0 && decimal <= MAX_SAFE_INTEGER ? decimal : null;
    }
}
