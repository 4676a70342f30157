package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.ops.AnnotationResponse;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.LeaseQueued;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link OpsClient}, {@link TunnelClient} and the extension's CDP/annotation handlers against the real relay
 * (pairing on, a tunnel secret, a short lease clock): the SDK's frames are the contract the server speaks.
 */
@Timeout(60)
class RealRelayOpsTest {

    static final String PAIRING = "5e".repeat(32);
    static final String SECRET = "client-sdk-tunnel-secret-32-bytes-long";

    static RealRelay relay;
    static final OkHttpClient HTTP = new OkHttpClient();

    @BeforeAll
    static void start() {
        relay = new RealRelay(b -> b.pairingToken(dev.tabrelay.server.security.PairingToken.parse(PAIRING)).tunnelSecret(SECRET)
                .lease(Duration.ofMillis(1500), Duration.ofMillis(300), Duration.ofSeconds(10)));
    }

    @AfterAll
    static void stop() {
        relay.close();
        HTTP.dispatcher().executorService().shutdown();
    }

    /** POST /v1/tunnel/tokens with the pairing token: the JWT for a session. */
    static String mintTunnelToken(String relayUrl, String pairingToken, String sessionId) {
        Request request = new Request.Builder().url(relayUrl + "/v1/tunnel/tokens")
                .header("Authorization", "Bearer " + pairingToken)
                .post(RequestBody.create("{\"sessionId\":\"" + sessionId + "\",\"ttlSeconds\":300}",
                        MediaType.get("application/json"))).build();
        try (Response response = HTTP.newCall(request).execute()) {
            String body = response.body().string();
            assertEquals(201, response.code(), body);
            return body.replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    private static ExtensionClient extension(String tabId) {
        ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId(tabId)
                .onScreenshot((request, frame) -> RealRelayRolesTest.png())
                .onCdp(command -> {
                    if (command.method().equals("Runtime.evaluate")) {
                        return Map.of("result", Map.of("type", "number", "value", 2), "tab", command.tabId());
                    }
                    throw new IllegalStateException("'" + command.method() + "' wasn't found");
                })
                .onAnnotation(command -> Map.of("echo", command.command(), "tab", command.tabId()))
                .build();
        ext.connect().join();
        return ext;
    }

    @Test
    void tunnelSendsBearerTokenAndSubprotocolAndWorksLikeMcp() {
        Recorder seen = new Recorder();
        try (ExtensionClient ext = extension("t1")) {
            String session = ext.sessionId().orElseThrow();
            String jwt = mintTunnelToken(relay.url(), PAIRING, session);
            try (TunnelClient tunnel = TunnelClient.builder().serverUrl(relay.url()).sessionId(session)
                    .token(() -> jwt).eventListener(seen).build()) {
                tunnel.connect().join();
                tunnel.subscribe(EventFilter.all()).join();
                ext.consoleLog("info", "through the tunnel");
                TabEvent<?> event = seen.awaitEvent("console-log");
                assertEquals("through the tunnel", ((ConsoleLog) event.data()).message());
                Screenshot shot = tunnel.requestScreenshot(Target.tab("t1")).join();
                assertEquals("t1", shot.tabId());
                assertEquals(RealRelayRolesTest.PNG.length, shot.bytes().length);
            }

            Recorder refused = new Recorder();
            try (TunnelClient bad = TunnelClient.builder().serverUrl(relay.url()).sessionId(session)
                    .token(() -> "stolen").listener(refused).build()) {
                CompletionException e = assertThrows(CompletionException.class, () -> bad.connect().join());
                RelayException cause = assertInstanceOf(RelayException.class, e.getCause());
                assertEquals("handshake-refused", cause.code());
                assertFalse(cause.retryable());
                refused.awaitState(ConnectionState.CLOSED); // no retry against a refused token
                assertEquals(List.of(ConnectionState.CONNECTING, ConnectionState.CLOSED), refused.allStates);
            }
        }
    }

    @Test
    void opsLeaseQueueRenewReleaseCdpAndAnnotation() throws Exception {
        BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
        OpsListener listener = new OpsListener() {
            @Override
            public void onCdpEvent(CdpEvent event, Message frame) {
                heard.add(event);
            }

            @Override
            public void onLeaseQueued(LeaseQueued queued) {
                heard.add(queued);
            }

            @Override
            public void onLeaseGranted(Lease lease) {
                heard.add(lease);
            }
        };
        try (ExtensionClient ext = extension("t2");
             OpsClient first = OpsClient.builder().serverUrl(relay.url()).pairingToken(PAIRING).clientId("first").build();
             OpsClient ops = OpsClient.builder().serverUrl(relay.url()).pairingToken(PAIRING).clientId("second")
                     .autoRenewLeases(true).opsListener(listener).build()) {
            first.connect().join();
            ops.connect().join();
            Lease held = first.acquireLease().join();

            CompletableFuture<Lease> waiting = ops.acquireLease(Duration.ofSeconds(5));
            assertEquals(1, ((LeaseQueued) heard.poll(5, TimeUnit.SECONDS)).position());
            assertTrue(first.releaseLease(held).join());
            Lease lease = waiting.join();
            assertEquals(lease, heard.poll(5, TimeUnit.SECONDS));
            Lease renewed = (Lease) heard.poll(5, TimeUnit.SECONDS); // automatic renewal after renewAfterMs
            assertEquals(lease.leaseId(), renewed.leaseId());
            assertTrue(renewed.expiresAt() > lease.expiresAt());

            CompletionException refused = assertThrows(CompletionException.class,
                    () -> first.cdp("Runtime.evaluate", Map.of("expression", "1+1")).join());
            assertEquals("lease-required", ((RelayException) refused.getCause()).code());

            Map<String, Object> result = ops.cdp("Runtime.evaluate", Map.of("expression", "1+1"), null, "t2",
                    Duration.ofSeconds(5)).join();
            assertEquals(Map.of("type", "number", "value", 2.0), result.get("result"));
            assertEquals("t2", result.get("tab"), "the relay names the tab to the extension");
            ext.publish(new CdpEvent("Runtime.consoleAPICalled", Map.of("type", "log"), null),
                    new dev.tabrelay.protocol.Metadata(null, null, null, "t2", null));
            Object event = heard.poll(5, TimeUnit.SECONDS);
            while (event instanceof Lease) {
                event = heard.poll(5, TimeUnit.SECONDS); // renewals keep coming
            }
            assertEquals("Runtime.consoleAPICalled", ((CdpEvent) event).method());
            CompletionException e = assertThrows(CompletionException.class,
                    () -> ops.cdp("Nope.x", null, null, "t2", Duration.ofSeconds(5)).join());
            assertEquals("cdp-error", ((RelayException) e.getCause()).code());
            assertTrue(e.getCause().getMessage().contains("wasn't found"), e.getCause().getMessage());

            AnnotationResponse annotation = ops.annotate("start", null).join();
            assertEquals("ok", annotation.status());
            assertEquals("start", annotation.payload().get("echo"));

            assertTrue(ops.releaseLease(lease).join());
            assertTrue(ops.lease().isEmpty());
        }
    }

    @Test
    void aWrongOrMissingPairingTokenEndsTheClientWithoutRetrying() {
        for (String token : new String[]{"00".repeat(32), null}) {
            Recorder states = new Recorder();
            try (OpsClient ops = OpsClient.builder().serverUrl(relay.url()).pairingToken(token).listener(states).build()) {
                CompletionException e = assertThrows(CompletionException.class, () -> ops.connect().join());
                assertEquals("handshake-refused", ((RelayException) e.getCause()).code(), String.valueOf(token));
                states.awaitState(ConnectionState.CLOSED);
                assertFalse(states.allStates.contains(ConnectionState.RECONNECTING), states.allStates::toString);
            }
        }
    }
}
