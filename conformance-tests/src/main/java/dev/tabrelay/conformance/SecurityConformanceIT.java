package dev.tabrelay.conformance;

import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.http.ExtensionSession;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.simulator.ChatBehaviour;
import dev.tabrelay.simulator.EventKind;
import okhttp3.Request;
import org.junit.jupiter.api.Assumptions;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The attack suite (docs/security.md): what a hostile web page, a DNS-rebound page, a sandboxed frame, a token
 * guesser, a rogue extension and a sloppy logger try, and what the relay answers.
 *
 * <p>Rate limits are per IP, and in the container target every client shares the Docker gateway's address: a
 * check that trips a limit there would lock the following suites out for a minute. So checks here that are
 * refused by Host or Origin (which never count) run everywhere, the take-over check causes at most two failed
 * handshakes (the limit is 5), and the brute force runs on the process target only, against counters nobody else
 * uses there (non-local HTTP from loopback, the {@code /extension} alias path); it first proves that local tools,
 * which every other suite is on that target, are exempt.
 */
class SecurityConformanceIT {

    private static final String EVIL = "https://evil.example";
    private static final Map<String, String> EVIL_ORIGIN = Map.of("Origin", EVIL);
    private static final Map<String, String> NULL_ORIGIN = Map.of("Origin", "null");
    private static final Set<String> SECRET_HEADERS = Set.of("authorization", "cookie", "set-cookie",
            "proxy-authorization");
    private static final String SECRET_MARK = "sim-secret-";

    /** The target's Bearer token header (if it needs one), plus {@code more}: refusals must not be for want of it. */
    private static Map<String, String> withToken(ServerTarget target, Map<String, String> more) {
        Map<String, String> headers = new LinkedHashMap<>();
        target.pairingToken().ifPresent(t -> headers.put(BearerToken.HEADER, BearerToken.value(t)));
        headers.putAll(more);
        return headers;
    }

    private static void assertRefused(RawHttp.Reply reply, int status, String code, String what) {
        assertEquals(status, reply.status(), what + ": " + reply.describe());
        if (!reply.body().isEmpty()) {
            assertEquals(code, reply.errorCode(), what + ": " + reply.describe());
        } else {
            // A refused upgrade has no body: the reason is in X-TabRelay-Error.
            assertNotNull(reply.header("X-TabRelay-Error"), what + " names its reason: " + reply.describe());
        }
        assertNull(reply.header("Access-Control-Allow-Origin"), what + " carries no CORS grant: " + reply.describe());
    }

    @ConformanceTest
    void aForgedWebOriginIsRefusedOnTheApiAndEverySocket(ServerTarget target) {
        Map<String, String> headers = withToken(target, EVIL_ORIGIN);
        assertRefused(RawHttp.request(target, "GET", "/v1/tabs", headers, null), 403, "foreign-origin", "GET /v1/tabs");
        assertRefused(RawHttp.request(target, "POST", "/v1/chat/completions", withToken(target,
                        Map.of("Origin", EVIL, "Content-Type", "application/json")),
                SimulatedTabs.body("any-model", "steal my session")), 403, "foreign-origin", "POST /v1/chat/completions");
        assertRefused(RawHttp.request(target, "GET", "/v1/admin/server-info", headers, null), 403, "foreign-origin",
                "GET /v1/admin/server-info");
        for (String path : List.of("/extension-ws", "/mcp-ws")) {
            assertRefused(RawHttp.upgrade(target, path, headers), 403, "foreign-origin", "upgrade " + path);
        }
        target.ownerToken().ifPresent(token -> assertRefused(RawHttp.upgrade(target, "/ops",
                Map.of("Origin", EVIL, BearerToken.HEADER, BearerToken.value(token))), 403, "foreign-origin",
                "upgrade /ops with the right token"));
        // The control: the same raw requests without the Origin are accepted, so the 403s are the Origin's doing.
        assertEquals(200, RawHttp.request(target, "GET", "/v1/tabs", withToken(target, Map.of()), null).status());
        assertEquals(101, RawHttp.upgrade(target, "/mcp-ws", withToken(target, Map.of())).status());
    }

    @ConformanceTest
    void originNullIsRefusedEverywhereEvenWithTheToken(ServerTarget target) {
        Map<String, String> headers = withToken(target, NULL_ORIGIN);
        for (String path : List.of("/health", "/v1/tabs", "/v1/admin/server-info", "/config", "/status", "/pair")) {
            assertRefused(RawHttp.request(target, "GET", path, headers, null), 403, "origin-null", "GET " + path);
        }
        for (String path : List.of("/extension-ws", "/mcp-ws")) {
            assertRefused(RawHttp.upgrade(target, path, headers), 403, "origin-null", "upgrade " + path);
        }
        target.ownerToken().ifPresent(token -> assertRefused(RawHttp.upgrade(target, "/ops",
                Map.of("Origin", "null", BearerToken.HEADER, BearerToken.value(token))), 403, "origin-null",
                "upgrade /ops"));
    }

