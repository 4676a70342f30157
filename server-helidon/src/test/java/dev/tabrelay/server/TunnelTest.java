package dev.tabrelay.server;

import com.squareup.moshi.Moshi;
import dev.tabrelay.server.tunnel.Jwt;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import okhttp3.Request;
import okhttp3.RequestBody;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static dev.tabrelay.server.TestRelay.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /tunnel/{sessionId}} with Bearer JWTs, and the token endpoint, on a real relay. */
@Timeout(60)
class TunnelTest {

    static final String PAIRING = "ab".repeat(32);
    static final String SECRET = "a-tunnel-secret-of-at-least-32-bytes!";
    static final String PROTOCOL = "rapidtriage-tunnel-v1";

    static TestRelay relay;
    static WsClient ext1;
    static WsClient ext2;
    static final Jwt JWT = new Jwt(SECRET.getBytes(StandardCharsets.UTF_8), new Moshi.Builder().build());

    @BeforeAll
    static void start() {
        relay = new TestRelay(b -> b.pairingToken(dev.tabrelay.server.security.PairingToken.parse(PAIRING)).tunnelSecret(SECRET).tunnelClockSkew(Duration.ofSeconds(5)));
        ext1 = relay.extension("t1");
        ext2 = relay.extension("t2");
    }

