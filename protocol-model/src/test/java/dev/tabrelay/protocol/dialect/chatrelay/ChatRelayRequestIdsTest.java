package dev.tabrelay.protocol.dialect.chatrelay;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatRelayRequestIdsTest {

    private final ChatRelayRequestIds ids = new ChatRelayRequestIds();

    @Test
    void decimalIdsPassThrough() {
        assertEquals(42, ids.assign("42"));
        assertEquals("42", ids.canonical(42));
        assertEquals(42, ids.lookup("42"));
        assertEquals("7", ids.canonical(7), "an unknown number maps to its decimal string");
    }

    @Test
    void otherIdsGetAllocatedNumbersThatNeverCollideInFlight() {
        long a = ids.assign("uuid-a");
        long b = ids.assign("uuid-b");
        assertNotEquals(a, b);
        assertEquals(a, ids.assign("uuid-a"), "assigning twice is stable");
        assertEquals("uuid-a", ids.canonical(a));
        // A decimal id equal to a number in use gets its own alias instead of stealing it.
        long c = ids.assign(Long.toString(a));
        assertNotEquals(a, c);
        assertEquals(Long.toString(a), ids.canonical(c));
        assertEquals("uuid-a", ids.canonical(a));
    }

    @Test
    void releaseFreesTheNumber() {
        long a = ids.assign("uuid-a");
        ids.release("uuid-a");
        assertEquals(0, ids.inFlight());
        assertEquals(Long.toString(a), ids.canonical(a));
        ids.release("never-assigned"); // harmless
    }

    @Test
    void idsBeyondJavaScriptPrecisionAreAliased() {
        long big = ids.assign("9007199254740993");
        assertNotEquals(9_007_199_254_740_993L, big);
        assertEquals("9007199254740993", ids.canonical(big));
        assertThrows(IllegalArgumentException.class, () -> ids.lookup("chatcmpl-never-sent"));
    }
}
