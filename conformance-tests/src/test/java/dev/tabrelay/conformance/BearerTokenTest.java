package dev.tabrelay.conformance;

import dev.tabrelay.conformance.extension.ExtensionHarness;
import dev.tabrelay.conformance.extension.ExtensionPeer;
import okhttp3.OkHttpClient;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** The suites' raw WebSocket client sends the target's pairing token on the upgrade, and nothing without one. */
@Timeout(60)
class BearerTokenTest {

    @Test
    void relayClientWebSocketsCarryTheTargetsToken() {
        assertEquals("Bearer abc", upgradeAuthorization(Optional.of("abc")));
        assertNull(upgradeAuthorization(Optional.empty()));
    }

    private static String upgradeAuthorization(Optional<String> token) {
        OkHttpClient http = new OkHttpClient();
        try (ExtensionHarness harness = ExtensionHarness.start("127.0.0.1", 0)) {
            RelayClient relay = new RelayClient(new UrlTarget(URI.create("http://127.0.0.1:" + harness.port()), token), http);
            try (WsProbe ws = relay.webSocket("/extension-ws")) {
                ws.awaitOpen();
                ws.send(Json.connectionInit("init-1", "tab-token"));
                ExtensionPeer peer = harness.awaitPeer(Duration.ofSeconds(30)).orElseThrow();
                return peer.authorization();
            }
        } finally {
            http.dispatcher().executorService().shutdown();
            http.connectionPool().evictAll();
        }
    }
}
