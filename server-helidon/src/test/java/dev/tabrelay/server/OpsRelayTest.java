package dev.tabrelay.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static dev.tabrelay.server.TestRelay.metadata;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code /ops} and {@code /annotation} on a real relay: pairing, the FIFO lease, CDP and annotation forwarding. */
@Timeout(60)
class OpsRelayTest {

    static final String TOKEN = "ab".repeat(32);

    private static TestRelay relay(Consumer<ServerConfig.Builder> more) {
        return new TestRelay(b -> {
            b.pairingToken(dev.tabrelay.server.security.PairingToken.parse(TOKEN)).heartbeatInterval(Duration.ofSeconds(5));
            more.accept(b);
        });
    }

    /** An ops client that sent connection-init (token in the query) and got its ack. */
    private static WsClient ops(TestRelay relay) {
        WsClient ops = relay.connect("/ops?token=" + TOKEN);
        ops.send(frame("init", "connection-init", Map.of("clientType", "ops-test", "version", "1"), null));
        ops.sessionId = (String) data(ops.awaitType("connection-ack")).get("sessionId");
        return ops;
    }

    private static Map<String, Object> acquire(WsClient ops, String id, String expectedType) {
        ops.send(frame(id, "lease-acquire", Map.of("clientId", "tool-" + id), null));
        return ops.awaitReply(id, expectedType);
    }

    private static Map<String, Object> cdp(long cdpId, String method, Map<String, Object> params, String cdpSession,
                                           String tabId) {
        Map<String, Object> command = new java.util.LinkedHashMap<>();
        command.put("id", cdpId);
        command.put("method", method);
        if (params != null) {
            command.put("params", params);
        }
        if (cdpSession != null) {
            command.put("sessionId", cdpSession);
        }
        if (tabId != null) {
            command.put("tabId", tabId);
        }
        return command;
    }

    /** Answers the next cdp-command the extension receives with {@code result}; returns the command frame. */
    private static Map<String, Object> answerCdp(WsClient extension, Map<String, Object> result) {
        Map<String, Object> command = extension.awaitType("cdp-command");
        Map<String, Object> reply = new java.util.LinkedHashMap<>();
        reply.put("id", data(command).get("id"));
        reply.put("result", result);
        if (data(command).get("sessionId") != null) {
            reply.put("sessionId", data(command).get("sessionId"));
        }
        extension.send(frame((String) command.get("id"), "cdp-result", reply, null));
        return command;
    }

    @Test
    void pairingTokenIsCheckedOnUpgradeAndInConnectionInit() {
        try (TestRelay relay = relay(b -> { })) {
            Upgrade wrong = Upgrade.attempt(relay.server.port(), "/ops?token=" + "cd".repeat(32), Map.of());
            assertEquals(401, wrong.status());
            assertTrue(wrong.head().contains("X-TabRelay-Error: invalid pairing token"), wrong.head());
            assertTrue(wrong.head().contains("WWW-Authenticate: Bearer error=\"invalid_token\""), wrong.head());
            assertEquals(401, Upgrade.attempt(relay.server.port(), "/annotation",
                    Map.of("Authorization", "Bearer nope")).status());
            assertEquals(101, Upgrade.attempt(relay.server.port(), "/ops",
                    Map.of("Authorization", "Bearer " + TOKEN)).status());

            try (WsClient anonymous = relay.connect("/ops")) {
                anonymous.send(frame("c1", "lease-acquire", Map.of(), null));
                assertEquals("unauthorized", data(anonymous.awaitReply("c1", "error")).get("code"));
                assertEquals(1008, anonymous.awaitClose());
            }
            try (WsClient badInit = relay.connect("/annotation")) {
                badInit.send(frame("i1", "connection-init", Map.of("clientType", "x", "version", "1",
                        "pairingToken", "ef".repeat(32)), null));
                assertEquals("invalid pairing token", data(badInit.awaitReply("i1", "error")).get("message"));
                assertEquals(1008, badInit.awaitClose());
            }
            try (WsClient goodInit = relay.connect("/ops")) {
                goodInit.send(frame("i2", "connection-init", Map.of("clientType", "x", "version", "1",
                        "pairingToken", TOKEN), null));
                goodInit.awaitReply("i2", "connection-ack");
                goodInit.send(frame("c2", "cdp-command", cdp(1, "Browser.getVersion", null, null, null), null));
                assertEquals("lease-required", data(goodInit.awaitReply("c2", "error")).get("code"));
            }
        }
    }

