package dev.tabrelay.server.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Objects;

/**
 * The relay's pairing secret: 32 random bytes, written as 64 hex characters. Every check goes through
 * {@link #matches(String)}, which compares in constant time whatever the candidate's length, so a caller
 * cannot learn the secret (or its length) from response times.
 */
public final class PairingToken {

    private static final int BYTES = 32;
    private final String hex;
    private final byte[] utf8;

    private PairingToken(String hex) {
        this.hex = hex;
        this.utf8 = hex.getBytes(StandardCharsets.UTF_8);
    }

    /** A fresh token from {@code random}. */
    public static PairingToken generate(SecureRandom random) {
        byte[] secret = new byte[BYTES];
        random.nextBytes(secret);
        return new PairingToken(HexFormat.of().formatHex(secret));
    }

    /** A token read from a file or the environment: 64 hex characters, surrounding whitespace ignored. */
    public static PairingToken parse(String text) {
        Objects.requireNonNull(text, "text");
        String trimmed = text.strip().toLowerCase(java.util.Locale.ROOT);
        if (trimmed.length() != BYTES * 2 || !trimmed.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw new IllegalArgumentException("a pairing token is 64 hex characters (32 bytes), got "
                    + trimmed.length() + " characters");
        }
        return new PairingToken(trimmed);
    }

    /** The secret in clear text: for the token file and {@code /pair} only, never for logs. */
    public String hex() {
        return hex;
    }

    /** Constant-time comparison; {@code null} and wrong lengths are simply false. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            MessageDigest.isEqual(utf8, utf8);
            return false;
        }
        return MessageDigest.isEqual(utf8, candidate.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String toString() {
        return "PairingToken[redacted]";
    }
}
