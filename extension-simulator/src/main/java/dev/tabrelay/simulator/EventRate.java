package dev.tabrelay.simulator;

/** Generate events of {@code kind} at {@code perSecond} per tab (fractions allowed: 0.5 = one every two seconds). */
public record EventRate(EventKind kind, double perSecond) {

    public EventRate {
        if (!(perSecond > 0) || perSecond > 1000) {
            throw new IllegalArgumentException("events per second must be in (0, 1000]: " + perSecond);
        }
    }

    public static EventRate console(double perSecond) {
        return new EventRate(EventKind.CONSOLE, perSecond);
    }

    public static EventRate network(double perSecond) {
        return new EventRate(EventKind.NETWORK, perSecond);
    }

    public static EventRate element(double perSecond) {
        return new EventRate(EventKind.ELEMENT, perSecond);
    }

    /** The period between two events, at least one millisecond. */
    public long periodMillis() {
        return Math.max(1, Math.round(1000 / perSecond));
    }
}
