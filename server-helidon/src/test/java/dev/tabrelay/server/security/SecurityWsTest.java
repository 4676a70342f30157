package dev.tabrelay.server.security;

import dev.tabrelay.server.RelayServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Upgrades and extension handshakes against the policy, over real sockets from 127.0.0.1. */
class SecurityWsTest {

    static final String EXT = "abcdefghijklmnopabcdefghijklmnop";
    static final String OTHER_EXT = "chrome-extension://pppppppppppppppppppppppppppppppp";
    static final String EXTENSION_PROTOCOL = "rapidtriage-extension-v1";

    private SecureRelay relay;

    private SecureRelay relay(Consumer<dev.tabrelay.server.ServerConfig.Builder> settings) {
        relay = new SecureRelay(settings);
        return relay;
    }

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    private static void assertRefused(SecureRelay.Probe probe, int status) {
        SecureRelay.Probe.Event event = probe.next();
        assertEquals("failure", event.kind(), "expected a refused upgrade, got " + event);
        assertEquals(status, event.code(), event.text());
    }

    private static void assertOpen(SecureRelay.Probe probe) {
        SecureRelay.Probe.Event event = probe.next();
        assertEquals("open", event.kind(), "expected an open socket, got " + event);
    }

    private static void assertClosed(SecureRelay.Probe probe, String reason) {
        SecureRelay.Probe.Event event = probe.awaitClose();
        assertEquals("closing", event.kind(), String.valueOf(event));
        assertEquals(1008, event.code());
        assertEquals(reason, event.text());
    }

    private SecureRelay.Probe extension(String... headers) {
        List<String> all = new ArrayList<>(List.of(headers));
        all.add("Sec-WebSocket-Protocol");
        all.add(EXTENSION_PROTOCOL);
        return relay.ws("/extension-ws", all.toArray(String[]::new));
    }

    @SuppressWarnings("unchecked")
    private List<Map<String, Object>> sessions() {
        return (List<Map<String, Object>>) relay.get("/v1/tabs").json().get("extensions");
    }

    @Test
    void forgedHostAndOriginsAreRefusedAtTheUpgrade() {
        relay(b -> { });
        String evilHost = "evil.example:" + relay.server.port();
        assertRefused(relay.ws("/extension-ws", "Host", evilHost), 403);
        assertRefused(relay.ws("/mcp-ws", "Host", evilHost), 403);
        assertRefused(relay.ws("/extension-ws", "Origin", "null"), 403);
        assertRefused(relay.ws("/mcp-ws", "Origin", "null"), 403);
        assertRefused(relay.ws("/extension-ws", "Origin", "https://evil.example"), 403);
        assertRefused(relay.ws("/mcp-ws", "Origin", "https://evil.example"), 403);
        assertRefused(relay.ws("/mcp-ws", "Origin", relay.base()), 403);
        assertRefused(relay.ws("/mcp-ws", "Origin", OTHER_EXT), 403);
        Map<String, Object> status = relay.get("/status").json();
        assertEquals("origin_blocked", ((Map<?, ?>) status.get("lastHandshakeError")).get("code"));
        SecureRelay.Probe local = relay.ws("/mcp-ws", "Sec-WebSocket-Protocol", "mcp-server-v1");
        assertOpen(local);
        local.close();
    }

