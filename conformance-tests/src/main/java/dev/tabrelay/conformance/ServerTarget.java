package dev.tabrelay.conformance;

import java.net.URI;
import java.util.Optional;

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

    /**
     * The pairing token clients present as {@code Authorization: Bearer} (HTTP and WebSocket upgrades): the random
     * one a container target was started with, or the runner's {@code --token} for a url target.
     */
    default Optional<String> pairingToken() {
        return Optional.empty();
    }

    /**
     * The pairing token as the server's owner knows it, for what needs it even from a local tool: {@code /ops},
     * {@code /annotation} and minting tunnel tokens. The {@link #pairingToken()} where clients send one; the process
     * target's own token file otherwise (its clients stay token-free local tools). Empty: unknown (a url target
     * without {@code --token}).
     */
    default Optional<String> ownerToken() {
        return pairingToken();
    }

    @Override
    void close();
}
