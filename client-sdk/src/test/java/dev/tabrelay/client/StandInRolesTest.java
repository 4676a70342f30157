package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.chat.CancelChat;
import dev.tabrelay.protocol.chat.ChatMessage;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.ChatSettings;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Subscribe;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.ops.AnnotationCommand;
import dev.tabrelay.protocol.ops.AnnotationResponse;
import dev.tabrelay.protocol.ops.CdpCommand;
import dev.tabrelay.protocol.ops.CdpError;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.CdpResult;
import dev.tabrelay.protocol.ops.LeaseAcquire;
import dev.tabrelay.protocol.ops.LeaseGranted;
import dev.tabrelay.protocol.ops.LeaseQueued;
import dev.tabrelay.protocol.ops.LeaseRelease;
import dev.tabrelay.protocol.ops.LeaseReleased;
import dev.tabrelay.protocol.ops.LeaseRenew;
import dev.tabrelay.protocol.session.GetSession;
import dev.tabrelay.protocol.session.GetTabId;
import dev.tabrelay.protocol.session.NewSession;
import dev.tabrelay.protocol.session.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

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
 * Roles whose server side does not exist in server-helidon yet (chat routing, ConnectWindow, CDP, tunnel, ops),
 * tested against {@link StandIn}, a minimal relay on real sockets. Replace with the real relay when it lands.
 */
@Timeout(60)
class StandInRolesTest {

    private static Message command(String id, dev.tabrelay.protocol.Payload data) {
        return new Message(id, System.currentTimeMillis(), data, Metadata.EMPTY.withTabId("t1"));
    }

    @Test
    void extensionAnswersChatWholeStreamedFailedAndCancelled() throws Exception {
        BlockingQueue<ChatReply> cancelled = new LinkedBlockingQueue<>();
        try (StandIn relay = new StandIn("/extension-ws");
             ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("t1").model("gpt-x")
                     .onChat((request, reply) -> {
                         switch (request.prompt()) {
                             case "whole" -> reply.complete("answer to " + request.messages().size() + " messages");
                             case "stream" -> new Thread(() -> { // answered later, from another thread
                                 reply.chunk("Hel");
                                 reply.chunk("lo");
                                 reply.finish();
                             }).start();
                             case "wait" -> reply.onCancel(() -> cancelled.add(reply));
                             default -> throw new IllegalArgumentException("cannot answer " + request.prompt());
                         }
                     }).build()) {
            ext.connect().join();
            StandIn.Peer peer = relay.awaitPeer();
            ChatSettings settings = new ChatSettings("gpt-x", null, null, false);

            peer.send(command("c1", new SendChatMessage("r1",
                    List.of(ChatMessage.of("system", "be brief"), ChatMessage.of("user", "whole")), settings)));
            ChatResponse whole = relay.await(ChatResponse.class).dataAs(ChatResponse.class);
            assertEquals("r1", whole.requestId());
            assertEquals("answer to 2 messages", whole.content());
            assertEquals("gpt-x", whole.model());

            peer.send(command("c2", new SendChatMessage("r2", List.of(ChatMessage.of("user", "stream")), settings)));
            ChatResponseChunk a = relay.await(ChatResponseChunk.class).dataAs(ChatResponseChunk.class);
            ChatResponseChunk b = relay.await(ChatResponseChunk.class).dataAs(ChatResponseChunk.class);
            ChatResponseChunk end = relay.await(ChatResponseChunk.class).dataAs(ChatResponseChunk.class);
            assertEquals("Hel", a.delta());
            assertEquals("lo", b.delta());
            assertFalse(b.isFinal());
            assertTrue(end.isFinal());
            assertEquals("r2", end.requestId());

            peer.send(command("c3", new SendChatMessage("r3", List.of(ChatMessage.of("user", "???")), settings)));
            ChatResponseError error = relay.await(ChatResponseError.class).dataAs(ChatResponseError.class);
            assertEquals("r3", error.requestId());
            assertEquals("cannot answer ???", error.error());
            assertEquals("handler-failed", error.code());

            peer.send(command("c4", new SendChatMessage("r4", List.of(ChatMessage.of("user", "wait")), settings)));
            peer.send(command("c5", new CancelChat("r4", "timeout")));
            ChatReply reply = cancelled.poll(10, TimeUnit.SECONDS);
            assertTrue(reply != null && reply.isCancelled());
            assertEquals("timeout", reply.cancelReason());
            assertFalse(reply.complete("too late"), "answers after a cancel are dropped");
        }
    }