    @Test
    void twoClientsContendInFifoOrderAndAHolderDyingPassesTheLeaseAtOnce() {
        try (TestRelay relay = relay(b -> { });
             WsClient a = ops(relay); WsClient b = ops(relay); WsClient c = ops(relay)) {
            Map<String, Object> granted = acquire(a, "a1", "lease-granted");
            assertEquals(60_000.0, data(granted).get("ttlMs"));
            assertEquals(20_000.0, data(granted).get("renewAfterMs"));
            assertEquals(1.0, data(acquire(b, "b1", "lease-queued")).get("position"));
            assertEquals(2.0, data(acquire(c, "c1", "lease-queued")).get("position"));

            Map<String, Object> leases = relay.get("/v1/leases").object();
            assertEquals(a.sessionId, ((Map<?, ?>) leases.get("holder")).get("connectionId"));
            assertEquals(List.of(b.sessionId, c.sessionId), ((List<?>) leases.get("queue")).stream()
                    .map(e -> ((Map<?, ?>) e).get("connectionId")).toList());
            assertTrue(!relay.get("/v1/leases").text().contains((String) data(granted).get("leaseId")), "no lease ids");

            a.socket.cancel(); // dies mid-lease, no close frame
            Map<String, Object> next = b.awaitReply("b1", "lease-granted");
            assertTrue(((Number) data(next).get("expiresAt")).longValue() > System.currentTimeMillis());
            assertEquals(1.0, data(c.awaitReply("c1", "lease-queued")).get("position"), "c moved up");

            b.send(frame("b2", "lease-release", Map.of("leaseId", data(next).get("leaseId")), null));
            assertEquals(true, data(b.awaitReply("b2", "lease-released")).get("released"));
            c.awaitReply("c1", "lease-granted");
            b.send(frame("b3", "lease-release", Map.of("leaseId", data(next).get("leaseId")), null));
            assertEquals(false, data(b.awaitReply("b3", "lease-released")).get("released"));
        }
    }

    @Test
    void aQueuedClientLeavingMovesTheOneBehindItUpAtOnce() {
        try (TestRelay relay = relay(b -> { });
             WsClient a = ops(relay); WsClient b = ops(relay); WsClient c = ops(relay)) {
            Map<String, Object> lease = acquire(a, "a1", "lease-granted");
            acquire(b, "b1", "lease-queued");
            acquire(c, "c1", "lease-queued");
            b.close();
            assertEquals(1.0, data(c.awaitReply("c1", "lease-queued")).get("position"));
            a.send(frame("a2", "lease-release", Map.of("leaseId", data(lease).get("leaseId")), null));
            a.awaitReply("a2", "lease-released");
            c.awaitReply("c1", "lease-granted");
            assertEquals(List.of(), relay.get("/v1/leases").object().get("queue"));
        }
    }

    @Test
    void anUnrenewedLeaseExpiresAndTheNextInLineIsGranted() {
        try (TestRelay relay = relay(b -> b.lease(Duration.ofMillis(600), Duration.ofMillis(200), Duration.ofSeconds(20)));
             WsClient a = ops(relay); WsClient b = ops(relay)) {
            Map<String, Object> lease = acquire(a, "a1", "lease-granted");
            a.send(frame("a2", "lease-renew", Map.of("leaseId", data(lease).get("leaseId")), null));
            Map<String, Object> renewed = a.awaitReply("a2", "lease-granted");
            assertEquals(data(lease).get("leaseId"), data(renewed).get("leaseId"));
            a.send(frame("a3", "lease-renew", Map.of("leaseId", "forged"), null));
            assertEquals("lease-invalid", data(a.awaitReply("a3", "error")).get("code"));
            acquire(b, "b1", "lease-queued");
            Map<String, Object> expired = a.awaitType("lease-expired");
            assertEquals(data(lease).get("leaseId"), data(expired).get("leaseId"));
            assertEquals("not-renewed", data(expired).get("reason"));
            b.awaitReply("b1", "lease-granted");
            a.send(frame("a4", "cdp-command", cdp(1, "Browser.getVersion", null, null, null), null));
            assertEquals("lease-required", data(a.awaitReply("a4", "error")).get("code"));
        }
    }

