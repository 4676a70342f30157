package dev.tabrelay.server.security;

/**
 * The last refused extension handshake, as {@code GET /status} shows it (never the token).
 *
 * @param code {@code pairing_missing}, {@code pairing_invalid}, {@code rate_limited}, {@code origin_blocked} or
 *             {@code host_blocked}
 * @param at   epoch milliseconds
 */
public record HandshakeError(String code, String message, long at) {
}
