package dev.tabrelay.server.connection;

/**
 * What the upgrade check established about a socket before it opened.
 *
 * @param authenticated a valid credential came with the upgrade (no need to repeat it in connection-init)
 * @param scope         the only relay session this socket may see and command, or null for no restriction
 */
public record Admission(boolean authenticated, String scope) {

    /** Nothing checked at the upgrade (endpoints without a gate, or a credential still to come). */
    public static final Admission NONE = new Admission(false, null);
}
