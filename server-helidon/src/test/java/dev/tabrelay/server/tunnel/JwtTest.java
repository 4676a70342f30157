package dev.tabrelay.server.tunnel;

import com.squareup.moshi.Moshi;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class JwtTest {

    static final byte[] SECRET = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8);
    private static final Instant NOW = Instant.ofEpochSecond(1_750_000_000L);
    private static final Duration SKEW = Duration.ofSeconds(30);
    private static final String AUD = "tabrelay-tunnel";

    private final Jwt jwt = new Jwt(SECRET, new Moshi.Builder().build());

    private String token(long exp, Long nbf, Long iat) {
        return jwt.sign(new Jwt.Claims("ext_1", AUD, exp, nbf, iat, "j-1"));
    }

    private String code(String token) {
        return assertThrows(Jwt.Invalid.class, () -> jwt.verify(token, AUD, NOW, SKEW)).code();
    }

    private static String b64(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void signAndVerifyRoundTrip() {
        String token = token(NOW.getEpochSecond() + 60, NOW.getEpochSecond(), NOW.getEpochSecond());
        assertEquals(new Jwt.Claims("ext_1", AUD, NOW.getEpochSecond() + 60, NOW.getEpochSecond(),
                NOW.getEpochSecond(), "j-1"), jwt.verify(token, AUD, NOW, SKEW));
        assertEquals("{\"alg\":\"HS256\",\"typ\":\"JWT\"}",
                new String(Base64.getUrlDecoder().decode(token.split("\\.")[0]), StandardCharsets.UTF_8));
    }

    @Test
    void aTamperedPayloadFailsTheSignature() {
        String[] parts = token(NOW.getEpochSecond() + 60, null, null).split("\\.");
        String forged = parts[0] + "." + b64("{\"sub\":\"ext_2\",\"aud\":\"" + AUD + "\",\"exp\":"
                + (NOW.getEpochSecond() + 60) + "}") + "." + parts[2];
        assertEquals("bad-signature", code(forged));
    }

    @Test
    void algNoneAndOtherAlgorithmsAreRefusedBeforeAnythingElse() {
        String payload = b64("{\"sub\":\"ext_1\",\"aud\":\"" + AUD + "\",\"exp\":" + (NOW.getEpochSecond() + 60) + "}");
        assertEquals("unsupported-alg", code(b64("{\"alg\":\"none\"}") + "." + payload + "."));
        assertEquals("unsupported-alg", code(b64("{\"alg\":\"HS512\"}") + "." + payload + ".AAAA"));
        assertEquals("unsupported-alg", code(b64("{\"alg\":\"hs256\"}") + "." + payload + ".AAAA"));
        assertEquals("unsupported-alg", code(b64("{\"typ\":\"JWT\"}") + "." + payload + ".AAAA"));
    }

    @Test
    void aTokenSignedWithAnotherKeyIsRefused() {
        Jwt other = new Jwt("another-secret-another-secret-123".getBytes(StandardCharsets.UTF_8), new Moshi.Builder().build());
        assertEquals("bad-signature", code(other.sign(new Jwt.Claims("ext_1", AUD, NOW.getEpochSecond() + 60, null, null, null))));
    }

    @Test
    void expiryEdgesWithTheSkew() {
        long now = NOW.getEpochSecond();
        jwt.verify(token(now - 29, null, null), AUD, NOW, SKEW); // expired 29 s ago: inside the 30 s skew
        assertEquals("expired", code(token(now - 30, null, null)));
        assertEquals("expired", code(token(now - 3600, null, null)));
        jwt.verify(token(now + 1, null, null), AUD, NOW, Duration.ZERO);
        assertEquals("expired", assertThrows(Jwt.Invalid.class,
                () -> jwt.verify(token(now, null, null), AUD, NOW, Duration.ZERO)).code());
    }

    @Test
    void notBeforeAndIssuedAtEdges() {
        long now = NOW.getEpochSecond();
        jwt.verify(token(now + 600, now + 30, null), AUD, NOW, SKEW);
        assertEquals("not-yet-valid", code(token(now + 600, now + 31, null)));
        jwt.verify(token(now + 600, null, now + 30), AUD, NOW, SKEW);
        assertEquals("issued-in-future", code(token(now + 600, null, now + 31)));
    }

    @Test
    void missingExpWrongAudienceAndMalformedTokens() {
        String noExp = jwt.sign(new Jwt.Claims("ext_1", AUD, 0, null, null, null)).split("\\.")[0];
        // A token without exp, correctly signed by us:
        String header = b64("{\"alg\":\"HS256\",\"typ\":\"JWT\"}");
        String body = b64("{\"sub\":\"ext_1\",\"aud\":\"" + AUD + "\"}");
        String unsigned = header + "." + body;
        String signed = unsigned + "." + jwt.sign(new Jwt.Claims("x", AUD, 1, null, null, null)).split("\\.")[2];
        assertEquals("bad-signature", code(signed), "a signature from another token does not fit");
        assertEquals(header, noExp);
        assertEquals("missing-claim", code(resign(unsigned)));

        assertEquals("wrong-audience", code(jwt.sign(new Jwt.Claims("ext_1", "someone-else", NOW.getEpochSecond() + 60,
                null, null, null))));
        assertEquals("malformed", code("abc"));
        assertEquals("malformed", code("a.b.c.d"));
        assertEquals("malformed", code(""));
        assertEquals("malformed", code("!!!.e30.AAAA"));
    }

    /** Signs an arbitrary header.payload with the test secret, to reach the claim checks. */
    private static String resign(String signingInput) {
        try {
            javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
            mac.init(new javax.crypto.spec.SecretKeySpec(SECRET, "HmacSHA256"));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding()
                    .encodeToString(mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII)));
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void shortSecretsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Jwt(new byte[31], new Moshi.Builder().build()));
    }
}
