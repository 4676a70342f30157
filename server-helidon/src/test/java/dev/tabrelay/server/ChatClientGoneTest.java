package dev.tabrelay.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static dev.tabrelay.server.ChatSupport.answer;
import static dev.tabrelay.server.ChatSupport.await;
import static dev.tabrelay.server.ChatSupport.body;
import static dev.tabrelay.server.ChatSupport.chatAsync;
import static dev.tabrelay.server.ChatSupport.chatExtension;
import static dev.tabrelay.server.ChatSupport.content;
import static dev.tabrelay.server.ChatSupport.join;
import static dev.tabrelay.server.ChatSupport.requestId;
import static dev.tabrelay.server.TestRelay.data;
import static dev.tabrelay.server.TestRelay.frame;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A client of a plain (non-streamed) chat request that drops its TCP connection: really dropped, from a raw
 * socket that sends the request and closes (FIN) or resets (RST). Queued: the request leaves the queue and never
 * reaches a tab. Running: the tab gets {@code CANCEL_CHAT} and is free for the next request at once. The watch
 * starts only after a short grace (an answer within it keeps the connection alive), so these tests drop the client
 * at once and rely on the watch noticing the EOF or reset that is already there when it starts.
 */
class ChatClientGoneTest {

    private TestRelay relay;

    @AfterEach
    void stop() {
        if (relay != null) {
            relay.close();
        }
    }

