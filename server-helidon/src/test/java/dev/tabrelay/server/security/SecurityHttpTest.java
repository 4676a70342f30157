package dev.tabrelay.server.security;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Host, Origin, token, CORS/PNA and the discovery endpoints over real HTTP from 127.0.0.1. */
class SecurityHttpTest {

    static final String EXT = "abcdefghijklmnopabcdefghijklmnop";
    static final String EXT_ORIGIN = "chrome-extension://" + EXT;
    static final String OTHER_EXT = "chrome-extension://pppppppppppppppppppppppppppppppp";
    static final String UI = "https://ui.example";
    static SecureRelay relay;

    @BeforeAll
    static void start() {
        relay = new SecureRelay(b -> b.extensionIds(List.of(EXT)).allowedOrigins(List.of(UI)));
    }

    @AfterAll
    static void stop() {
        relay.close();
    }

    private static void assertError(SecureRelay.Reply reply, int status, String code) {
        assertEquals(status, reply.code(), reply.body());
        assertEquals(code, reply.error().get("code"), reply.body());
        assertNotNull(reply.error().get("message"));
        assertNotNull(reply.error().get("type"));
    }

    @Test
    void dnsRebindingHostIsRefusedOnEveryKindOfRoute() {
        for (String path : List.of("/health", "/v1/tabs", "/config", "/status", "/admin", "/v1/admin/server-info",
                "/console-logs", "/no-such-route")) {
            assertError(relay.get(path, "Host", "evil.example:" + relay.server.port()), 403, "host-not-allowed");
        }
        assertEquals(200, relay.get("/health", "Host", "localhost:" + relay.server.port()).code());
        assertEquals(200, relay.get("/health", "Host", "[::1]:" + relay.server.port()).code());
    }

    @Test
    void originNullAndForeignOriginsAreRefused() {
        assertError(relay.get("/v1/tabs", "Origin", "null"), 403, "origin-null");
        assertError(relay.get("/health", "Origin", "null"), 403, "origin-null");
        assertError(relay.get("/v1/tabs", "Origin", "https://evil.example"), 403, "foreign-origin");
        assertError(relay.post("/v1/chat/completions", "{}", "Origin", "https://evil.example"), 403, "foreign-origin");
        assertEquals(200, relay.get("/v1/tabs", "Origin", relay.base()).code(), "same origin: the admin page");
        assertEquals(200, relay.get("/v1/tabs").code(), "a local tool");
    }

    @Test
    void tokenNeededForUnpairedOriginsAndForTheAdminApi() {
        assertError(relay.get("/v1/tabs", "Origin", UI), 401, "pairing-required");
        assertError(relay.get("/v1/admin/server-info", "Origin", OTHER_EXT), 401, "pairing-required");
        SecureRelay.Reply withToken = relay.get("/v1/tabs", "Origin", UI, "Authorization", "Bearer " + relay.token());
        assertEquals(200, withToken.code());
        assertEquals(UI, withToken.header("Access-Control-Allow-Origin"));
        assertEquals("Origin", withToken.header("Vary"));
        assertEquals(200, relay.get("/v1/admin/server-info", "Origin", EXT_ORIGIN).code(), "a configured extension is paired");
        assertEquals(200, relay.get("/admin").code(), "the admin page from loopback");
        assertError(relay.get("/admin", "Origin", OTHER_EXT, "Authorization", "Bearer " + "0".repeat(64)), 401, "invalid-token");
        assertEquals(200, relay.get("/v1/tabs", "Authorization", "Bearer sk-whatever").code(),
                "a local tool's unrelated Authorization (an OpenAI SDK key) is ignored");
    }

