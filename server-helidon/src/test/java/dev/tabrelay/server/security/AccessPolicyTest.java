package dev.tabrelay.server.security;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The policy on its own, with address literals for peers (no traffic) and a clock moved by hand. */
class AccessPolicyTest {

    private static final String EXT = "abcdefghijklmnopabcdefghijklmnop";
    private final MutableClock clock = new MutableClock();
    private AccessPolicy policy;
    private String token;

    @TempDir
    Path dir;

    @BeforeEach
    void setUp() {
        policy = policy(Set.of(EXT), Set.of("https://ui.example"));
    }

    private AccessPolicy policy(Set<String> extensionIds, Set<String> origins) {
        PairingTokenStore store = new PairingTokenStore(dir, null, new SecureRandom());
        token = store.current().hex();
        return new AccessPolicy(new AccessPolicy.Settings(true, extensionIds, Set.of("relay.lan"), origins, "127.0.0.1"),
                store, clock);
    }

    private static RequestFacts facts(String peer, String host, String origin, String authorization, String queryToken) {
        try {
            return new RequestFacts("/extension-ws", InetAddress.getByName(peer), host, origin, authorization, queryToken);
        } catch (java.net.UnknownHostException e) {
            throw new AssertionError(e);
        }
    }

    private static RequestFacts local(String origin) {
        return facts("127.0.0.1", "127.0.0.1:3025", origin, null, null);
    }

    private static RequestFacts remote(String authorization, String queryToken) {
        return facts("203.0.113.7", "localhost:3025", null, authorization, queryToken);
    }

    @Test
    void localToolsNeedNoTokenButRemotePeersDo() {
        assertTrue(policy.decide(EndpointKind.MCP_SOCKET, local(null)).authenticated());
        assertTrue(policy.decide(EndpointKind.HTTP_API, local("http://127.0.0.1:3025")).authenticated(), "same origin");
        assertEquals(401, policy.decide(EndpointKind.MCP_SOCKET, remote(null, null)).refusal().status());
        assertEquals(401, policy.decide(EndpointKind.HTTP_API, remote(null, null)).refusal().status());
        assertTrue(policy.decide(EndpointKind.MCP_SOCKET, remote("Bearer " + token, null)).authenticated());
        assertTrue(policy.decide(EndpointKind.MCP_SOCKET, remote(null, token)).authenticated(), "?token= on upgrades");
        AccessPolicy.Verdict extension = policy.decide(EndpointKind.EXTENSION_SOCKET, remote(null, null));
        assertTrue(extension.allowed());
        assertFalse(extension.authenticated(), "an extension may still pair in connection-init");
        assertTrue(policy.decide(EndpointKind.HEALTH, remote(null, null)).authenticated(), "/health needs no token");
    }

    @Test
    void opsNeedTheTokenEvenFromLocalTools() {
        assertEquals("pairing-required", policy.checkUpgrade(EndpointKind.OPS_SOCKET, local(null)).orElseThrow().code());
        assertTrue(policy.checkUpgrade(EndpointKind.OPS_SOCKET,
                facts("127.0.0.1", "localhost", null, "Bearer " + token, null)).isEmpty());
        assertTrue(policy.checkUpgrade(EndpointKind.TUNNEL_SOCKET, remote(null, null)).isEmpty(), "the tunnel checks its JWT");
    }

    @Test
    void originNullIsNeverLocal() {
        for (EndpointKind kind : EndpointKind.values()) {
            Refusal refusal = policy.decide(kind, local("null")).refusal();
            assertEquals(403, refusal.status(), kind.name());
            assertEquals("origin-null", refusal.code(), kind.name());
        }
    }

