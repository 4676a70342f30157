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
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.session.GetSession;
import dev.tabrelay.protocol.session.GetTabId;
import dev.tabrelay.protocol.session.NewSession;
import dev.tabrelay.protocol.session.SessionInfo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Client behaviour the real relay never triggers, tested against {@link StandIn}, a scripted relay on real
 * sockets: the relay asking an extension for ConnectWindow sessions (the real one only receives them), chat
 * frames in an exact scripted order, and replies that come too late. Tunnel, ops, CDP and annotation run
 * against the real relay in {@link RealRelayOpsTest}.
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
    void extensionAnswersSessionAndScreenshotCommands() {
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

            peer.send(command("s1", ScreenshotRequest.png()));
            Message noShots = relay.await(dev.tabrelay.protocol.events.ScreenshotResponse.class);
            assertEquals("s1", noShots.id());
            assertFalse(noShots.dataAs(dev.tabrelay.protocol.events.ScreenshotResponse.class).success());
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
