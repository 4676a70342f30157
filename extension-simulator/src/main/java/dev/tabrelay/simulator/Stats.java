package dev.tabrelay.simulator;

import java.util.concurrent.atomic.AtomicLong;

/** Live counters of one simulator run; {@link #summary()} takes a consistent-enough snapshot for the report. */
public final class Stats {

    final AtomicLong connects = new AtomicLong();
    final AtomicLong disconnects = new AtomicLong();
    final AtomicLong events = new AtomicLong();
    final AtomicLong eventsDropped = new AtomicLong();
    final AtomicLong chatTurns = new AtomicLong();
    final AtomicLong chatChunks = new AtomicLong();
    final AtomicLong chatErrors = new AtomicLong();
    final AtomicLong chatCancelled = new AtomicLong();
    final AtomicLong screenshots = new AtomicLong();
    final AtomicLong faultFrames = new AtomicLong();
    final AtomicLong errorFrames = new AtomicLong();

    public Summary summary() {
        return new Summary(connects.get(), disconnects.get(), events.get(), eventsDropped.get(), chatTurns.get(),
                chatChunks.get(), chatErrors.get(), chatCancelled.get(), screenshots.get(), faultFrames.get(),
                errorFrames.get());
    }

    /** What a run did; {@code errorFrames} counts the relay's {@code error} frames seen on fault connections. */
    public record Summary(long connects, long disconnects, long events, long eventsDropped, long chatTurns,
                          long chatChunks, long chatErrors, long chatCancelled, long screenshots,
                          long faultFrames, long errorFrames) {

        /** One line for the CLI. */
        public String line() {
            return "summary connects=" + connects + " disconnects=" + disconnects + " events=" + events
                    + " events-dropped=" + eventsDropped + " chat-turns=" + chatTurns + " chat-chunks=" + chatChunks
                    + " chat-errors=" + chatErrors + " chat-cancelled=" + chatCancelled + " screenshots=" + screenshots
                    + " fault-frames=" + faultFrames + " error-frames=" + errorFrames;
        }
    }
}