    @Test
    void dnsRebindingHostsAreRefusedEverywhere() {
        for (EndpointKind kind : EndpointKind.values()) {
            Refusal refusal = policy.decide(kind, facts("127.0.0.1", "evil.example:3025", null, null, null)).refusal();
            assertEquals("host-not-allowed", refusal.code(), kind.name());
        }
        assertEquals("host-not-allowed", policy.decide(EndpointKind.HEALTH,
                facts("127.0.0.1", null, null, null, null)).refusal().code(), "no Host at all");
        assertTrue(policy.decide(EndpointKind.HEALTH, facts("127.0.0.1", "[::1]:3025", null, null, null)).allowed());
        assertTrue(policy.decide(EndpointKind.HEALTH, facts("127.0.0.1", "LOCALHOST", null, null, null)).allowed());
        assertTrue(policy.decide(EndpointKind.HEALTH, facts("127.0.0.1", "relay.lan:3025", null, null, null)).allowed(),
                "--allowed-host");
    }

    @Test
    void originRulesPerEndpoint() {
        String configured = "chrome-extension://" + EXT;
        String other = "chrome-extension://pppppppppppppppppppppppppppppppp";
        assertTrue(policy.decide(EndpointKind.EXTENSION_SOCKET, local(configured)).authenticated(), "configured = paired");
        assertEquals("extension-not-allowed", policy.decide(EndpointKind.EXTENSION_SOCKET, local(other)).refusal().code());
        assertEquals("foreign-origin", policy.decide(EndpointKind.EXTENSION_SOCKET, local("https://evil.example")).refusal().code());
        assertEquals("foreign-origin", policy.decide(EndpointKind.MCP_SOCKET, local("http://127.0.0.1:3025")).refusal().code(),
                "a page, even this relay's own, opens no MCP socket");
        assertEquals("foreign-origin", policy.decide(EndpointKind.HTTP_API, local("https://evil.example")).refusal().code());
        assertEquals(401, policy.decide(EndpointKind.HTTP_API, local("https://ui.example")).refusal().status(),
                "an allowed web origin still needs the token");
        assertTrue(policy.decide(EndpointKind.HTTP_API, facts("127.0.0.1", "localhost", "https://ui.example",
                "Bearer " + token, null)).authenticated());
        assertEquals(401, policy.decide(EndpointKind.HTTP_API, local(other)).refusal().status(), "unconfigured extension");
        assertTrue(policy.decide(EndpointKind.PAIR, local(configured)).allowed());
        for (String origin : new String[]{null, "null", "https://evil.example", other, "http://127.0.0.1:3025"}) {
            assertEquals(403, policy.decide(EndpointKind.PAIR, local(origin)).refusal().status(), String.valueOf(origin));
        }
        assertTrue(policy.corsAllowed(EndpointKind.HTTP_API, local("https://ui.example")));
        assertFalse(policy.corsAllowed(EndpointKind.HTTP_API, local("https://evil.example")));
        assertFalse(policy.corsAllowed(EndpointKind.HTTP_API, local(null)));
    }

    @Test
    void anyExtensionIdIsAcceptedWithTheTokenWhenNoneIsConfigured() {
        AccessPolicy open = policy(Set.of(), Set.of());
        AccessPolicy.Verdict verdict = open.decide(EndpointKind.EXTENSION_SOCKET, local("chrome-extension://xyz"));
        assertTrue(verdict.allowed());
        assertFalse(verdict.authenticated(), "an unconfigured extension must pair");
        assertEquals(403, open.decide(EndpointKind.PAIR, local("chrome-extension://xyz")).refusal().status(),
                "/pair needs a configured id");
    }

    @Test
    void wrongTokensHitTheUpgradeLimitWhichIsCheckedBeforeComparing() {
        for (int i = 0; i < AccessPolicy.UPGRADE_FAILURES; i++) {
            assertEquals("invalid-token", policy.decide(EndpointKind.MCP_SOCKET, remote("Bearer " + "0".repeat(64), null))
                    .refusal().code());
        }
        Refusal limited = policy.decide(EndpointKind.MCP_SOCKET, remote("Bearer " + token, null)).refusal();
        assertEquals(429, limited.status(), "even the right token waits: nothing is compared while limited");
        assertTrue(limited.retryAfterSeconds() > 0 && limited.retryAfterSeconds() <= 60);
        assertTrue(policy.decide(EndpointKind.MCP_SOCKET, local(null)).authenticated(), "local tools are never locked out");
        RequestFacts otherPath = new RequestFacts("/extension", remote(null, null).peer(), "localhost", null,
                "Bearer " + token, null);
        assertTrue(policy.decide(EndpointKind.EXTENSION_SOCKET, otherPath).authenticated(), "limits are per path");
        clock.advance(AccessPolicy.WINDOW);
        assertTrue(policy.decide(EndpointKind.MCP_SOCKET, remote("Bearer " + token, null)).authenticated(), "window over");
    }

