package dev.tabrelay.server.connection;

import java.util.UUID;

/** Ids the server mints: unpredictable (so a peer cannot guess another's request ids) and prefixed by purpose. */
public final class Ids {

    public String next(String prefix) {
        return prefix + "_" + UUID.randomUUID().toString().replace("-", "").substring(0, 20);
    }
}
