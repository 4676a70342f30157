package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.server.connection.Admission;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.security.PairingToken;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.RequestException;
import io.helidon.http.Status;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The pairing-token rule of {@code /ops} and {@code /annotation}: with pairing on, a client proves it holds the
 * token as {@code ?token=}, as {@code Authorization: Bearer}, or as {@code pairingToken} in connection-init.
 * The upgrade itself is checked by the security layer ({@code UpgradeGuard} with {@code OPS_SOCKET}): a wrong
 * token there is refused with HTTP 401 (terminal for clients: no reconnect loop); a socket that opened without
 * one must send it in connection-init before anything else, or it is closed with 1008.
 */
public final class PairingCheck {

    private final boolean enabled;
    private final Supplier<PairingToken> token;

    /**
     * @param enabled whether pairing is on (off: everyone is admitted)
     * @param token   the relay's current pairing token (asked at every check: it can be rotated)
     */
    public PairingCheck(boolean enabled, Supplier<PairingToken> token) {
        this.enabled = enabled;
        this.token = token;
    }

    public boolean enabled() {
        return enabled;
    }

    /** Whether {@code candidate} is the token (constant time); false when pairing is off. */
    public boolean matches(String candidate) {
        return enabled && token.get().matches(candidate);
    }

    /** Whether the socket may send commands: pairing off, or the token came with the upgrade or connection-init. */
    public boolean admitted(Connection connection) {
        return !enabled || connection.admission().authenticated();
    }

    /** Checks connection-init's {@code pairingToken} when the upgrade carried none; true when admitted after it. */
    public boolean admit(Connection connection, ConnectionInit init) {
        if (admitted(connection)) {
            return true;
        }
        if (matches(init.pairingToken())) {
            connection.admit(new Admission(true, connection.admission().scope()));
            return true;
        }
        return false;
    }

    /** The Bearer credential of an {@code Authorization} header. */
    public static Optional<String> bearer(Headers headers) {
        return headers.first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.regionMatches(true, 0, "Bearer ", 0, 7))
                .map(v -> v.substring(7).trim());
    }

    /** The header that carries why an upgrade was refused (Helidon sends refusals without a body). */
    public static final String ERROR_HEADER = dev.tabrelay.server.security.UpgradeGuard.ERROR_HEADER;

    /** A 401 refusal of the upgrade, with the reason in {@code WWW-Authenticate} (RFC 6750) and {@link #ERROR_HEADER}. */
    public static RequestException unauthorized(String why) {
        String safe = why.replace('"', '\'').replace('\r', ' ').replace('\n', ' ');
        return RequestException.builder().type(DirectHandler.EventType.OTHER).status(Status.UNAUTHORIZED_401)
                .message(safe).safeMessage(true)
                .header(HeaderValues.create(HeaderNames.WWW_AUTHENTICATE,
                        "Bearer error=\"invalid_token\", error_description=\"" + safe + "\""))
                .header(HeaderValues.create(ERROR_HEADER, safe))
                .build();
    }

    /** Any other refusal of the upgrade (400, 404), with the reason in {@link #ERROR_HEADER}. */
    public static RequestException refuse(Status status, String why) {
        String safe = why.replace('\r', ' ').replace('\n', ' ');
        return RequestException.builder().type(DirectHandler.EventType.OTHER).status(status).message(safe)
                .safeMessage(true).header(HeaderValues.create(ERROR_HEADER, safe)).build();
    }
}