    @ConformanceTest
    void aDnsRebindingHostIsRefusedOnHttpAndSockets(ServerTarget target) {
        Map<String, String> rebound = withToken(target, Map.of("Host", "evil.example"));
        for (String path : List.of("/health", "/v1/tabs", "/status", "/config")) {
            assertRefused(RawHttp.request(target, "GET", path, rebound, null), 403, "host-not-allowed", "GET " + path);
        }
        Map<String, String> withPort = withToken(target, Map.of("Host", "evil.example:" + target.httpBase().getPort()));
        assertRefused(RawHttp.request(target, "GET", "/v1/tabs", withPort, null), 403, "host-not-allowed",
                "GET /v1/tabs, Host with the port");
        for (String path : List.of("/extension-ws", "/mcp-ws")) {
            assertRefused(RawHttp.upgrade(target, path, rebound), 403, "host-not-allowed", "upgrade " + path);
        }
        // The control: the same hand-written request with the real Host is answered.
        assertEquals(200, RawHttp.request(target, "GET", "/health", withToken(target, Map.of()), null).status());
    }

    @ConformanceTest
    void pairHandsTheTokenToNoWebPageNullOriginLocalToolOrUnconfiguredExtension(ServerTarget target) {
        Map<String, String> cases = new LinkedHashMap<>();
        cases.put(EVIL, "pair-refused");
        cases.put("null", "origin-null");
        cases.put("", "pair-refused");
        cases.put("chrome-extension://" + "q".repeat(32), "pair-refused");
        cases.forEach((origin, code) -> {
            RawHttp.Reply reply = RawHttp.request(target, "GET", "/pair",
                    origin.isEmpty() ? Map.of() : Map.of("Origin", origin), null);
            assertRefused(reply, 403, code, "GET /pair from Origin '" + origin + "'");
            assertFalse(reply.body().contains("\"token\""), reply.body());
            target.ownerToken().ifPresent(token -> assertFalse(reply.body().contains(token), "the token leaked"));
        });
    }

    @ConformanceTest
    void aForeignPreflightGetsNoCorsOrPrivateNetworkGrant(ServerTarget target) {
        Map<String, String> preflight = Map.of("Access-Control-Request-Method", "POST",
                "Access-Control-Request-Headers", "authorization, content-type",
                "Access-Control-Request-Private-Network", "true");
        for (String origin : List.of(EVIL, "null")) {
            Map<String, String> headers = new LinkedHashMap<>(preflight);
            headers.put("Origin", origin);
            RawHttp.Reply reply = RawHttp.request(target, "OPTIONS", "/v1/chat/completions", headers, null);
            assertEquals(403, reply.status(), "preflight from " + origin + ": " + reply.describe());
            assertNull(reply.header("Access-Control-Allow-Origin"), reply.describe());
            assertNull(reply.header("Access-Control-Allow-Private-Network"), reply.describe());
            assertNull(reply.header("Access-Control-Allow-Methods"), reply.describe());
        }
        // The control: an extension origin (accepted on the HTTP API) gets its grant, PNA included.
        String extension = "chrome-extension://" + "p".repeat(32);
        Map<String, String> headers = new LinkedHashMap<>(preflight);
        headers.put("Origin", extension);
        RawHttp.Reply granted = RawHttp.request(target, "OPTIONS", "/v1/chat/completions", headers, null);
        assertEquals(204, granted.status(), granted.describe());
        assertEquals(extension, granted.header("Access-Control-Allow-Origin"), granted.describe());
        assertEquals("true", granted.header("Access-Control-Allow-Private-Network"), granted.describe());
    }

