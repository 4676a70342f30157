package dev.tabrelay.conformance;

import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.http.ServerInfo;
import dev.tabrelay.client.http.SettingsUpdate;
import dev.tabrelay.simulator.ChatBehaviour;
import dev.tabrelay.simulator.Simulator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The extension simulator as the extension of a conformance check: started against a target with a model of its
 * own (so only this check's requests reach it), its output kept for assertions and failure messages.
 */
final class SimulatedTabs implements AutoCloseable {

    private final Simulator simulator;
    private final List<String> lines;
    private final String model;

    private SimulatedTabs(Simulator simulator, List<String> lines, String model) {
        this.simulator = simulator;
        this.lines = lines;
        this.model = model;
    }

    /** One canonical tab serving a fresh model, answering as {@code chat} says; connected (handshake done). */
    static SimulatedTabs start(ServerTarget target, ChatBehaviour chat) {
        return start(target, chat, Sdk.unique("model-sim"), builder -> builder);
    }

    /** As {@link #start(ServerTarget, ChatBehaviour)}, for {@code model}, with more settings (tabs, sessions...). */
    static SimulatedTabs start(ServerTarget target, ChatBehaviour chat, String model,
                               java.util.function.UnaryOperator<Simulator.Builder> more) {
        List<String> lines = Collections.synchronizedList(new ArrayList<>());
        Simulator.Builder builder = Simulator.builder();
        target.pairingToken().ifPresent(builder::pairingToken); // a container target sees us as a remote peer
        Simulator simulator = more.apply(builder
                        .url(target.httpBase().toString())
                        .tabPrefix(Sdk.unique("sim") + "-")
                        .chat(chat)
                        .models(model)
                        .output(lines::add))
                .build();
        simulator.start();
        return new SimulatedTabs(simulator, lines, model);
    }

    String model() {
        return model;
    }

    Simulator simulator() {
        return simulator;
    }

    /** The simulator's output so far (one line per turn, chunk, cancel...). */
    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    /** The prompts the simulator received, in the order it received them. */
    List<String> prompts() {
        return lines().stream().filter(l -> l.contains(" prompt=\""))
                .map(l -> l.substring(l.indexOf(" prompt=\"") + " prompt=\"".length(), l.length() - 1)).toList();
    }

    /** Closes every connection of the simulator (idempotent): to the relay, the extension has gone. */
    @Override
    public void close() {
        simulator.close();
    }

    /** A plain chat request body for {@code model}. */
    static String body(String model, String prompt) {
        return Json.write(Map.of("model", model, "messages", List.of(Map.of("role", "user", "content", prompt))));
    }

    /**
     * Opens a raw TCP connection and sends a whole plain {@code POST /v1/chat/completions} on it, so a check can
     * drop the client for real (close or reset) while its request waits.
     */
    static Socket rawChat(ServerTarget target, String json) {
        try {
            Socket socket = new Socket(target.httpBase().getHost(), target.httpBase().getPort());
            socket.setSoTimeout((int) Sdk.WAIT.toMillis());
            byte[] bytes = json.getBytes(StandardCharsets.UTF_8);
            String auth = target.pairingToken().map(t -> BearerToken.HEADER + ": " + BearerToken.value(t) + "\r\n")
                    .orElse("");
            String head = "POST /v1/chat/completions HTTP/1.1\r\nHost: " + target.httpBase().getAuthority()
                    + "\r\n" + auth + "Content-Type: application/json\r\nContent-Length: " + bytes.length + "\r\n\r\n";
            socket.getOutputStream().write(head.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(bytes);
            socket.getOutputStream().flush();
            return socket;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot send a raw chat request to " + target.httpBase(), e);
        }
    }

    /** {@code GET /health}'s {@code chat} numbers: {@code queueLength} and {@code activeRequests}. */
    static int chatCount(RelayClient relay, String key) {
        RelayClient.HttpReply health = relay.get("/health");
        Object value = Json.child(health.json(), "chat").get(key);
        return ((Number) value).intValue();
    }
}
