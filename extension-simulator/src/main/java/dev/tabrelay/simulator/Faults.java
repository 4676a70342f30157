package dev.tabrelay.simulator;

import java.time.Duration;

/**
 * Fault injection. Zero values are off.
 *
 * @param disconnectAfter       a tab drops its connection after this many sent messages, then reconnects
 * @param disconnectProbability chance per sent message that a tab drops its connection (0..1)
 * @param replyDelay            delay before every chat answer and screenshot reply
 * @param malformedFrames       frames of broken JSON sent on a separate raw connection (the relay answers {@code error})
 * @param oversizeFrames        frames over the relay's limit (the relay closes that connection with 1009)
 * @param staleFrames           well-formed events with a timestamp ten minutes old
 */
public record Faults(int disconnectAfter, double disconnectProbability, Duration replyDelay,
                     int malformedFrames, int oversizeFrames, int staleFrames) {

    public Faults {
        replyDelay = replyDelay == null ? Duration.ZERO : replyDelay;
        if (disconnectAfter < 0 || malformedFrames < 0 || oversizeFrames < 0 || staleFrames < 0
                || disconnectProbability < 0 || disconnectProbability > 1 || replyDelay.isNegative()) {
            throw new IllegalArgumentException("fault settings must not be negative (probability 0..1): " + this);
        }
    }

    public static Faults none() {
        return new Faults(0, 0, Duration.ZERO, 0, 0, 0);
    }

    public Faults disconnectAfter(int messages) {
        return new Faults(messages, disconnectProbability, replyDelay, malformedFrames, oversizeFrames, staleFrames);
    }

    public Faults disconnectRandomly(double probability) {
        return new Faults(disconnectAfter, probability, replyDelay, malformedFrames, oversizeFrames, staleFrames);
    }

    public Faults replyDelay(Duration delay) {
        return new Faults(disconnectAfter, disconnectProbability, delay, malformedFrames, oversizeFrames, staleFrames);
    }

    public Faults malformedFrames(int count) {
        return new Faults(disconnectAfter, disconnectProbability, replyDelay, count, oversizeFrames, staleFrames);
    }

    public Faults oversizeFrames(int count) {
        return new Faults(disconnectAfter, disconnectProbability, replyDelay, malformedFrames, count, staleFrames);
    }

    public Faults staleFrames(int count) {
        return new Faults(disconnectAfter, disconnectProbability, replyDelay, malformedFrames, oversizeFrames, count);
    }

    /** Whether any frame-level fault needs the raw fault connection. */
    boolean needsRawSocket() {
        return malformedFrames > 0 || oversizeFrames > 0 || staleFrames > 0;
    }
}