    /**
     * Process target only (see the class comment): a non-local client (an unconfigured extension origin from
     * loopback) guessing tokens is refused with 401 until the limit, then 429 with Retry-After, and then even the
     * right token is not compared; local tools keep working throughout.
     */
    @ConformanceTest
    void tokenBruteForceHitsTheRateLimitAndLocalToolsAreExempt(ServerTarget target, RelayClient relay) {
        Assumptions.assumeTrue("process".equals(target.mode()), "trips per-IP limits: run where no other client"
                + " shares them (the process target, whose other clients are exempt local tools)");
        String token = target.ownerToken().orElseThrow();
        String origin = "chrome-extension://" + "b".repeat(32);
        String wrong = "0".repeat(64);

        // HTTP: 5 wrong tokens, then 429 (the right one too), while a local tool is answered as ever.
        List<Integer> statuses = new ArrayList<>();
        RawHttp.Reply limited = null;
        for (int i = 0; i < 10 && limited == null; i++) {
            RawHttp.Reply reply = RawHttp.request(target, "GET", "/v1/tabs",
                    Map.of("Origin", origin, BearerToken.HEADER, BearerToken.value(wrong)), null);
            statuses.add(reply.status());
            if (reply.status() == 429) {
                limited = reply;
            } else {
                assertRefused(reply, 401, "invalid-token", "guess " + i);
            }
        }
        assertNotNull(limited, "no 429 after " + statuses);
        assertEquals(6, statuses.size(), "the limit is 5 failures a minute: " + statuses);
        assertEquals("rate-limited", limited.errorCode(), limited.describe());
        assertTrue(Long.parseLong(limited.header("Retry-After")) > 0, limited.describe());
        RawHttp.Reply right = RawHttp.request(target, "GET", "/v1/tabs",
                Map.of("Origin", origin, BearerToken.HEADER, BearerToken.value(token)), null);
        assertEquals(429, right.status(), "while limited the token is not even compared: " + right.describe());
        assertEquals(200, relay.get("/v1/tabs").status(), "a local tool is not limited");

        // WebSocket upgrades (a path of its own, the /extension alias): 401 per wrong ?token=, then 429.
        List<Integer> upgrades = new ArrayList<>();
        for (int i = 0; i < 10 && !upgrades.contains(429); i++) {
            RawHttp.Reply reply = RawHttp.upgrade(target, "/extension?token=" + wrong, Map.of("Origin", origin));
            upgrades.add(reply.status());
        }
        assertEquals(List.of(401, 401, 401, 401, 401, 429), upgrades);
        assertEquals(429, RawHttp.upgrade(target, "/extension?token=" + token, Map.of("Origin", origin)).status());
        try (WsProbe local = relay.webSocket("/extension")) {
            local.send(Json.connectionInit("init-local", Sdk.unique("tab-local")));
            assertEquals("init-local", local.awaitType("connection-ack").get("id"), "a local tool is not limited");
        }
    }

    @ConformanceTest
    void aSecondExtensionSocketWithoutTheTokenCannotTakeOverALiveTab(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-live");
        try (SimulatedTabs live = SimulatedTabs.start(target, ChatBehaviour.echo(), Sdk.unique("model-live"),
                b -> b.tab(tab, "https://example.com/live"));
             RelayHttpClient http = Sdk.http(target)) {
            String session = sessionOf(http, tab);
            // An unconfigured extension origin must pair (from any peer); the rogue presents a wrong token, then none.
            Map<String, String> rogue = Map.of("Origin", "chrome-extension://" + "r".repeat(32));
            try (WsProbe wrong = relay.webSocketWithout("/extension-ws", rogue)) {
                wrong.send(Json.frame("rogue-1", "connection-init", Map.of("clientType", "chrome-extension",
                        "version", "1.0.0", "tabId", tab, "pairingToken", "f".repeat(64))));
                assertEquals(1008, wrong.awaitClose(), "a wrong pairingToken closes with 1008");
            }
            try (WsProbe none = relay.webSocketWithout("/extension-ws", rogue)) {
                none.send(Json.connectionInit("rogue-2", tab));
                assertEquals(1008, none.awaitClose(), "no pairingToken closes with 1008");
            }
            assertEquals(session, sessionOf(http, tab), "the tab still belongs to the live extension");
            long before = live.simulator().summary().screenshots();
            var shot = http.screenshot(tab, new ScreenshotRequest("png", null, false, null));
            assertTrue(shot.bytes().length > 0);
            assertEquals(session, shot.sessionId(), "answered by the live session");
            assertEquals(before + 1, live.simulator().summary().screenshots(), "the live extension took it");
        }
    }

    private static String sessionOf(RelayHttpClient http, String tab) {
        return http.tabs().stream().filter(s -> s.tabs().stream().anyMatch(t -> tab.equals(t.tabId())))
                .map(ExtensionSession::sessionId).findFirst()
                .orElseThrow(() -> new AssertionError(tab + " is not in /v1/tabs"));
    }

