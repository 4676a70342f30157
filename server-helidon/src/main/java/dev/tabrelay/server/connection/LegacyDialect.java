package dev.tabrelay.server.connection;

import dev.tabrelay.protocol.dialect.DialectCodec;

import java.util.Objects;

/**
 * A pre-TabRelay wire format accepted at the edge, as the protocol-model dialect codecs: {@code fromPeer} reads
 * what the legacy peer sends, {@code toPeer} writes what the relay sends it. The mapping itself lives only in
 * {@code dev.tabrelay.protocol.dialect}; this record just names the pair for one socket.
 *
 * @param name     shown in {@code /v1/tabs} as the session's dialect, e.g. {@code browsertools}
 * @param fromPeer decodes the peer's frames (the dialect's extension-side codec)
 * @param toPeer   encodes the relay's frames (the dialect's server-side codec)
 */
public record LegacyDialect(String name, DialectCodec fromPeer, DialectCodec toPeer) {

    public LegacyDialect {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(fromPeer, "fromPeer");
        Objects.requireNonNull(toPeer, "toPeer");
    }

    /** How to write canonical messages to a peer that speaks this dialect. */
    public Connection.FrameEncoder encoder() {
        return toPeer::encode;
    }
}
