package dev.tabrelay.protocol.dialect.browcall;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrowcallAnswerStreamTest {

    private final BrowcallAnswerStream stream = new BrowcallAnswerStream();

    @Test
    void growingTextYieldsSuffixes() {
        assertEquals(Optional.of("Hello wo"), stream.next("Hello wo"));
        assertEquals(Optional.of("rld"), stream.next("Hello world"));
        assertEquals("Hello world", stream.emitted());
        assertFalse(stream.diverged());
    }

    @Test
    void unchangedOrEmptyTextYieldsNothing() {
        assertEquals(Optional.empty(), stream.next(""));
        assertEquals(Optional.empty(), stream.next(null));
        stream.next("abc");
        assertEquals(Optional.empty(), stream.next("abc"));
        assertFalse(stream.diverged());
    }

    @Test
    void shrinkingTextYieldsNothingAndIsReported() {
        stream.next("Hello world  ");
        assertEquals(Optional.empty(), stream.next("Hello world"));
        assertTrue(stream.diverged());
        assertEquals("Hello world", stream.text());
        // Growth past what was emitted resumes, without repeating anything.
        assertEquals(Optional.of("!"), stream.next("Hello world  !"));
        assertFalse(stream.diverged());
    }

    @Test
    void rewrittenTextOnlyEmitsWhatIsBeyondTheEmittedLength() {
        stream.next("Hello **wor");
        assertEquals(Optional.of(" and more"), stream.next("Hello world and more"));
        assertEquals("Hello **wor and more", stream.emitted());
        assertTrue(stream.diverged());
        assertEquals("Hello world and more", stream.text());
    }

    @Test
    void sameLengthRewriteYieldsNothing() {
        stream.next("colour");
        assertEquals(Optional.empty(), stream.next("color!"));
        assertTrue(stream.diverged());
    }

    @Test
    void unicodeIsSlicedByChars() {
        stream.next("naïve ");
        assertEquals(Optional.of("café ☕"), stream.next("naïve café ☕"));
    }
}
