package dev.tabrelay.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

class ShutdownTest {

    @Test
    void shutdownFailsPendingRequestsAndClosesEverySocketWith1001() {
        TestRelay relay = new TestRelay(b -> b.requestTimeout(Duration.ofSeconds(60)));
        WsClient ext = relay.extension("sd1");
        WsClient mcp = relay.mcp(Map.of());
        mcp.send(frame("pending", "screenshot-request", Map.of(), Map.of("tabId", "sd1")));
        ext.awaitType("screenshot-request");

        relay.close();

        Map<String, Object> error = mcp.awaitReply("pending", "error");
        assertEquals("shutdown", data(error).get("code"));
        assertEquals("connection-close", mcp.awaitType("connection-close").get("type"));
        assertEquals(1001, mcp.awaitClose());
        Map<String, Object> close = ext.awaitType("connection-close");
        assertEquals("server-shutdown", data(close).get("reason"));
        assertEquals(1001, ext.awaitClose());
        assertFalse(relay.server.isRunning());
    }

    @Test
    void aTunnelGetsTheShutdownNoticeNotTheEndOfItsSession() {
        TestRelay relay = new TestRelay(b -> b.pairingToken(dev.tabrelay.server.security.PairingToken.parse(TunnelTest.PAIRING))
                .tunnelSecret(TunnelTest.SECRET));
        WsClient ext = relay.extension("sd2");
        String jwt = TunnelTest.JWT.sign(new dev.tabrelay.server.tunnel.Jwt.Claims(ext.sessionId, "tabrelay-tunnel",
                System.currentTimeMillis() / 1000 + 300, null, System.currentTimeMillis() / 1000, null));
        WsClient tunnel = WsClient.connect(relay.http, "ws://127.0.0.1:" + relay.server.port() + "/tunnel/" + ext.sessionId,
                new String[]{TunnelTest.PROTOCOL}, null, Map.of("Authorization", "Bearer " + jwt));
        tunnel.send(frame("h", "heartbeat", Map.of(), null));
        tunnel.awaitReply("h", "heartbeat"); // registered: the shutdown sees it

        relay.close();

        // Whichever socket shutdown closes first, the extension's leaving must not end the tunnel with 1000 first.
        assertEquals("server-shutdown", data(tunnel.awaitType("connection-close")).get("reason"));
        assertEquals(1001, tunnel.awaitClose());
        assertEquals(1001, ext.awaitClose());
    }
}