    @Test
    void pairHandsTheTokenOnlyToConfiguredExtensions() {
        for (String[] headers : new String[][]{{}, {"Origin", "null"}, {"Origin", "https://evil.example"},
                {"Origin", OTHER_EXT}, {"Origin", relay.base()}, {"Origin", UI}}) {
            SecureRelay.Reply refused = relay.get("/pair", headers);
            assertEquals(403, refused.code(), String.join(" ", headers));
            assertFalse(refused.body().contains(relay.token()), "no token in a refusal");
            assertNull(refused.header("Access-Control-Allow-Origin"));
        }
        SecureRelay.Reply pair = relay.get("/pair", "Origin", EXT_ORIGIN);
        assertEquals(200, pair.code());
        assertEquals(relay.token(), pair.json().get("token"));
        assertEquals("no-store", pair.header("Cache-Control"));
        assertEquals(EXT_ORIGIN, pair.header("Access-Control-Allow-Origin"));
        Map<String, Object> config = relay.get("/config").json();
        assertEquals(pair.json().get("instanceId"), config.get("instanceId"));
        assertEquals(pair.json().get("epoch"), config.get("epoch"));
    }

    @Test
    void configAndStatusAreTokenFree() {
        SecureRelay.Reply config = relay.get("/config");
        assertEquals("no-store", config.header("Cache-Control"));
        assertEquals(Map.of("relayPort", (double) relay.server.port(), "pairingRequired", true,
                "instanceId", config.json().get("instanceId"), "epoch", config.json().get("epoch")), config.json());
        SecureRelay.Reply status = relay.get("/status", "Origin", OTHER_EXT);
        assertEquals(200, status.code());
        assertEquals(true, status.json().get("running"));
        assertEquals(true, status.json().get("pairingRequired"));
        assertTrue(status.json().containsKey("lastHandshakeError"));
        assertTrue(status.json().get("health") instanceof Map);
        assertFalse(status.body().contains(relay.token()));
    }

    @Test
    void preflightsAnsweredOnlyForAllowedOrigins() {
        SecureRelay.Reply allowed = relay.call("OPTIONS", "/v1/chat/completions", null, "Origin", UI,
                "Access-Control-Request-Method", "POST", "Access-Control-Request-Headers", "authorization, content-type",
                "Access-Control-Request-Private-Network", "true");
        assertEquals(204, allowed.code());
        assertEquals(UI, allowed.header("Access-Control-Allow-Origin"));
        assertEquals("true", allowed.header("Access-Control-Allow-Private-Network"));
        assertEquals("authorization, content-type", allowed.header("Access-Control-Allow-Headers"));
        assertTrue(allowed.header("Access-Control-Allow-Methods").contains("POST"));

        SecureRelay.Reply withoutPna = relay.call("OPTIONS", "/config", null, "Origin", EXT_ORIGIN,
                "Access-Control-Request-Method", "GET");
        assertEquals(204, withoutPna.code());
        assertNull(withoutPna.header("Access-Control-Allow-Private-Network"), "only when asked");

        for (String origin : List.of("https://evil.example", "null")) {
            SecureRelay.Reply refused = relay.call("OPTIONS", "/v1/chat/completions", null, "Origin", origin,
                    "Access-Control-Request-Method", "POST", "Access-Control-Request-Private-Network", "true");
            assertEquals(403, refused.code(), origin);
            assertNull(refused.header("Access-Control-Allow-Origin"), origin);
            assertNull(refused.header("Access-Control-Allow-Private-Network"), origin);
        }
        SecureRelay.Reply pair = relay.call("OPTIONS", "/pair", null, "Origin", UI, "Access-Control-Request-Method", "GET");
        assertEquals(403, pair.code(), "/pair preflights only for configured extensions");
    }

    @Test
    void rotationThroughTheAdminApi() throws Exception {
        String old = relay.token();
        assertError(relay.post("/v1/admin/rotate-token", "", "Origin", OTHER_EXT), 401, "pairing-required");
        SecureRelay.Reply rotated = relay.post("/v1/admin/rotate-token", "");
        assertEquals(200, rotated.code(), rotated.body());
        String fresh = (String) rotated.json().get("token");
        assertNotEquals(old, fresh);
        assertEquals("no-store", rotated.header("Cache-Control"));
        assertEquals(fresh, Files.readString(relay.server.pairingTokens().file()).strip());
        assertEquals(fresh, relay.get("/pair", "Origin", EXT_ORIGIN).json().get("token"));
        assertError(relay.get("/v1/tabs", "Origin", UI, "Authorization", "Bearer " + old), 401, "invalid-token");
        assertEquals(200, relay.get("/v1/tabs", "Origin", UI, "Authorization", "Bearer " + fresh).code());
    }
}
