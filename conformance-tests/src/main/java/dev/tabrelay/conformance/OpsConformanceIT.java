package dev.tabrelay.conformance;

import dev.tabrelay.client.Lease;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.ops.AnnotationResponse;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.simulator.ChatBehaviour;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code /ops} with the SDK's {@link dev.tabrelay.client.OpsClient} against the extension simulator, which answers
 * CDP (docs/ops.md): pairing, CDP behind the lease, routing by tab and by flat CDP session, annotation, and an
 * extension that leaves with commands pending. Every check gives the lease back (closing the client does).
 */
class OpsConformanceIT {

    private static final String PAGE = "https://example.com/ops";

    private static SimulatedTabs tabs(ServerTarget target, String... tabIds) {
        return SimulatedTabs.start(target, ChatBehaviour.echo(), Sdk.unique("model-ops"), b -> {
            for (String tab : tabIds) {
                b.tab(tab, PAGE + "/" + tab);
            }
            return b;
        });
    }

    @SuppressWarnings("unchecked")
    private static Object resultValue(Map<String, Object> evaluated) {
        return ((Map<String, Object>) evaluated.get("result")).get("value");
    }

    @ConformanceTest
    void theLeaseHolderRunsCdpOnTheTab(ServerTarget target) {
        OpsClients.assumeOps(target);
        String tab = Sdk.unique("tab-cdp");
        try (SimulatedTabs sim = tabs(target, tab);
             OpsClients ops = OpsClients.connect(target, Sdk.unique("tool"), true)) {
            Lease lease = Sdk.await(ops.client.acquireLease(), "the lease");
            assertTrue(lease.expiresAt() > 0 && lease.renewAfterMs() < lease.ttlMs(), lease.toString());
            Map<String, Object> version = Sdk.await(ops.client.cdp("Browser.getVersion", Map.of(), null, tab, Sdk.WAIT),
                    "Browser.getVersion");
            assertEquals("TabRelaySimulator/1.0", version.get("product"), version.toString());
            Map<String, Object> sum = Sdk.await(ops.client.cdp("Runtime.evaluate", Map.of("expression", "6 * 7"), null,
                    tab, Sdk.WAIT), "Runtime.evaluate");
            assertEquals(42.0, ((Number) resultValue(sum)).doubleValue(), sum.toString());
            // The tab's console event of that evaluation goes to the holder, stamped with the tab.
            Message event = Sdk.take(ops.cdpEvents, "Runtime.consoleAPICalled");
            assertEquals("Runtime.consoleAPICalled", ((CdpEvent) event.data()).method());
            assertEquals(tab, event.metadata().tabId());
            // A CDP error comes back as a failure of that command only.
            assertEquals("cdp-error", OpsClients.failureCode(ops.client.cdp("No.suchMethod", Map.of(), null, tab,
                    Sdk.WAIT), "an unknown CDP method"));
            assertTrue(Sdk.await(ops.client.releaseLease(lease), "the release"));
        }
    }

    @ConformanceTest
    void withoutTheLeaseCdpIsRefusedAndWithoutTheTokenTheSocketIs(ServerTarget target, RelayClient relay) {
        OpsClients.assumeOps(target);
        String tab = Sdk.unique("tab-nolease");
        try (SimulatedTabs sim = tabs(target, tab);
             OpsClients ops = OpsClients.connect(target, Sdk.unique("tool"), false)) {
            assertEquals("lease-required", OpsClients.failureCode(ops.client.cdp("Browser.getVersion", Map.of(), null,
                    tab, Sdk.WAIT), "CDP without the lease"));
            assertTrue(sim.lines().stream().noneMatch(l -> l.contains("cdp Browser.getVersion")),
                    "the tab never saw it: " + sim.lines());
        }
        // No token, not even from a local tool: an unauthorized error and 1008 (one counted failure on /ops).
        try (WsProbe anonymous = relay.webSocketWithout("/ops", Map.of())) {
            anonymous.send(Json.frame("init", "connection-init", Map.of("clientType", "intruder", "version", "1")));
            Map<String, Object> error = anonymous.awaitType("error");
            assertEquals("unauthorized", Json.child(error, "data").get("code"), error.toString());
            assertEquals(1008, anonymous.awaitClose());
        }
    }

