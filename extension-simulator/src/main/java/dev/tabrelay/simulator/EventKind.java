package dev.tabrelay.simulator;

/** The kinds of tab events the simulator generates. */
public enum EventKind {
    CONSOLE, NETWORK, ELEMENT;

    public static EventKind parse(String name) {
        return valueOf(name.trim().toUpperCase(java.util.Locale.ROOT));
    }
}