    @Test
    void cdpRoundTripsAndFlatSessionsRouteToTheRightTab() {
        try (TestRelay relay = relay(b -> { });
             WsClient ext1 = relay.extension("t1"); WsClient ext2 = relay.extension("t2");
             WsClient ops = ops(relay); WsClient other = ops(relay)) {
            acquire(ops, "l1", "lease-granted");

            ops.send(frame("c1", "cdp-command", cdp(7, "Browser.getVersion", null, null, "t1"), null));
            Map<String, Object> forwarded = answerCdp(ext1, Map.of("product", "Chrome/126"));
            assertTrue(((String) forwarded.get("id")).startsWith("cdp_"), "the relay's own id: " + forwarded.get("id"));
            assertEquals("t1", data(forwarded).get("tabId"));
            Map<String, Object> result = ops.awaitReply("c1", "cdp-result");
            assertEquals(7.0, data(result).get("id"));
            assertEquals(Map.of("product", "Chrome/126"), data(result).get("result"));
            assertEquals("t1", metadata(result).get("tabId"));

            ops.send(frame("c2", "cdp-command", cdp(8, "Target.attachToTarget", Map.of("targetId", "T2", "flatten", true),
                    null, "t2"), null));
            answerCdp(ext2, Map.of("sessionId", "S2"));
            assertEquals(Map.of("sessionId", "S2"), data(ops.awaitReply("c2", "cdp-result")).get("result"));

            ops.send(frame("c3", "cdp-command", cdp(9, "Runtime.evaluate", Map.of("expression", "1+1"), "S2", null), null));
            Map<String, Object> routed = answerCdp(ext2, Map.of("result", Map.of("type", "number", "value", 2)));
            assertEquals("S2", data(routed).get("sessionId"));
            assertEquals("t2", data(routed).get("tabId"));
            assertEquals("S2", data(ops.awaitReply("c3", "cdp-result")).get("sessionId"));

            ops.send(frame("c4", "cdp-command", cdp(10, "Runtime.evaluate", Map.of(), "S-unknown", null), null));
            assertEquals("unknown-cdp-session", data(ops.awaitReply("c4", "error")).get("code"));

            // Events: learned child sessions, stamped with their tab, delivered to the lease holder only.
            ext2.send(frame("e1", "cdp-event", Map.of("method", "Target.attachedToTarget", "sessionId", "S2",
                    "params", Map.of("sessionId", "S2-child", "targetInfo", Map.of("type", "iframe"))), null));
            ext2.send(frame("e2", "cdp-event", Map.of("method", "Runtime.consoleAPICalled", "sessionId", "S2-child",
                    "params", Map.of("type", "log")), null));
            assertEquals("Target.attachedToTarget", data(ops.awaitType("cdp-event")).get("method"));
            Map<String, Object> event = ops.awaitType("cdp-event");
            assertEquals("Runtime.consoleAPICalled", data(event).get("method"));
            assertEquals("t2", metadata(event).get("tabId"));
            assertEquals(ext2.sessionId, metadata(event).get("sessionId"));
            ops.send(frame("c5", "cdp-command", cdp(11, "Runtime.enable", null, "S2-child", null), null));
            assertEquals("t2", data(answerCdp(ext2, Map.of())).get("tabId"));
            ops.awaitReply("c5", "cdp-result");
            // The non-holder saw none of it: its next frame is the answer to its own heartbeat.
            other.send(frame("h1", "heartbeat", Map.of(), null));
            assertEquals("heartbeat", other.next().get("type"));

            // A CDP error from the tab and an error frame from the extension both reach the sender.
            ops.send(frame("c6", "cdp-command", cdp(12, "Nope.nothing", null, null, "t1"), null));
            Map<String, Object> bad = ext1.awaitType("cdp-command");
            ext1.send(frame((String) bad.get("id"), "cdp-result", Map.of("id", 12, "error",
                    Map.of("code", -32601, "message", "'Nope.nothing' wasn't found")), null));
            assertEquals(-32601.0, ((Map<?, ?>) data(ops.awaitReply("c6", "cdp-result")).get("error")).get("code"));
            ops.send(frame("c7", "cdp-command", cdp(13, "Page.navigate", null, null, "t1"), null));
            Map<String, Object> refused = ext1.awaitType("cdp-command");
            ext1.send(frame("x1", "error", Map.of("code", "debugger-detached", "message", "the debugger was detached",
                    "replyTo", refused.get("id")), null));
            assertEquals("debugger-detached", data(ops.awaitReply("c7", "error")).get("code"));
        }
    }

