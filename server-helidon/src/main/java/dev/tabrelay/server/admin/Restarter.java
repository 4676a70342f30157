package dev.tabrelay.server.admin;

/**
 * Restarts the listeners of whoever owns the server. Two steps, so the HTTP answer goes out before the
 * listener that carries it stops: {@link #claim()} reserves the restart, {@link #begin()} (after answering)
 * runs it on another thread.
 */
public interface Restarter {

    enum Outcome {
        /** Reserved: call {@link #begin()}. */
        STARTED,
        /** One is already under way. */
        BUSY,
        /** This server was started without a runtime that can restart it (embedded use, tests). */
        UNAVAILABLE
    }

    Outcome claim();

    /** Runs the claimed restart in the background. */
    void begin();

    Restarter UNAVAILABLE = new Restarter() {
        @Override
        public Outcome claim() {
            return Outcome.UNAVAILABLE;
        }

        @Override
        public void begin() {
        }
    };
}
