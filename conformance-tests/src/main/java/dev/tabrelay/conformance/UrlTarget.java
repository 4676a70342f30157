package dev.tabrelay.conformance;

import java.net.URI;
import java.util.Optional;

/** A server somebody else started; the suite neither starts nor stops it. */
record UrlTarget(URI httpBase, Optional<String> pairingToken) implements ServerTarget {

    @Override
    public String mode() {
        return "url";
    }

    @Override
    public void close() {
        // Not ours to stop.
    }
}