    @Test
    void aCommandTimesOutAloneAndAnExtensionLeavingFailsEveryPendingCommandAtOnce() {
        try (TestRelay relay = relay(b -> b.cdpTimeout(Duration.ofMillis(300)));
             WsClient ext = relay.extension("t1"); WsClient ops = ops(relay); WsClient watcher = ops(relay)) {
            acquire(ops, "l1", "lease-granted");
            ops.send(frame("slow", "cdp-command", cdp(1, "Runtime.evaluate", null, null, "t1"), null));
            ext.awaitType("cdp-command"); // never answered
            Map<String, Object> timeout = ops.awaitReply("slow", "error");
            assertEquals("timeout", data(timeout).get("code"));
            assertTrue(((String) data(timeout).get("message")).contains("Runtime.evaluate"), timeout.toString());

            try (TestRelay patient = relay(b -> b.cdpTimeout(Duration.ofSeconds(30)));
                 WsClient ext2 = patient.extension("t9"); WsClient client = ops(patient); WsClient bystander = ops(patient)) {
                acquire(client, "l1", "lease-granted");
                client.send(frame("p1", "cdp-command", cdp(1, "Page.navigate", null, null, "t9"), null));
                client.send(frame("p2", "cdp-command", cdp(2, "Page.reload", null, null, "t9"), null));
                ext2.awaitType("cdp-command");
                ext2.awaitType("cdp-command");
                ext2.socket.cancel();
                // Both fail at once, in no particular order.
                Map<String, Map<String, Object>> failed = new java.util.HashMap<>();
                while (failed.size() < 2) {
                    Map<String, Object> reply = client.awaitType("error");
                    failed.put((String) data(reply).get("replyTo"), reply);
                }
                assertEquals(java.util.Set.of("p1", "p2"), failed.keySet());
                assertEquals("peer-disconnected", data(failed.get("p1")).get("code"));
                assertEquals("peer-disconnected", data(failed.get("p2")).get("code"));
                Map<String, Object> notice = bystander.awaitType("error");
                assertEquals("extension-disconnected", data(notice).get("code"));
                assertEquals(ext2.sessionId, ((Map<?, ?>) data(notice).get("details")).get("sessionId"));
                assertEquals(List.of("t9"), ((Map<?, ?>) data(notice).get("details")).get("tabIds"));
                client.send(frame("p3", "cdp-command", cdp(3, "Page.reload", null, null, "t9"), null));
                assertEquals("no-extension", data(client.awaitReply("p3", "error")).get("code"));
            }
        }
    }

    @Test
    void annotationRoundTripAndTimeoutOnBothEndpoints() {
        try (TestRelay relay = relay(b -> b.annotationTimeout(Duration.ofMillis(400)));
             WsClient ext = relay.extension("t1"); WsClient annotation = relay.connect("/annotation?token=" + TOKEN);
             WsClient ops = ops(relay)) {
            annotation.send(frame("a1", "annotation-command", Map.of("requestId", "req-1", "command", "start",
                    "version", 1, "options", Map.of("screenshotMode", "visible")), Map.of("tabId", "t1")));
            Map<String, Object> command = ext.awaitType("annotation-command");
            assertEquals("t1", data(command).get("tabId"));
            assertEquals("req-1", data(command).get("requestId"));
            ext.send(frame((String) command.get("id"), "annotation-response", Map.of("requestId", "req-1", "status", "ok",
                    "payload", Map.of("annotations", List.of())), null));
            Map<String, Object> response = annotation.awaitReply("a1", "annotation-response");
            assertEquals("ok", data(response).get("status"));
            assertEquals(Map.of("annotations", List.of()), data(response).get("payload"));

            ops.send(frame("a2", "annotation-command", Map.of("requestId", "req-2", "command", "fetch_stored"), null));
            ext.awaitType("annotation-command"); // left unanswered: no lease needed, but a timeout applies
            assertEquals("timeout", data(ops.awaitReply("a2", "error")).get("code"));

            annotation.send(frame("a3", "annotation-command", Map.of("requestId", "req-3", "command", "start",
                    "version", 2), null));
            assertEquals("not-supported", data(annotation.awaitReply("a3", "error")).get("code"));
            annotation.send(frame("a4", "cdp-command", cdp(1, "Browser.getVersion", null, null, null), null));
            assertEquals("unsupported-type", data(annotation.awaitReply("a4", "error")).get("code"));
        }
    }

    @Test
    void malformedAndOversizeFramesGoThroughTheCodecPath() {
        try (TestRelay relay = relay(b -> b.maxFrameBytes(16 * 1024)); WsClient ops = ops(relay)) {
            ops.send("{not json");
            assertEquals("malformed-json", data(ops.awaitType("error")).get("code"));
            ops.send(frame("u1", "lease-granted", Map.of("leaseId", "forged", "expiresAt", 1, "ttlMs", 1,
                    "renewAfterMs", 1), null));
            assertEquals("unsupported-type", data(ops.awaitReply("u1", "error")).get("code"));
            ops.send(frame("big", "cdp-command", cdp(1, "Runtime.evaluate", Map.of("expression", "x".repeat(20_000)),
                    null, null), null));
            assertEquals(1009, ops.awaitClose());
        }
    }
}