    @AfterAll
    static void stop() {
        ext1.close();
        ext2.close();
        relay.close();
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static String token(String sub, String aud, long exp) {
        return JWT.sign(new Jwt.Claims(sub, aud, exp, null, now(), null));
    }

    private static TestRelay.HttpResult mint(String bearer, String body) {
        Request.Builder request = new Request.Builder().url(relay.base() + "/v1/tunnel/tokens")
                .post(RequestBody.create(body, okhttp3.MediaType.get("application/json")));
        if (bearer != null) {
            request.header("Authorization", "Bearer " + bearer);
        }
        return relay.call(request.build());
    }

    private static WsClient tunnel(String sessionId, String jwt) {
        WsClient tunnel = WsClient.connect(relay.http, "ws://127.0.0.1:" + relay.server.port() + "/tunnel/" + sessionId,
                new String[]{PROTOCOL}, null, Map.of("Authorization", "Bearer " + jwt));
        assertEquals(PROTOCOL, tunnel.awaitOpen().header("Sec-WebSocket-Protocol"));
        return tunnel;
    }

    private static Upgrade attempt(String sessionId, Map<String, String> headers) {
        return Upgrade.attempt(relay.server.port(), "/tunnel/" + sessionId, headers);
    }

    /** A refused token: the socket opens and is closed at once with 1008; returns the close reason. */
    private static String refusal(String sessionId, String jwt) {
        Map<String, String> headers = jwt == null ? Map.of() : Map.of("Authorization", "Bearer " + jwt);
        try (WsClient refused = WsClient.connect(relay.http, "ws://127.0.0.1:" + relay.server.port() + "/tunnel/"
                + sessionId, new String[]{PROTOCOL}, null, headers)) {
            assertEquals(1008, refused.awaitClose());
            return refused.closeReason;
        }
    }

    @Test
    void tokensAreMintedOnlyForThePairingTokenHolder() {
        assertEquals(401, mint(null, "{\"sessionId\":\"" + ext1.sessionId + "\"}").status());
        TestRelay.HttpResult wrong = mint("cd".repeat(32), "{\"sessionId\":\"" + ext1.sessionId + "\"}");
        assertEquals(401, wrong.status());
        assertEquals("unauthorized", ((Map<?, ?>) wrong.object().get("error")).get("code"));
        assertEquals(404, mint(PAIRING, "{\"sessionId\":\"ext_nobody\"}").status());
        assertEquals(400, mint(PAIRING, "{\"sessionId\":\"" + ext1.sessionId + "\",\"ttlSeconds\":0}").status());
        assertEquals(400, mint(PAIRING, "{}").status());

        TestRelay.HttpResult minted = mint(PAIRING, "{\"sessionId\":\"" + ext1.sessionId + "\",\"ttlSeconds\":120}");
        assertEquals(201, minted.status(), minted.text());
        Map<String, Object> body = minted.object();
        assertEquals("/tunnel/" + ext1.sessionId, body.get("path"));
        Jwt.Claims claims = JWT.verify((String) body.get("token"), "tabrelay-tunnel", java.time.Instant.now(), Duration.ZERO);
        assertEquals(ext1.sessionId, claims.sub());
        assertTrue(claims.exp() - now() <= 120 && claims.exp() - now() >= 110);
        try (WsClient tunnel = tunnel(ext1.sessionId, (String) body.get("token"))) {
            tunnel.send(frame("h", "heartbeat", Map.of(), null));
            tunnel.awaitReply("h", "heartbeat");
        }
    }

    @Test
    void invalidTokensAreRefusedWithTheReason() {
        String s1 = ext1.sessionId;
        long exp = now() + 300;
        assertTrue(refusal(s1, token(s1, "tabrelay-tunnel", now() - 60)).contains("(expired)"));
        assertTrue(refusal(s1, token(ext2.sessionId, "tabrelay-tunnel", exp)).contains("(wrong-session)"));
        assertTrue(refusal(s1, token(s1, "another-relay", exp)).contains("(wrong-audience)"));

        String body = Base64.getUrlEncoder().withoutPadding().encodeToString(("{\"sub\":\"" + s1
                + "\",\"aud\":\"tabrelay-tunnel\",\"exp\":" + exp + "}").getBytes(StandardCharsets.UTF_8));
        String none = Base64.getUrlEncoder().withoutPadding().encodeToString("{\"alg\":\"none\"}".getBytes(StandardCharsets.UTF_8));
        assertTrue(refusal(s1, none + "." + body + ".").contains("(unsupported-alg)"));

        String[] good = token(ext2.sessionId, "tabrelay-tunnel", exp).split("\\.");
        assertTrue(refusal(s1, good[0] + "." + body + "." + good[2]).contains("(bad-signature)"), "tampered payload");

        assertTrue(refusal(s1, null).contains("missing bearer token"));

        Upgrade noProtocol = attempt(s1, Map.of("Authorization", "Bearer " + token(s1, "tabrelay-tunnel", exp)));
        assertEquals(400, noProtocol.status());
        assertTrue(noProtocol.head().contains(PROTOCOL), noProtocol.head());

        Upgrade otherSession = attempt("ext_gone", Map.of("Sec-WebSocket-Protocol", PROTOCOL,
                "Authorization", "Bearer " + token("ext_gone", "tabrelay-tunnel", exp)));
        assertEquals(404, otherSession.status());
        assertEquals(101, attempt(s1, Map.of("Sec-WebSocket-Protocol", PROTOCOL,
                "Authorization", "Bearer " + token(s1, "tabrelay-tunnel", exp))).status());
    }

    @Test
    void aTunnelSeesAndCommandsItsOwnSessionOnly() {
        String jwt = token(ext1.sessionId, "tabrelay-tunnel", now() + 300);
        try (WsClient tunnel = tunnel(ext1.sessionId, jwt); WsClient everything = relay.mcp(Map.of())) {
            tunnel.send(frame("s1", "subscribe", Map.of(), null)); // asks for everything, gets its session
            tunnel.awaitReply("s1", "ack");
            ext2.send(frame("e2", "console-log", Map.of("level", "info", "message", "secret of session 2"), null));
            // Fanned out (to the tunnel too, were it allowed) before the next event is even sent:
            assertEquals("secret of session 2", data(everything.awaitType("console-log")).get("message"));
            ext1.send(frame("e1", "console-log", Map.of("level", "info", "message", "session 1 says hi"), null));
            Map<String, Object> seen = tunnel.awaitType("console-log");
            assertEquals("session 1 says hi", data(seen).get("message"), "the other session's event never arrives");
            assertEquals(ext1.sessionId, metadata(seen).get("sessionId"));

            tunnel.send(frame("s2", "subscribe", Map.of("sessionId", ext2.sessionId), null));
            assertEquals("session-forbidden", data(tunnel.awaitReply("s2", "error")).get("code"));
            tunnel.send(frame("p1", "screenshot-request", Map.of(), Map.of("tabId", "t2")));
            assertEquals("session-forbidden", data(tunnel.awaitReply("p1", "error")).get("code"));
            tunnel.send(frame("p2", "screenshot-request", Map.of(), Map.of("tabId", "t2", "sessionId", ext2.sessionId)));
            assertEquals("session-forbidden", data(tunnel.awaitReply("p2", "error")).get("code"));

            // A screenshot without a tab goes to the tunnel's own session, whatever sessionId the frame names.
            tunnel.send(frame("p3", "screenshot-request", Map.of(), Map.of("sessionId", ext2.sessionId)));
            Map<String, Object> asked = ext1.awaitType("screenshot-request");
            ext1.send(frame((String) asked.get("id"), "screenshot-response", Map.of("success", true,
                    "data", "iVBORw0KGgo=", "format", "png"), null));
            assertEquals(ext1.sessionId, metadata(tunnel.awaitReply("p3", "screenshot-response")).get("sessionId"));

            // clear-logs clears its own session's tab only.
            tunnel.send(frame("c1", "clear-logs", Map.of(), null));
            tunnel.awaitReply("c1", "ack");
            List<?> left = (List<?>) relay.get("/v1/logs?tabId=t2").object().get("data");
            assertEquals(1, left.size(), "session 2's log survived: " + left);
            assertEquals(List.of(), relay.get("/v1/logs?tabId=t1").object().get("data"));
        }
    }

    @Test
    void theTunnelClosesWhenItsSessionEnds() {
        try (WsClient ext = relay.extension("t3")) {
            try (WsClient tunnel = tunnel(ext.sessionId, token(ext.sessionId, "tabrelay-tunnel", now() + 300))) {
                ext.close();
                assertEquals(1000, tunnel.awaitClose());
            }
        }
    }
}
