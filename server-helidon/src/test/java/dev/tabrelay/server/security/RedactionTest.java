package dev.tabrelay.server.security;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.events.HeaderPair;
import dev.tabrelay.protocol.events.NetworkRequest;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Header secrets never get past ingest: not into the store, /v1/logs, the BrowserTools queries nor MCP clients. */
class RedactionTest {

    private static final String SECRET = "sim-secret-";

    @Test
    void redactorReplacesSecretHeadersCaseInsensitively() {
        Redactor redactor = new Redactor(List.of("X-Api-Key"));
        Map<String, String> request = new LinkedHashMap<>();
        request.put("authorization", "Bearer " + SECRET + "1");
        request.put("COOKIE", SECRET + "2");
        request.put("x-api-key", SECRET + "3");
        request.put("Accept", "application/json");
        Message in = Message.of("n1", 1, new NetworkRequest("https://a/b", "GET", 200, null, null, null,
                new HeaderPair(request, Map.of("Set-Cookie", SECRET + "4", "Proxy-Authorization", SECRET + "5")), null));
        NetworkRequest out = (NetworkRequest) redactor.redact(in).data();
        assertEquals(Redactor.REDACTED, out.headers().request().get("authorization"));
        assertEquals(Redactor.REDACTED, out.headers().request().get("COOKIE"));
        assertEquals(Redactor.REDACTED, out.headers().request().get("x-api-key"));
        assertEquals("application/json", out.headers().request().get("Accept"));
        assertEquals(Redactor.REDACTED, out.headers().response().get("Set-Cookie"));
        assertEquals(Redactor.REDACTED, out.headers().response().get("Proxy-Authorization"));
        Message plain = Message.of("n2", 1, new NetworkRequest("https://a", "GET", 200, null, null, null, null, null));
        assertSame(plain, redactor.redact(plain));
    }

    @Test
    void secretsNeverReachLogsQueriesOrSubscribers() {
        try (SecureRelay relay = new SecureRelay(b -> b.redactHeaders(List.of("X-Api-Key")))) {
            SecureRelay.Probe mcp = relay.ws("/mcp-ws", "Sec-WebSocket-Protocol", "mcp-server-v1");
            mcp.send(SecureRelay.frame("s1", "subscribe", Map.of(), null));
            mcp.awaitType("ack");
            SecureRelay.Probe extension = relay.ws("/extension-ws", "Sec-WebSocket-Protocol", "rapidtriage-extension-v1");
            extension.send(SecureRelay.init("i1", "t1", null));
            extension.awaitType("connection-ack");

            Map<String, Object> headers = new LinkedHashMap<>();
            headers.put("request", Map.of("Authorization", "Bearer " + SECRET + "a", "cookie", "sid=" + SECRET + "b",
                    "X-API-KEY", SECRET + "c", "accept", "*/*"));
            headers.put("response", Map.of("set-cookie", "s=" + SECRET + "d", "content-type", "text/plain"));
            extension.send(SecureRelay.frame("n1", "network-request", Map.of("url", "https://api.example/x",
                    "method", "GET", "status", 200, "headers", headers), Map.of("tabId", "t1")));
            extension.send(SecureRelay.frame("n2", "network-error", Map.of("url", "https://api.example/y",
                    "method", "POST", "error", "net::ERR_FAILED", "headers", headers), Map.of("tabId", "t1")));
            String first = mcp.awaitType("network-request").toString();
            String second = mcp.awaitType("network-error").toString();
            for (String seen : List.of(first, second)) {
                assertFalse(seen.contains(SECRET), "an MCP subscriber saw a secret: " + seen);
                assertTrue(seen.contains(Redactor.REDACTED), seen);
                assertTrue(seen.contains("text/plain"), "other headers kept: " + seen);
            }

            // BrowserTools' HTTP body, HAR-style header lists.
            SecureRelay.Reply posted = relay.post("/extension-log", "{\"data\":{\"type\":\"network-request\","
                    + "\"url\":\"https://api.example/z\",\"method\":\"GET\",\"status\":200,"
                    + "\"requestHeaders\":[{\"name\":\"Authorization\",\"value\":\"Bearer " + SECRET + "e\"}],"
                    + "\"responseHeaders\":[{\"name\":\"Set-Cookie\",\"value\":\"" + SECRET + "f\"}],"
                    + "\"timestamp\":3000},\"settings\":{\"showRequestHeaders\":true,\"showResponseHeaders\":true}}");
            assertEquals(200, posted.code(), posted.body());

            String logs = relay.get("/v1/logs?limit=100").body();
            assertTrue(logs.contains("https://api.example/z"), logs);
            assertFalse(logs.contains(SECRET), "/v1/logs leaked a secret: " + logs);
            assertTrue(logs.contains(Redactor.REDACTED), "redacted values stay visible as markers: " + logs);
            String xhr = relay.get("/all-xhr").body();
            assertTrue(xhr.contains("https://api.example/z"), xhr);
            assertFalse(xhr.contains(SECRET), "BrowserTools query leaked a secret: " + xhr);
            mcp.close();
            extension.close();
        }
    }
}
