package dev.tabrelay.simulator;

/** One simulated tab's connection, whatever dialect it speaks. */
interface SimulatedTab extends AutoCloseable {

    /** Connects and completes the handshake; throws when the relay refuses or does not answer in time. */
    void start();

    /** Publishes one generated event of this kind (dialects without that event skip it and return false). */
    boolean publish(EventKind kind);

    @Override
    void close();
}
