package dev.tabrelay.server.tunnel;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * HS256 JSON Web Tokens (RFC 7519), just what the tunnel needs. Verification trusts nothing before the
 * signature: the header must say {@code alg: HS256} exactly (so {@code none} and every other algorithm are
 * refused), the HMAC is compared in constant time, and only then are the claims read: {@code exp} required,
 * {@code nbf} and {@code iat} when present, all with a bounded clock skew, and {@code aud} must name us.
 */
public final class Jwt {

    /** Why a token was refused; {@link #code()} is stable, the message says what to fix. */
    public static final class Invalid extends RuntimeException {
        private final String code;

        Invalid(String code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public String code() {
            return code;
        }
    }

    /**
     * The claims TabRelay uses; times are epoch seconds.
     *
     * @param sub the relay session the token opens
     * @param nbf not before, or null
     * @param iat issued at, or null
     * @param jti a unique id, or null
     */
    public record Claims(String sub, String aud, long exp, Long nbf, Long iat, String jti) {
    }

    private static final String ALG = "HS256";
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final SecretKeySpec key;
    private final JsonAdapter<Object> json;

    /** @param secret at least 32 bytes (HS256 keys shorter than the hash are weak) */
    public Jwt(byte[] secret, Moshi moshi) {
        if (secret.length < 32) {
            throw new IllegalArgumentException("an HS256 secret needs at least 32 bytes, got " + secret.length);
        }
        this.key = new SecretKeySpec(secret.clone(), "HmacSHA256");
        this.json = moshi.adapter(Object.class);
    }

    /** Signs the claims (null claims are left out). */
    public String sign(Claims claims) {
        Map<String, Object> header = new LinkedHashMap<>();
        header.put("alg", ALG);
        header.put("typ", "JWT");
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("sub", claims.sub());
        body.put("aud", claims.aud());
        body.put("exp", claims.exp());
        putIfPresent(body, "nbf", claims.nbf());
        putIfPresent(body, "iat", claims.iat());
        putIfPresent(body, "jti", claims.jti());
        String signingInput = part(json.toJson(header)) + "." + part(json.toJson(body));
        return signingInput + "." + ENCODER.encodeToString(hmac(signingInput));
    }

    /**
     * Verifies a token and returns its claims.
     *
     * @throws Invalid with code {@code malformed}, {@code unsupported-alg}, {@code bad-signature},
     *                 {@code missing-claim}, {@code expired}, {@code not-yet-valid}, {@code issued-in-future}
     *                 or {@code wrong-audience}
     */
    public Claims verify(String token, String audience, Instant now, Duration skew) {
        Objects.requireNonNull(audience, "audience");
        if (token == null || token.isBlank()) {
            throw new Invalid("malformed", "no token");
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3) {
            throw new Invalid("malformed", "a JWT has three dot-separated parts, this one has " + parts.length);
        }
        Map<String, Object> header = object(parts[0], "header");
        if (!ALG.equals(header.get("alg"))) {
            throw new Invalid("unsupported-alg", "only alg HS256 is accepted, the token says " + header.get("alg"));
        }
        if (header.containsKey("crit")) {
            throw new Invalid("malformed", "critical header extensions are not supported");
        }
        byte[] signature = decode(parts[2], "signature");
        if (!MessageDigest.isEqual(hmac(parts[0] + "." + parts[1]), signature)) {
            throw new Invalid("bad-signature", "the signature does not match (wrong key or altered token)");
        }
        Map<String, Object> body = object(parts[1], "payload");
        long nowSeconds = now.getEpochSecond();
        long leeway = skew.toSeconds();
        Long exp = seconds(body, "exp");
        if (exp == null) {
            throw new Invalid("missing-claim", "the token has no exp claim; tunnel tokens must expire");
        }
        if (nowSeconds >= exp + leeway) {
            throw new Invalid("expired", "the token expired at " + Instant.ofEpochSecond(exp));
        }
        Long nbf = seconds(body, "nbf");
        if (nbf != null && nowSeconds + leeway < nbf) {
            throw new Invalid("not-yet-valid", "the token is not valid before " + Instant.ofEpochSecond(nbf));
        }
        Long iat = seconds(body, "iat");
        if (iat != null && iat > nowSeconds + leeway) {
            throw new Invalid("issued-in-future", "the token claims to be issued at " + Instant.ofEpochSecond(iat)
                    + ", after now; check the issuer's clock");
        }
        String aud = audienceOf(body.get("aud"), audience);
        if (aud == null) {
            throw new Invalid("wrong-audience", "the token is not meant for this relay (aud must be " + audience + ")");
        }
        if (!(body.get("sub") instanceof String sub) || sub.isEmpty()) {
            throw new Invalid("missing-claim", "the token has no sub claim (the session it opens)");
        }
        Object jti = body.get("jti");
        return new Claims(sub, aud, exp, nbf, iat, jti instanceof String s ? s : null);
    }

    private static String audienceOf(Object claim, String expected) {
        if (expected.equals(claim)) {
            return expected;
        }
        if (claim instanceof List<?> list && list.contains(expected)) {
            return expected;
        }
        return null;
    }

    private static Long seconds(Map<String, Object> body, String name) {
        Object value = body.get(name);
        if (value == null) {
            return null;
        }
        if (!(value instanceof Number number) || !Double.isFinite(number.doubleValue())) {
            throw new Invalid("malformed", "the " + name + " claim must be a number of seconds");
        }
        return (long) Math.floor(number.doubleValue());
    }

    @SuppressWarnings("unchecked")
    private Map<String, Object> object(String part, String what) {
        String text = new String(decode(part, what), StandardCharsets.UTF_8);
        Object value;
        try {
            value = json.fromJson(text);
        } catch (java.io.IOException | RuntimeException e) {
            throw new Invalid("malformed", "the " + what + " is not JSON");
        }
        if (!(value instanceof Map<?, ?>)) {
            throw new Invalid("malformed", "the " + what + " is not a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static byte[] decode(String part, String what) {
        try {
            return DECODER.decode(part);
        } catch (IllegalArgumentException e) {
            throw new Invalid("malformed", "the " + what + " is not base64url");
        }
    }

    private byte[] hmac(String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }

    private static String part(String jsonText) {
        return ENCODER.encodeToString(jsonText.getBytes(StandardCharsets.UTF_8));
    }

    private static void putIfPresent(Map<String, Object> map, String name, Object value) {
        if (value != null) {
            map.put(name, value);
        }
    }
}