    @Test
    void plainClientGoneWhileQueuedIsRemoved() throws IOException {
        relay = new TestRelay(b -> b.chatTimeout(Duration.ofSeconds(60)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        CompletableFuture<TestRelay.HttpResult> a = chatAsync(relay, body(null, false, "A"));
        Map<String, Object> sendA = ext.awaitType("SEND_CHAT_MESSAGE");

        Socket b = rawPost(body(null, false, "B"));
        await(() -> relay.server.chatRouter().queued() == 1, "B queued");
        b.close();
        await(() -> relay.server.chatRouter().queued() == 0, "the gone client's request to leave the queue");

        CompletableFuture<TestRelay.HttpResult> c = chatAsync(relay, body(null, false, "C"));
        await(() -> relay.server.chatRouter().queued() == 1, "C queued");
        answer(ext, sendA, "a");
        Map<String, Object> next = ext.awaitType("SEND_CHAT_MESSAGE");
        assertEquals("C", lastContent(next)); // B never reached the tab
        answer(ext, next, "c");
        assertEquals("a", content(join(a)));
        assertEquals("c", content(join(c)));
        assertTrue(historyTypes().contains("CHAT_REQUEST_CANCELLED"), "the cancel is in the history");
    }

    @Test
    void plainClientGoneWhileRunningCancelsOnTheTab() throws IOException {
        clientGoneWhileRunning(false);
    }

    @Test
    void plainClientResetWhileRunningCancelsOnTheTab() throws IOException {
        clientGoneWhileRunning(true);
    }

    private void clientGoneWhileRunning(boolean reset) throws IOException {
        relay = new TestRelay(b -> b.chatTimeout(Duration.ofSeconds(60)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        Socket client = rawPost(body(null, false, "A"));
        String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
        if (reset) {
            client.setSoLinger(true, 0); // close() then sends RST instead of FIN
        }
        client.close();

        Map<String, Object> cancel = ext.awaitType("CANCEL_CHAT");
        assertEquals(id, data(cancel).get("requestId"));
        assertEquals("client-disconnected", data(cancel).get("reason"));
        await(() -> relay.server.chatRouter().runningCount() == 0, "the tab to be free");

        CompletableFuture<TestRelay.HttpResult> next = chatAsync(relay, body(null, false, "B"));
        Map<String, Object> sendB = ext.awaitType("SEND_CHAT_MESSAGE");
        assertEquals("B", lastContent(sendB));
        answer(ext, sendB, "b");
        assertEquals("b", content(join(next)));
    }

    @Test
    void watchedAnswerKeepsItsStatusAndClosesTheConnection() throws IOException {
        relay = new TestRelay(b -> b.chatTimeout(Duration.ofSeconds(60)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        try (Socket ok = rawPost(body(null, false, "A"))) {
            Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");
            await(() -> relay.server.clientWatch().started() == 1, "the slow answer's client to be watched");
            answer(ext, send, "fine");
            String response = readToEnd(ok); // ends: the relay closes the connection after a watched answer
            assertTrue(response.startsWith("HTTP/1.1 200"), response);
            assertTrue(response.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n"), response);
            assertTrue(response.contains("\"content\":\"fine\""), response);
        }
        try (Socket failed = rawPost(body(null, false, "B"))) {
            String id = requestId(ext.awaitType("SEND_CHAT_MESSAGE"));
            await(() -> relay.server.clientWatch().started() == 2, "the second client to be watched");
            ext.send(frame("e-" + id, "CHAT_RESPONSE_ERROR", Map.of("requestId", id, "error", "page broke"), null));
            String response = readToEnd(failed);
            assertTrue(response.startsWith("HTTP/1.1 502"), response); // the outcome still decides the status
            assertTrue(response.contains("page broke"), response);
        }
        assertEquals(0, relay.server.chatRouter().runningCount());
    }

    /**
     * An answer that comes within the grace is sent unwatched: no {@code Connection: close}, and the next request
     * goes over the same connection. Whether an answer beats the grace depends on the machine (a cold JVM's first
     * request can take longer), so this tries a few fresh connections; on each, {@code Connection: close} must come
     * exactly when a watch was started, and at least one must be kept alive and serve a second request.
     */
    @Test
    void fastAnswerKeepsTheConnectionAlive() throws IOException {
        answerWithinTheGraceKeepsTheConnection(Duration.ZERO);
    }

    /**
     * A short stall (a tab, or the relay, slow for 100 ms) does not close connections either: when every waiting
     * request's connection closed after a stall, the clients' reconnects kept the relay overloaded for seconds.
     */
    @Test
    void answerDelayedByAShortStallKeepsTheConnectionAlive() throws IOException {
        answerWithinTheGraceKeepsTheConnection(Duration.ofMillis(100));
    }

    private void answerWithinTheGraceKeepsTheConnection(Duration tabDelay) throws IOException {
        relay = new TestRelay(b -> b.chatTimeout(Duration.ofSeconds(60)));
        WsClient ext = chatExtension(relay, "tab-1", null, null);
        for (int attempt = 0; attempt < 10; attempt++) {
            long watchesBefore = relay.server.clientWatch().started();
            try (Socket socket = rawPost(body(null, false, "A" + attempt))) {
                Map<String, Object> send = ext.awaitType("SEND_CHAT_MESSAGE");
                CompletableFuture<Void> answered = CompletableFuture.runAsync(() -> answer(ext, send, "quick"),
                        CompletableFuture.delayedExecutor(tabDelay.toMillis(), TimeUnit.MILLISECONDS));
                String first = readOneResponse(socket.getInputStream());
                answered.join();
                boolean watched = relay.server.clientWatch().started() != watchesBefore;
                boolean closes = first.toLowerCase(Locale.ROOT).contains("\r\nconnection: close\r\n");
                assertTrue(first.startsWith("HTTP/1.1 200") && first.contains("\"content\":\"quick\""), first);
                assertEquals(watched, closes, "Connection: close exactly when the client was watched: " + first);
                if (watched) {
                    continue; // slower than the grace on this machine: try again on a new connection
                }
                post(socket, body(null, false, "B"));
                answer(ext, ext.awaitType("SEND_CHAT_MESSAGE"), "again");
                String second = readOneResponse(socket.getInputStream());
                assertTrue(second.startsWith("HTTP/1.1 200") && second.contains("\"content\":\"again\""), second);
                return;
            }
        }
        throw new AssertionError("no answer within the grace kept its connection alive in 10 attempts");
    }

    /** Opens a connection and sends a whole plain chat request on it; the caller reads or drops it. */
    private Socket rawPost(String json) throws IOException {
        Socket socket = new Socket("127.0.0.1", relay.server.port());
        socket.setSoTimeout(20_000);
        post(socket, json);
        return socket;
    }

    private static void post(Socket socket, String json) throws IOException {
        byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
        String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
                + "Content-Length: " + bytes.length + "\r\n\r\n";
        socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
        socket.getOutputStream().write(bytes);
        socket.getOutputStream().flush();
    }

    /** One HTTP/1.1 response framed by Content-Length (the relay's JSON answers), head and body as text. */
    private static String readOneResponse(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("connection closed inside the response head: " + head);
            }
            head.write(b);
        }
        String headText = head.toString(StandardCharsets.US_ASCII);
        int length = -1;
        for (String line : headText.split("\r\n")) {
            if (line.toLowerCase(Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring("content-length:".length()).trim());
            }
        }
        assertTrue(length >= 0, "a Content-Length: " + headText);
        return headText + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }

    private static String readToEnd(Socket socket) {
        try (InputStream in = socket.getInputStream()) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toString(StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @SuppressWarnings("unchecked")
    private static String lastContent(Map<String, Object> send) {
        List<Object> messages = (List<Object>) data(send).get("messages");
        return (String) ((Map<String, Object>) messages.get(messages.size() - 1)).get("content");
    }

    @SuppressWarnings("unchecked")
    private List<Object> historyTypes() {
        Map<String, Object> history = relay.get("/v1/admin/message-history?limit=100").object();
        return ((List<Object>) history.get("data")).stream().map(e -> ((Map<String, Object>) e).get("type")).toList();
    }
}