    @Test
    void failedHandshakesBlockTheAddress() {
        assertEquals(AccessPolicy.Handshake.MISSING, policy.handshake("203.0.113.7", null));
        assertEquals("pairing_missing", policy.lastHandshakeError().orElseThrow().code());
        for (int i = 1; i < AccessPolicy.HANDSHAKE_FAILURES; i++) {
            assertEquals(AccessPolicy.Handshake.INVALID, policy.handshake("203.0.113.7", "nope"));
        }
        assertEquals("pairing_invalid", policy.lastHandshakeError().orElseThrow().code());
        assertEquals(AccessPolicy.Handshake.BLOCKED, policy.handshake("203.0.113.7", token));
        assertEquals(AccessPolicy.Handshake.OK, policy.handshake("203.0.113.8", token), "per address");
        assertEquals(429, policy.decide(EndpointKind.EXTENSION_SOCKET, remote(null, null)).refusal().status(),
                "a blocked address gets no new pending sockets either");
        assertEquals("rate_limited", policy.lastHandshakeError().orElseThrow().code());
        clock.advance(Duration.ofSeconds(61));
        assertEquals(AccessPolicy.Handshake.OK, policy.handshake("203.0.113.7", token));
    }

    @Test
    void discoveryIsLimitedPerAddress() {
        for (int i = 0; i < AccessPolicy.DISCOVERY_REQUESTS; i++) {
            assertTrue(policy.decide(EndpointKind.DISCOVERY, local(null)).allowed(), "request " + i);
        }
        Refusal refusal = policy.decide(EndpointKind.PAIR, local("chrome-extension://" + EXT)).refusal();
        assertEquals(429, refusal.status(), "one counter for /config, /status and /pair");
        assertEquals(60, refusal.retryAfterSeconds());
        assertTrue(policy.decide(EndpointKind.DISCOVERY, remote(null, null)).allowed(), "another address");
        assertTrue(policy.decide(EndpointKind.HTTP_API, local(null)).allowed(), "the API is not counted");
        clock.advance(Duration.ofSeconds(30));
        assertEquals(30, policy.decide(EndpointKind.DISCOVERY, local(null)).refusal().retryAfterSeconds());
        clock.advance(Duration.ofSeconds(30));
        assertTrue(policy.decide(EndpointKind.DISCOVERY, local(null)).allowed());
    }

    @Test
    void pairingOffTrustsWhatPassesHostAndOrigin() {
        PairingTokenStore store = new PairingTokenStore(dir, null, new SecureRandom());
        AccessPolicy off = new AccessPolicy(new AccessPolicy.Settings(false, Set.of(), Set.of(), Set.of(), "127.0.0.1"),
                store, clock);
        assertTrue(off.decide(EndpointKind.MCP_SOCKET, remote(null, null)).authenticated());
        assertEquals(403, off.decide(EndpointKind.MCP_SOCKET, local("null")).refusal().status());
        assertEquals(403, off.decide(EndpointKind.HTTP_API, facts("127.0.0.1", "evil.example", null, null, null))
                .refusal().status());
    }

    @Test
    void hostHeadersParse() {
        assertEquals("::1", Hosts.hostOf("[::1]:3025"));
        assertEquals("localhost", Hosts.hostOf("LocalHost:80"));
        assertEquals("127.0.0.1", Hosts.hostOf("127.0.0.1"));
        assertTrue(Hosts.isLoopbackBind("127.0.0.1"));
        assertTrue(Hosts.isLoopbackBind("[::1]"));
        assertTrue(Hosts.isLoopbackBind("localhost"));
        assertFalse(Hosts.isLoopbackBind("0.0.0.0"));
        assertFalse(Hosts.isLoopbackBind("::"));
        assertFalse(Hosts.isLoopbackBind("relay.lan"));
    }
}
