package dev.tabrelay.server.connection;

/**
 * What the upgrade check established about a socket before it opened.
 *
 * @param authenticated a valid credential came with the upgrade (no need to repeat it in connection-init)
 * @param scope         the only relay session this socket may see and command, or null for no restriction
 * @param refusal       when set, the socket opens only to be closed at once with 1008 and this reason: a browser
 *                      client sees a close code and reason, never the HTTP status of a refused upgrade
 */
public record Admission(boolean authenticated, String scope, String refusal) {

    public Admission(boolean authenticated, String scope) {
        this(authenticated, scope, null);
    }

    /** Let the upgrade through, then close with 1008 and {@code reason}. */
    public static Admission refused(String reason) {
        return new Admission(false, null, reason);
    }

    /** Nothing checked at the upgrade (endpoints without a gate, or a credential still to come). */
    public static final Admission NONE = new Admission(false, null);
}