    @Test
    void unconfiguredExtensionsMustPairInTheirHandshake() {
        relay(b -> { });
        SecureRelay.Probe none = extension("Origin", OTHER_EXT);
        assertOpen(none);
        none.send(SecureRelay.init("i1", "t1", null));
        assertClosed(none, "pairing token required");

        SecureRelay.Probe wrong = extension("Origin", OTHER_EXT);
        assertOpen(wrong);
        wrong.send(SecureRelay.init("i2", "t1", "0".repeat(64)));
        assertClosed(wrong, "invalid pairing token");
        Map<?, ?> error = (Map<?, ?>) relay.get("/status").json().get("lastHandshakeError");
        assertEquals("pairing_invalid", error.get("code"));
        assertTrue(sessions().isEmpty(), "nothing registered");

        SecureRelay.Probe right = extension("Origin", OTHER_EXT);
        assertOpen(right);
        right.send(SecureRelay.frame("h1", "heartbeat", Map.of("status", "alive"), null));
        right.awaitType("heartbeat"); // answered before pairing: the socket is open on the server side
        assertTrue(sessions().isEmpty(), "an unpaired socket serves no tab and is not listed");
        assertEquals(1.0, relay.get("/status").json().get("extensionsAwaitingHandshake"));
        right.send(SecureRelay.init("i3", "t1", relay.token()));
        assertEquals("connection-ack", right.awaitType("connection-ack").get("type"));
        assertEquals(1, sessions().size());
        assertEquals(1.0, relay.get("/status").json().get("extensions"));
        right.close();
    }

    @Test
    void bearerOrQueryTokenAuthenticatesTheUpgrade() {
        relay(b -> { });
        SecureRelay.Probe bearer = extension("Origin", OTHER_EXT, "Authorization", "Bearer " + relay.token());
        assertOpen(bearer);
        bearer.send(SecureRelay.init("i1", "t1", null));
        bearer.awaitType("connection-ack");

        SecureRelay.Probe query = relay.ws("/extension-ws?token=" + relay.token(), "Origin", OTHER_EXT);
        assertOpen(query);
        query.send(SecureRelay.init("i2", "t2", null));
        query.awaitType("connection-ack");

        assertRefused(extension("Origin", OTHER_EXT, "Authorization", "Bearer " + "1".repeat(64)), 401);
        assertEquals(2, sessions().size());
        bearer.close();
        query.close();
    }

    @Test
    void configuredExtensionIdsArePairedAndOthersRefused() {
        relay(b -> b.extensionIds(List.of(EXT)));
        SecureRelay.Probe paired = extension("Origin", "chrome-extension://" + EXT);
        assertOpen(paired);
        paired.send(SecureRelay.init("i1", "t1", null));
        paired.awaitType("connection-ack");
        SecureRelay.Probe mcp = relay.ws("/mcp-ws", "Origin", "chrome-extension://" + EXT);
        assertOpen(mcp);
        assertRefused(extension("Origin", OTHER_EXT), 403);
        assertRefused(extension("Origin", OTHER_EXT, "Authorization", "Bearer " + relay.token()), 403);
        paired.close();
        mcp.close();
    }

    @Test
    void aSecondExtensionCannotTakeALiveTabWithoutTheToken() {
        relay(b -> { });
        SecureRelay.Probe owner = extension();
        assertOpen(owner);
        owner.send(SecureRelay.init("own", "t1", null));
        String ownerSession = (String) ((Map<?, ?>) owner.awaitType("connection-ack").get("data")).get("sessionId");
        SecureRelay.Probe subscriber = relay.ws("/mcp-ws", "Sec-WebSocket-Protocol", "mcp-server-v1");
        assertOpen(subscriber);

        // Frames before pairing: an event for the tab, then nothing more (the socket is closed).
        SecureRelay.Probe early = extension("Origin", OTHER_EXT);
        assertOpen(early);
        early.send(SecureRelay.frame("e1", "console-log", Map.of("level", "log", "message", "forged", "args", List.of()),
                Map.of("tabId", "t1")));
        assertClosed(early, "pairing required: the first frame must be connection-init with pairingToken");

        SecureRelay.Probe thief = extension("Origin", OTHER_EXT);
        assertOpen(thief);
        thief.send(SecureRelay.init("steal", "t1", "f".repeat(64)));
        assertClosed(thief, "invalid pairing token");

        List<Map<String, Object>> sessions = sessions();
        assertEquals(1, sessions.size());
        assertEquals(ownerSession, sessions.get(0).get("sessionId"), "the tab stays with its owner");
        // A screenshot for t1 goes to the owner.
        relay.http.dispatcher().executorService().execute(() -> relay.post("/v1/tabs/t1/screenshot", "{}"));
        Map<String, Object> request = owner.awaitType("screenshot-request");
        assertEquals("screenshot-request", request.get("type"));
        assertFalse(relay.get("/v1/logs").body().contains("forged"), "the early event was not stored");
        owner.close();
        subscriber.close();
    }