    @ConformanceTest
    void oversizeAndMalformedFramesHurtOnlyTheirSender(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-bystander");
        try (WsProbe watcher = relay.webSocket("/mcp-ws");
             WsProbe bystander = relay.webSocket("/extension-ws")) {
            bystander.send(Json.connectionInit("init-bystander", tab));
            int max = ((Number) Json.child(bystander.awaitType("connection-ack"), "data").get("maxMessageSize")).intValue();
            for (String path : List.of("/extension-ws", "/mcp-ws")) {
                try (WsProbe attacker = relay.webSocket(path)) {
                    attacker.send("{\"id\":");
                    assertEquals("malformed-json", Json.child(attacker.awaitType("error"), "data").get("code"), path);
                    attacker.send("[1,2,3]");
                    attacker.awaitType("error");
                    attacker.send(Json.frame("big", "console-log", Map.of("level", "log", "message", "x".repeat(max + 1))));
                    assertEquals(1009, attacker.awaitClose(), "oversize on " + path);
                }
            }
            // The others' connections did not notice.
            bystander.send(Json.frame("after", "console-log", Map.of("level", "info", "message", "still here " + tab)));
            Map<String, Object> seen = watcher.awaitFrame("the bystander's event", f -> "console-log".equals(f.get("type"))
                    && String.valueOf(f.get("data")).contains("still here " + tab));
            assertEquals(tab, Json.child(seen, "metadata").get("tabId"), seen.toString());
        }
    }

    @ConformanceTest
    void headerSecretsNeverLeaveTheRelayUnredacted(ServerTarget target, RelayClient relay) {
        String tab = Sdk.unique("tab-secrets");
        Set<String> redacted = new java.util.HashSet<>(SECRET_HEADERS);
        if (ServerOptions.configured(target)) {
            redacted.add(ServerOptions.EXTRA_REDACTED_HEADER.toLowerCase(Locale.ROOT));
        }
        int events = 5;
        try (WsProbe watcher = relay.webSocket("/mcp-ws");
             SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.echo(), Sdk.unique("model-secrets"),
                     b -> b.tab(tab, "https://shop.example/cart"))) {
            watcher.send(Json.frame("sub", "subscribe", Map.of()));
            watcher.awaitFrame("the subscribe ack", f -> "sub".equals(f.get("replyTo"))
                    || "sub".equals(Json.child(f, "data").get("replyTo")) || "ack".equals(f.get("type")));
            for (int i = 0; i < events; i++) {
                sim.simulator().publishNow(EventKind.NETWORK);
            }
            Leaks mcp = new Leaks(redacted);
            for (int i = 0; i < events; i++) {
                mcp.scan("mcp", watcher.awaitFrame("network event " + i + " of " + tab,
                        f -> String.valueOf(f.get("type")).startsWith("network-")
                                && tab.equals(Json.child(f, "metadata").get("tabId"))));
            }
            mcp.assertRedacted(events);

            Leaks logs = new Leaks(redacted);
            logs.scan("/v1/logs", Json.parse(relay.get("/v1/logs?tabId=" + tab + "&limit=100").body()));
            logs.assertRedacted(events);

            String history = relay.call(new Request.Builder()
                    .url(target.http("/v1/admin/message-history?limit=1000").toString()).build()).body();
            Leaks admin = new Leaks(redacted);
            admin.scan("/v1/admin/message-history", Json.parse(history));
            assertEquals(List.of(), admin.leaks, "message history");
        }
    }

    /**
     * Walks JSON: every value under a header named in {@code redacted} must be {@code [REDACTED]}; the simulator's
     * secret marker may appear only in request/response bodies (the relay does not rewrite bodies, documented).
     */
    private static final class Leaks {
        final Set<String> redacted;
        final List<String> leaks = new ArrayList<>();
        int redactedValues;

        Leaks(Set<String> redacted) {
            this.redacted = redacted;
        }

        void scan(String path, Object json) {
            if (json instanceof Map<?, ?> map) {
                map.forEach((k, v) -> {
                    String key = String.valueOf(k).toLowerCase(Locale.ROOT);
                    if (redacted.contains(key) && v instanceof String value) {
                        if (value.equals("[REDACTED]")) {
                            redactedValues++;
                        } else {
                            leaks.add(path + "." + key + " = " + value);
                        }
                    }
                    scan(path + "." + key, v);
                });
            } else if (json instanceof List<?> list) {
                for (int i = 0; i < list.size(); i++) {
                    scan(path + "[" + i + "]", list.get(i));
                }
            } else if (json instanceof String s && s.contains(SECRET_MARK) && !path.toLowerCase(Locale.ROOT).contains("body")) {
                leaks.add(path + " = " + s);
            }
        }

        /** No leak, and each of {@code events} events showed its authorization, cookie and set-cookie redacted. */
        void assertRedacted(int events) {
            assertEquals(List.of(), leaks);
            assertTrue(redactedValues >= 3 * events, "expected at least " + 3 * events + " [REDACTED] header values,"
                    + " saw " + redactedValues + ": the events did not carry the headers");
        }
    }
}
