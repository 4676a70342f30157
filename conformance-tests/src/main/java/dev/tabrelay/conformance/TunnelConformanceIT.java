package dev.tabrelay.conformance;

import dev.tabrelay.client.Backoff;
import dev.tabrelay.client.EventListener;
import dev.tabrelay.client.TabEvent;
import dev.tabrelay.client.TunnelClient;
import dev.tabrelay.protocol.events.ConsoleLog;
import org.junit.jupiter.api.Assumptions;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /tunnel/{sessionId}} and {@code POST /v1/tunnel/tokens} (docs/ops.md, The tunnel): a minted HS256 JWT opens
 * its session and nothing else; forged, expired, foreign and missing tokens are refused at the upgrade with the
 * reason. Needs the tunnel secret the suite started the target with ({@link ServerOptions#TUNNEL_SECRET}): skipped
 * on url targets.
 */
class TunnelConformanceIT {

    private static final String SUBPROTOCOL = "rapidtriage-tunnel-v1";
    private static final String AUDIENCE = "tabrelay-tunnel";

    private static void assumeTunnel(ServerTarget target) {
        Assumptions.assumeTrue(ServerOptions.configured(target),
                "needs tunnel-secret, which only the suite's own targets are started with");
    }

    /** An extension on a raw socket: its relay session id. */
    private static String connect(WsProbe extension, String tab) {
        extension.send(Json.connectionInit("init-" + tab, tab));
        return (String) Json.child(extension.awaitType("connection-ack"), "data").get("sessionId");
    }

    private static long now() {
        return System.currentTimeMillis() / 1000;
    }

    private static Map<String, Object> claims(String sub, String aud, long exp) {
        Map<String, Object> claims = new LinkedHashMap<>();
        claims.put("sub", sub);
        claims.put("aud", aud);
        claims.put("exp", exp);
        claims.put("iat", now());
        return claims;
    }

    private static String good(String session) {
        return Hs256.sign(claims(session, AUDIENCE, now() + 300), ServerOptions.TUNNEL_SECRET);
    }

    private static RawHttp.Reply upgrade(ServerTarget target, String session, String jwt, boolean subprotocol) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (jwt != null) {
            headers.put("Authorization", "Bearer " + jwt);
        }
        if (subprotocol) {
            headers.put("Sec-WebSocket-Protocol", SUBPROTOCOL);
        }
        return RawHttp.upgrade(target, "/tunnel/" + session, headers);
    }

    /** A refused token: the upgrade succeeds and the relay closes at once with 1008 and the reason. */
    private static void assertClosed(RelayClient relay, ServerTarget target, String session, String jwt, String reason,
                                     String what) {
        Map<String, String> headers = new LinkedHashMap<>();
        if (jwt != null) {
            headers.put("Authorization", "Bearer " + jwt);
        }
        try (WsProbe probe = relay.webSocketWithout("/tunnel/" + session, headers, SUBPROTOCOL)) {
            assertEquals(1008, probe.awaitClose(), what);
            String said = probe.closeReason();
            assertTrue(said != null && said.contains(reason), what + ": expected '" + reason + "' in " + said);
        }
    }

    private static void assertRefused(RawHttp.Reply reply, int status, String reason, String what) {
        assertEquals(status, reply.status(), what + ": " + reply.describe());
        String error = reply.header("X-TabRelay-Error");
        assertNotNull(error, what + ": no X-TabRelay-Error in " + reply.describe());
        assertTrue(error.contains(reason), what + ": expected '" + reason + "' in " + error);
    }

    private static RawHttp.Reply mint(ServerTarget target, String bearer, String session) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        if (bearer != null) {
            headers.put("Authorization", "Bearer " + bearer);
        }
        return RawHttp.request(target, "POST", "/v1/tunnel/tokens", headers,
                Json.write(Map.of("sessionId", session, "ttlSeconds", 600)));
    }

    @ConformanceTest
    void tokensAreMintedForThePairingTokenHolderOnly(ServerTarget target, RelayClient relay) {
        assumeTunnel(target);
        String owner = target.ownerToken().orElseThrow();
        try (WsProbe extension = relay.webSocket("/extension-ws");
             WsProbe otherExtension = relay.webSocket("/extension-ws")) {
            String session = connect(extension, Sdk.unique("tab-mint"));
            RawHttp.Reply anonymous = mint(target, null, session);
            assertEquals(401, anonymous.status(), anonymous.describe());
            assertInstanceOf(String.class, anonymous.errorCode(), "an OpenAI error body: " + anonymous.describe());
            assertEquals(404, mint(target, owner, "ext_" + Sdk.unique("nobody")).status(), "an unknown session");

            RawHttp.Reply minted = mint(target, owner, session);
            assertEquals(201, minted.status(), minted.describe());
            Map<String, Object> body = Json.object(minted.body());
            assertEquals("/tunnel/" + session, body.get("path"));
            assertEquals(SUBPROTOCOL, body.get("subprotocol"));
            String token = (String) body.get("token");
            assertEquals(101, upgrade(target, session, token, true).status(), "the minted token opens the tunnel");
            String other = connect(otherExtension, Sdk.unique("tab-mint-other"));
            assertClosed(relay, target, other, token, "wrong-session", "the token on another session");
        }
    }

    @ConformanceTest
    void aValidTokenSeesItsOwnSessionOnly(ServerTarget target, RelayClient relay) {
        assumeTunnel(target);
        String mineTab = Sdk.unique("tab-tunnel-mine");
        String otherTab = Sdk.unique("tab-tunnel-other");
        BlockingQueue<TabEvent<?>> seen = new LinkedBlockingQueue<>();
        try (WsProbe mine = relay.webSocket("/extension-ws");
             WsProbe other = relay.webSocket("/extension-ws");
             WsProbe everything = relay.webSocket("/mcp-ws")) {
            String session = connect(mine, mineTab);
            connect(other, otherTab);
            try (TunnelClient tunnel = TunnelClient.builder().serverUrl(target.httpBase().toString())
                    .sessionId(session).token(good(session)).backoff(Backoff.none()).requestTimeout(Sdk.WAIT)
                    .eventListener(new EventListener() {
                        @Override
                        public void onEvent(TabEvent<?> event) {
                            seen.add(event);
                        }
                    }).build()) {
                Sdk.await(tunnel.connect(), "the tunnel's connection-ack");
                other.send(Json.frame("o1", "console-log", Map.of("level", "info", "message", "not for the tunnel")));
                // Fanned out to everyone (the tunnel too, were it allowed) before the next event is sent.
                everything.awaitFrame("the other session's event", f -> otherTab.equals(Json.child(f, "metadata").get("tabId")));
                mine.send(Json.frame("m1", "console-log", Map.of("level", "info", "message", "for the tunnel")));
                TabEvent<?> first = Sdk.take(seen, "the tunnel's first event");
                assertEquals(mineTab, first.tabId(), "the other session's event never reaches the tunnel: " + first);
                assertEquals("for the tunnel", assertInstanceOf(ConsoleLog.class, first.data()).message());
            }
        }
    }

    @ConformanceTest
    void forgedExpiredForeignAndMissingTokensAreRefusedWith1008(ServerTarget target, RelayClient relay) {
        assumeTunnel(target);
        try (WsProbe extension = relay.webSocket("/extension-ws")) {
            String s = connect(extension, Sdk.unique("tab-jwt"));
            long exp = now() + 300;
            String secret = ServerOptions.TUNNEL_SECRET;
            assertClosed(relay, target, s, Hs256.sign(claims(s, AUDIENCE, now() - 3600), secret), "expired", "expired");
            assertClosed(relay, target, s, Hs256.sign(claims("ext_someone-else", AUDIENCE, exp), secret), "wrong-session", "sub names another session");
            assertClosed(relay, target, s, Hs256.sign(claims(s, "another-relay", exp), secret), "wrong-audience", "wrong audience");
            assertClosed(relay, target, s, Hs256.unsigned(claims(s, AUDIENCE, exp)), "unsupported-alg", "alg none");
            assertClosed(relay, target, s, Hs256.sign(claims(s, AUDIENCE, exp), "a-key-that-is-not-the-relays-one!!"), "bad-signature", "another key");
            String foreign = Hs256.sign(claims("ext_someone-else", AUDIENCE, exp), secret);
            assertClosed(relay, target, s, Hs256.withClaims(foreign, claims(s, AUDIENCE, exp)), "bad-signature", "claims swapped under a stolen signature");
            assertClosed(relay, target, s, "not.a-jwt", "malformed", "garbage");
            assertClosed(relay, target, s, null, "missing bearer token", "no token");
            assertRefused(upgrade(target, s, good(s), false), 400, SUBPROTOCOL, "no subprotocol");
            String gone = "ext_" + Sdk.unique("gone");
            assertEquals(404, upgrade(target, gone, good(gone), true).status(), "a session that is not connected");
            // The control: the right token is let in, and the subprotocol echoed.
            RawHttp.Reply ok = upgrade(target, s, good(s), true);
            assertEquals(101, ok.status(), ok.describe());
            assertEquals(SUBPROTOCOL, ok.header("Sec-WebSocket-Protocol"));
        }
    }

    @ConformanceTest
    void theTunnelClosesWhenItsExtensionLeaves(ServerTarget target, RelayClient relay) {
        assumeTunnel(target);
        String session;
        try (WsProbe extension = relay.webSocket("/extension-ws")) {
            session = connect(extension, Sdk.unique("tab-leaving"));
            try (WsProbe tunnel = relay.webSocketWithout("/tunnel/" + session,
                    Map.of("Authorization", "Bearer " + good(session)), SUBPROTOCOL)) {
                assertEquals(SUBPROTOCOL, tunnel.awaitOpen().header("Sec-WebSocket-Protocol"));
                extension.close();
                assertEquals(1000, tunnel.awaitClose(), "the session ended");
            }
        }
        assertEquals(404, upgrade(target, session, good(session), true).status(), "a gone session cannot be reopened");
    }
}