    @ConformanceTest
    void flatCdpSessionsRouteToTheTabTheyWereAttachedOn(ServerTarget target) {
        OpsClients.assumeOps(target);
        String first = Sdk.unique("tab-flat-a");
        String second = Sdk.unique("tab-flat-b");
        try (SimulatedTabs a = tabs(target, first);
             SimulatedTabs b = tabs(target, second);
             OpsClients ops = OpsClients.connect(target, Sdk.unique("tool"), true)) {
            Lease lease = Sdk.await(ops.client.acquireLease(), "the lease");
            String sessionA = (String) Sdk.await(ops.client.cdp("Target.attachToTarget", Map.of("flatten", true), null,
                    first, Sdk.WAIT), "attach on " + first).get("sessionId");
            String sessionB = (String) Sdk.await(ops.client.cdp("Target.attachToTarget", Map.of("flatten", true), null,
                    second, Sdk.WAIT), "attach on " + second).get("sessionId");
            assertNotEquals(sessionA, sessionB);
            ops.cdpEvents.clear();

            // By CDP session alone (no tab): each goes to its own tab's extension.
            for (String[] route : List.of(new String[]{sessionB, second}, new String[]{sessionA, first})) {
                Map<String, Object> result = Sdk.await(ops.client.cdp("Runtime.evaluate",
                        Map.of("expression", "'" + route[1] + "'"), route[0], null, Sdk.WAIT), "evaluate in " + route[0]);
                assertEquals(route[1], resultValue(result), result.toString());
                Message event = Sdk.take(ops.cdpEvents, "the console event of " + route[1]);
                assertEquals(route[1], event.metadata().tabId(), event.toString());
            }
            assertTrue(b.lines().stream().anyMatch(l -> l.contains("session=" + sessionB)), b.lines().toString());
            assertTrue(a.lines().stream().noneMatch(l -> l.contains("session=" + sessionB)), a.lines().toString());
            assertEquals("unknown-cdp-session", OpsClients.failureCode(ops.client.cdp("Runtime.evaluate",
                    Map.of("expression", "1"), "no-such-cdp-session", null, Sdk.WAIT), "an unknown CDP session"));
            Sdk.await(ops.client.releaseLease(lease), "the release");
        }
    }

    @ConformanceTest
    void annotationStartIsAnsweredByTheTab(ServerTarget target, RelayClient relay) {
        OpsClients.assumeOps(target);
        String tab = Sdk.unique("tab-annotate");
        String token = target.ownerToken().orElseThrow();
        try (SimulatedTabs sim = tabs(target, tab);
             OpsClients ops = OpsClients.connect(target, Sdk.unique("annotator"), false)) {
            // The SDK's call names no tab: it goes to the most recently active extension (here, most likely the one
            // just connected; a leftover of another suite could be newer, so only the answer's shape is checked).
            AnnotationResponse response = Sdk.await(ops.client.annotate("start", Map.of()), "annotation start");
            assertEquals("ok", response.status(), response.toString());
            assertTrue(response.payload().containsKey("annotations"), response.toString());
        }
        // /annotation (no lease), addressed to a tab.
        try (SimulatedTabs sim = tabs(target, tab + "-2");
             WsProbe annotation = relay.webSocketWithout("/annotation?token=" + token, Map.of())) {
            annotation.send(Json.frame("init", "connection-init", Map.of("clientType", "annotator", "version", "1")));
            annotation.awaitType("connection-ack");
            annotation.send(Json.frame("a1", "annotation-command", Map.of("requestId", "r1", "command", "start",
                    "version", 1, "tabId", tab + "-2")));
            Map<String, Object> reply = annotation.awaitType("annotation-response");
            assertEquals("a1", reply.get("id"), reply.toString());
            assertEquals("ok", Json.child(reply, "data").get("status"), reply.toString());
            assertEquals(PAGE + "/" + tab + "-2", Json.child(Json.child(reply, "data"), "payload").get("url"), reply.toString());
        }
    }

    @ConformanceTest
    void anExtensionLeavingFailsItsPendingCommandsAtOnceAndTellsEveryOpsClient(ServerTarget target, RelayClient relay) {
        OpsClients.assumeOps(target);
        String tab = Sdk.unique("tab-dying");
        try (WsProbe extension = relay.webSocket("/extension-ws");
             OpsClients holder = OpsClients.connect(target, Sdk.unique("holder"), true);
             OpsClients bystander = OpsClients.connect(target, Sdk.unique("bystander"), false)) {
            extension.send(Json.connectionInit("init-dying", tab));
            String session = (String) Json.child(extension.awaitType("connection-ack"), "data").get("sessionId");
            Lease lease = Sdk.await(holder.client.acquireLease(), "the lease");
            // The extension receives both commands and never answers: they are pending when it goes.
            CompletableFuture<Map<String, Object>> one = holder.client.cdp("Browser.getVersion", Map.of(), null, tab,
                    Duration.ofMinutes(2));
            CompletableFuture<Map<String, Object>> two = holder.client.cdp("Runtime.evaluate", Map.of("expression", "1"),
                    null, tab, Duration.ofMinutes(2));
            extension.awaitType("cdp-command");
            extension.awaitType("cdp-command");
            extension.close();
            // Both fail long before their own (2 minute) timeouts, within the suite's wait.
            assertEquals("peer-disconnected", OpsClients.failureCode(one, "the first pending command"));
            assertEquals("peer-disconnected", OpsClients.failureCode(two, "the second pending command"));
            for (OpsClients ops : List.of(holder, bystander)) {
                ErrorFrame notice = Sdk.take(ops.notices, "extension-disconnected");
                while (!session.equals(notice.details() == null ? null : notice.details().get("sessionId"))) {
                    notice = Sdk.take(ops.notices, "extension-disconnected of " + session);
                }
                assertEquals("extension-disconnected", notice.code(), notice.toString());
                assertTrue(String.valueOf(notice.details().get("tabIds")).contains(tab), notice.toString());
            }
            assertTrue(holder.client.lease().isPresent(), "the holder keeps its lease and its connection");
            Sdk.await(holder.client.releaseLease(lease), "the release");
        }
    }
}
