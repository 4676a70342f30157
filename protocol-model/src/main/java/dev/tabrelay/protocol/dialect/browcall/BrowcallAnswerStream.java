package dev.tabrelay.protocol.dialect.browcall;

import java.util.Optional;

/**
 * Turns the cumulative answers of one Browcall request ({@code answer.text} is always the whole answer so far)
 * into deltas. Normally each text extends the previous one and the delta is the new suffix.
 * <p>Pages sometimes rewrite text they already showed (Markdown re-rendering, trimmed whitespace). Streamed text
 * cannot be taken back, so the rule is: a text <em>no longer</em> than what was already emitted yields nothing;
 * a longer one yields its characters beyond the emitted length, even when the start changed. The stream never
 * stalls and never repeats text, and {@link #diverged()} tells when the emitted deltas no longer add up to the
 * page's text ({@link #text()} is then the one to trust for a non-streamed answer).
 * One instance per request; not thread-safe (one socket's frames arrive in order).
 */
public final class BrowcallAnswerStream {

    private String latest = "";
    private String emitted = "";

    /** The delta for the next cumulative text, or empty when it adds nothing. */
    public Optional<String> next(String cumulative) {
        String text = cumulative == null ? "" : cumulative;
        latest = text;
        if (text.length() <= emitted.length()) {
            return Optional.empty(); // shrunk or rewritten in place: nothing new to show
        }
        String delta = text.substring(emitted.length());
        // In the usual case text extends emitted, so keep text itself instead of copying.
        emitted = text.startsWith(emitted) ? text : emitted + delta;
        return Optional.of(delta);
    }

    /** The page's latest cumulative text. */
    public String text() {
        return latest;
    }

    /** Everything emitted as deltas so far. */
    public String emitted() {
        return emitted;
    }

    /** Whether the page rewrote text after it was emitted, so the deltas differ from {@link #text()}. */
    public boolean diverged() {
        return !emitted.equals(latest);
    }
}