    @Test
    void extensionAnswersSessionCdpAnnotationAndScreenshotCommands() {
        try (StandIn relay = new StandIn("/extension-ws");
             ExtensionClient ext = ExtensionClient.builder().serverUrl(relay.url()).tabId("t1")
                     .onSession(new SessionHandler() {
                         @Override
                         public SessionInfo newSession(NewSession c, Message frame) {
                             return new SessionInfo(c.tabId(), true, "s-" + c.tabId(), c.apiPort(), c.socketPort(), false, 1L);
                         }

                         @Override
                         public SessionInfo getSession(GetSession c, Message frame) {
                             throw new RelayException("no-session", "no session for tab " + c.tabId(), frame.id());
                         }
                     })
                     .onCdp(command -> {
                         if (command.method().equals("Runtime.evaluate")) {
                             return Map.of("result", Map.of("type", "number", "value", 2));
                         }
                         throw new IllegalStateException("'" + command.method() + "' wasn't found");
                     })
                     .onAnnotation(command -> Map.of("echo", command.command()))
                     .build()) {
            ext.connect().join();
            StandIn.Peer peer = relay.awaitPeer();

            peer.send(command("n1", new NewSession("t1", 8766, 8765)));
            Message info = relay.await(SessionInfo.class);
            assertEquals("n1", info.id());
            assertEquals("s-t1", info.dataAs(SessionInfo.class).sessionId());

            peer.send(command("g1", new GetSession("t9")));
            Message refused = relay.await(ErrorFrame.class);
            assertEquals("g1", refused.dataAs(ErrorFrame.class).replyTo());
            assertEquals("no-session", refused.dataAs(ErrorFrame.class).code());

            peer.send(command("i1", new GetTabId()));
            ErrorFrame unsupported = relay.await(ErrorFrame.class).dataAs(ErrorFrame.class);
            assertEquals("unsupported-type", unsupported.code());
            assertEquals("i1", unsupported.replyTo());

            peer.send(command("x1", new CdpCommand(7L, "Runtime.evaluate", Map.of("expression", "1+1"), "cdp-s", null)));
            Message ok = relay.await(CdpResult.class);
            assertEquals("x1", ok.id());
            assertEquals(7L, ok.dataAs(CdpResult.class).id());
            assertEquals("cdp-s", ok.dataAs(CdpResult.class).sessionId());
            peer.send(command("x2", new CdpCommand(8L, "Nope.nothing", null, null, "t1")));
            CdpError cdpError = relay.await(CdpResult.class).dataAs(CdpResult.class).error();
            assertEquals(-32000, cdpError.code());
            assertTrue(cdpError.message().contains("wasn't found"));

            peer.send(command("a1", new AnnotationCommand("ann-1", "start", 1, null, null, null, null)));
            AnnotationResponse annotation = relay.await(AnnotationResponse.class).dataAs(AnnotationResponse.class);
            assertEquals("ok", annotation.status());
            assertEquals(Map.of("echo", "start"), annotation.payload());

            peer.send(command("s1", ScreenshotRequest.png()));
            Message noShots = relay.await(dev.tabrelay.protocol.events.ScreenshotResponse.class);
            assertEquals("s1", noShots.id());
            assertFalse(noShots.dataAs(dev.tabrelay.protocol.events.ScreenshotResponse.class).success());
        }
    }

