package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.server.connection.Admission;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.UpgradeGate;
import dev.tabrelay.server.security.PairingToken;
import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.RequestException;
import io.helidon.http.Status;

import java.util.Optional;

/**
 * The pairing-token rule of {@code /ops} and {@code /annotation}: with pairing on, a client proves it holds the
 * token as {@code ?token=}, as {@code Authorization: Bearer}, or as {@code pairingToken} in connection-init.
 * A wrong token on the upgrade is refused with HTTP 401 (terminal for clients: no reconnect loop); a socket
 * that opened without one must send it in connection-init before anything else, or it is closed with 1008.
 */
public final class PairingCheck {

    private final Optional<PairingToken> token;

    /** @param token the relay's pairing token; empty = pairing off, everyone is admitted */
    public PairingCheck(Optional<PairingToken> token) {
        this.token = token;
    }

    public boolean enabled() {
        return token.isPresent();
    }

    /** Whether {@code candidate} is the token (constant time); false when pairing is off. */
    public boolean matches(String candidate) {
        return token.map(t -> t.matches(candidate)).orElse(false);
    }

    /** The upgrade check: a presented token must be right; none at all is decided at connection-init. */
    public UpgradeGate gate() {
        return (HttpPrologue prologue, Headers headers) -> {
            if (token.isEmpty()) {
                return new Admission(true, null);
            }
            Optional<String> presented = prologue.query().first("token").asOptional()
                    .or(() -> bearer(headers));
            if (presented.isEmpty()) {
                return Admission.NONE;
            }
            if (!matches(presented.get())) {
                throw unauthorized("invalid pairing token");
            }
            return new Admission(true, null);
        };
    }

    /** Whether the socket may send commands: pairing off, or the token came with the upgrade or connection-init. */
    public boolean admitted(Connection connection) {
        return token.isEmpty() || connection.admission().authenticated();
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
    public static final String ERROR_HEADER = "X-TabRelay-Error";

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
