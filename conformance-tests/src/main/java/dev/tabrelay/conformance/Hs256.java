package dev.tabrelay.conformance;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;

/** Hand-made JWTs for the tunnel checks: signed with a secret the suite knows, or deliberately broken. */
final class Hs256 {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private Hs256() {
    }

    /** {@code header.claims.signature}, HMAC-SHA256 over the first two parts with {@code secret}. */
    static String sign(Map<String, Object> header, Map<String, Object> claims, String secret) {
        String signingInput = part(header) + "." + part(claims);
        return signingInput + "." + B64.encodeToString(mac(signingInput, secret));
    }

    static String sign(Map<String, Object> claims, String secret) {
        return sign(Map.of("alg", "HS256", "typ", "JWT"), claims, secret);
    }

    /** An unsigned token ({@code alg: none}, empty signature), the classic JWT forgery. */
    static String unsigned(Map<String, Object> claims) {
        return part(Map.of("alg", "none", "typ", "JWT")) + "." + part(claims) + ".";
    }

    /** {@code token} with its claims replaced by {@code claims} and the original signature kept. */
    static String withClaims(String token, Map<String, Object> claims) {
        String[] parts = token.split("\\.");
        return parts[0] + "." + part(claims) + "." + parts[2];
    }

    static String part(Map<String, Object> json) {
        return B64.encodeToString(Json.write(json).getBytes(StandardCharsets.UTF_8));
    }

    private static byte[] mac(String input, String secret) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return mac.doFinal(input.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