    @Test
    void tunnelSendsBearerTokenAndSubprotocolAndWorksLikeMcp() {
        Recorder seen = new Recorder();
        try (StandIn relay = new StandIn("/tunnel/s-42")) {
            relay.accept = headers -> headers.first(io.helidon.http.HeaderNames.AUTHORIZATION)
                    .map("Bearer good-token"::equals).orElse(false);
            relay.script = (peer, message) -> {
                if (message.data() instanceof Subscribe) {
                    peer.reply(message, Ack.ok(message.id()));
                    peer.send("e1", new ConsoleLog("info", "through the tunnel", null, null, null));
                } else if (message.data() instanceof ScreenshotRequest) {
                    peer.send(new Message(message.id(), System.currentTimeMillis(), RealRelayRolesTest.png(),
                            new Metadata("s-42", "relay", null, "t1", "https://x/")));
                }
            };
            try (TunnelClient tunnel = TunnelClient.builder().serverUrl(relay.url()).sessionId("s-42")
                    .token("good-token").eventListener(seen).build()) {
                tunnel.connect().join();
                io.helidon.http.Headers upgrade = relay.upgrades.poll();
                assertEquals("rapidtriage-tunnel-v1",
                        upgrade.first(io.helidon.http.HeaderNames.create("Sec-WebSocket-Protocol")).orElseThrow());
                tunnel.subscribe(EventFilter.all()).join();
                assertEquals("through the tunnel", ((ConsoleLog) seen.awaitEvent("console-log").data()).message());
                Screenshot shot = tunnel.requestScreenshot(Target.tab("t1")).join();
                assertEquals("t1", shot.tabId());
                assertEquals(RealRelayRolesTest.PNG.length, shot.bytes().length);
            }

            Recorder refused = new Recorder();
            try (TunnelClient bad = TunnelClient.builder().serverUrl(relay.url()).sessionId("s-42")
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
    void opsLeaseQueueRenewReleaseAndCdp() throws Exception {
        BlockingQueue<Object> heard = new LinkedBlockingQueue<>();
        try (StandIn relay = new StandIn("/ops")) {
            relay.script = (peer, message) -> {
                switch (message.data()) {
                    case LeaseAcquire acquire -> {
                        peer.reply(message, new LeaseQueued(1, System.currentTimeMillis() + 5000));
                        peer.reply(message, new LeaseGranted("lease-1", System.currentTimeMillis() + 600, 600, 200));
                    }
                    case LeaseRenew renew -> peer.reply(message,
                            new LeaseGranted(renew.leaseId(), System.currentTimeMillis() + 600, 600, 200));
                    case LeaseRelease release -> peer.reply(message, new LeaseReleased(release.leaseId(), true));
                    case CdpCommand cdp when cdp.method().equals("Runtime.evaluate") -> {
                        peer.send("ev1", new CdpEvent("Runtime.consoleAPICalled", Map.of("type", "log"), null));
                        peer.reply(message, new CdpResult(cdp.id(), Map.of("result", Map.of("value", 2)), null, null));
                    }
                    case CdpCommand cdp -> peer.reply(message,
                            new CdpResult(cdp.id(), null, new CdpError(-32601, "'" + cdp.method() + "' wasn't found", null), null));
                    default -> { }
                }
            };
            try (OpsClient ops = OpsClient.builder().serverUrl(relay.url()).pairingToken("pair-123").autoRenewLeases(true)
                    .opsListener(new OpsListener() {
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
                    }).build()) {
                ops.connect().join();
                assertEquals("pair-123", relay.await(dev.tabrelay.protocol.control.ConnectionInit.class)
                        .dataAs(dev.tabrelay.protocol.control.ConnectionInit.class).pairingToken());

                Lease lease = ops.acquireLease(Duration.ofSeconds(5)).join();
                assertEquals("lease-1", lease.leaseId());
                assertInstanceOf(LeaseQueued.class, heard.poll(5, TimeUnit.SECONDS));
                assertEquals(lease, heard.poll(5, TimeUnit.SECONDS));
                relay.await(LeaseRenew.class); // automatic renewal after renewAfterMs
                assertInstanceOf(Lease.class, heard.poll(5, TimeUnit.SECONDS));

                Map<String, Object> result = ops.cdp("Runtime.evaluate", Map.of("expression", "1+1")).join();
                assertEquals(Map.of("value", 2.0), result.get("result"));
                assertEquals("Runtime.consoleAPICalled", ((CdpEvent) heard.poll(5, TimeUnit.SECONDS)).method());
                CompletionException e = assertThrows(CompletionException.class, () -> ops.cdp("Nope.x", null).join());
                assertEquals("cdp-error", ((RelayException) e.getCause()).code());

                assertTrue(ops.releaseLease(lease).join());
                assertTrue(ops.lease().isEmpty());
            }
        }
    }

    @Test
    void unansweredCallsTimeOutAndLateRepliesAreIgnored() {
        try (StandIn relay = new StandIn("/mcp-ws");
             McpClient mcp = McpClient.builder().serverUrl(relay.url()).build()) {
            mcp.connect().join();
            CompletableFuture<Integer> silent = mcp.clearLogs(null, Duration.ofMillis(300));
            CompletionException e = assertThrows(CompletionException.class, silent::join);
            assertEquals(RelayException.TIMEOUT, ((RelayException) e.getCause()).code());
            StandIn.Peer peer = relay.awaitPeer();
            Message request = relay.await(dev.tabrelay.protocol.events.ClearLogs.class);
            peer.reply(request, new Ack(request.id(), "ok", 3, null)); // late: nobody waits, nothing breaks
            assertEquals("alive", mcp.heartbeat().join().status());
        }
    }
}
