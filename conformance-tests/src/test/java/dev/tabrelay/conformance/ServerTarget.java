package dev.tabrelay.conformance;

import java.net.URI;

/** A relay server under test, reachable at {@link #httpBase()}; closing it stops what the suite started. */
public interface ServerTarget extends AutoCloseable {

    /** The mode that produced it: {@code container}, {@code process} or {@code url}. */
    String mode();

    /** {@code http://HOST:PORT} with no trailing slash. */
    URI httpBase();

    default URI http(String path) {
        return URI.create(httpBase() + path);
    }

    default URI ws(String path) {
        return URI.create("ws" + httpBase().toString().substring("http".length()) + path);
    }

    @Override
    void close();
}