    @Test
    void bruteForcingTheHandshakeBlocksTheAddress() {
        relay(b -> { });
        List<SecureRelay.Probe> pending = new ArrayList<>();
        for (String path : List.of("/extension-ws", "/extension")) {
            for (int i = 0; i < 3; i++) { // 3 per path: under the per-path upgrade limit
                SecureRelay.Probe probe = relay.ws(path, "Origin", OTHER_EXT);
                assertOpen(probe);
                pending.add(probe);
            }
        }
        for (int i = 0; i < AccessPolicy.HANDSHAKE_FAILURES; i++) {
            pending.get(i).send(SecureRelay.init("guess" + i, "t1", Integer.toHexString(i).repeat(64).substring(0, 64)));
            assertClosed(pending.get(i), "invalid pairing token");
        }
        SecureRelay.Probe last = pending.get(5);
        last.send(SecureRelay.init("right", "t1", relay.token()));
        assertClosed(last, "too many failed handshakes");
        SecureRelay.Probe again = relay.ws("/extension-ws", "Origin", OTHER_EXT);
        SecureRelay.Probe.Event refused = again.next();
        assertEquals(429, refused.code(), String.valueOf(refused));
        assertTrue(Integer.parseInt(refused.response().header("Retry-After")) > 0);
        assertEquals("rate_limited", ((Map<?, ?>) relay.get("/status").json().get("lastHandshakeError")).get("code"));
        SecureRelay.Probe local = extension();
        assertOpen(local);
        local.send(SecureRelay.init("local", "t9", null));
        local.awaitType("connection-ack"); // local tools are not locked out by someone else's guessing
        local.close();
    }

    @Test
    void wrongTokensOnUpgradesHitTheLimit() {
        relay(b -> { });
        for (int i = 0; i < AccessPolicy.UPGRADE_FAILURES; i++) {
            assertRefused(relay.ws("/extension-ws", "Origin", OTHER_EXT, "Authorization", "Bearer " + "2".repeat(64)), 401);
        }
        assertRefused(relay.ws("/extension-ws", "Origin", OTHER_EXT, "Authorization", "Bearer " + relay.token()), 429);
    }

    @Test
    void legacyListenersCheckTheHostToo() {
        relay(b -> b.chatRelayPort(0));
        RelayServer.Listener chatRelay = relay.server.listeners().stream().filter(l -> l.name().equals("chat-relay"))
                .findFirst().orElseThrow();
        okhttp3.Request forged = new okhttp3.Request.Builder().url("http://127.0.0.1:" + chatRelay.port() + "/health")
                .header("Host", "evil.example").build();
        try (okhttp3.Response response = relay.http.newCall(forged).execute()) {
            assertEquals(403, response.code());
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
        SecureRelay.Probe probe = new SecureRelay.Probe();
        probe.socket = relay.http.newWebSocket(new okhttp3.Request.Builder().url("ws://127.0.0.1:" + chatRelay.port() + "/")
                .header("Host", "evil.example").build(), probe);
        assertRefused(probe, 403);
        SecureRelay.Probe nullOrigin = new SecureRelay.Probe();
        nullOrigin.socket = relay.http.newWebSocket(new okhttp3.Request.Builder().url("ws://127.0.0.1:" + chatRelay.port() + "/")
                .header("Origin", "null").build(), nullOrigin);
        assertRefused(nullOrigin, 403);
    }
}
