package dev.tabrelay.conformance;

import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.RelayHttpException;
import dev.tabrelay.client.http.ChatCompletion;
import dev.tabrelay.client.http.ChatCompletionRequest;
import dev.tabrelay.client.http.HistoryEntry;
import dev.tabrelay.client.http.ServerInfo;
import dev.tabrelay.client.http.SettingsUpdate;
import dev.tabrelay.simulator.ChatBehaviour;
import org.junit.jupiter.api.Assumptions;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/admin/restart-server} (docs/server.md, Restart): the listeners restart inside the process, a
 * request in flight fails clearly (503 {@code shutdown}), the server answers again with its settings and history
 * kept, and a changed port applies after the restart. The target is shared by every suite, so each check leaves it
 * listening where it was: the port is pinned to the listening one first (a process target is started with
 * {@code --port 0}, which a restart would otherwise turn into a new ephemeral port).
 */
class RestartConformanceIT {

    /** A fresh connection per probe matters little here; the JDK client keeps the probes apart from the SDK's pool. */
    private static final HttpClient PROBE = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @ConformanceTest
    void inFlightRequestFailsClearlyAndTheServerAnswersAgain(ServerTarget target) {
        Assumptions.assumeTrue(ServerOptions.configured(target), "restarting someone else's server is not ours to do");
        try (RelayHttpClient http = Sdk.http(target)) {
            pinPort(http);
            ServerInfo before = http.serverInfo();
            Object generation = listenerStartedAt(target.httpBase(), target.pairingToken());
            String model = Sdk.unique("model-restart");
            try (SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.silent(), model, b -> b)) {
                CompletableFuture<ChatCompletion> inFlight = http.chatCompletionAsync(ChatCompletionRequest.user(model, "held"));
                Sdk.eventually("the tab has the request", () -> sim.simulator().summary().chatTurns() == 1);

                String message = http.restartServer();
                assertTrue(message != null && !message.isBlank(), "the 202 answer carries a message");
                RelayHttpException failed = assertInstanceOf(RelayHttpException.class,
                        Sdk.awaitFailure(inFlight, "the in-flight request during the restart"));
                assertEquals(503, failed.status(), failed.toString());
                assertEquals("shutdown", failed.code(), failed.toString());
                assertTrue(failed.getMessage().contains("restarting"), failed.getMessage());
                Sdk.eventually("CANCEL_CHAT (or the close) reached the tab",
                        () -> sim.simulator().summary().chatCancelled() == 1 || sim.simulator().summary().disconnects() >= 1);
            }

            awaitRestarted(target.httpBase(), target.pairingToken(), generation);
            ServerInfo after = http.serverInfo();
            assertEquals(before.port(), after.port(), "same port after the restart");
            assertEquals(Boolean.FALSE, after.restartRequired(), "the restart applied every pending setting");
            assertEquals(before.startedAt(), after.startedAt(), "the process (and its uptime) survives a restart");
            assertEquals(before.requestTimeoutMs(), after.requestTimeoutMs(), "settings survive a restart");
            assertTrue(http.messageHistory(200, null, "SERVER_RESTART").stream().map(HistoryEntry::type)
                    .anyMatch("SERVER_RESTART"::equals), "the restart is in the history, which survives it");

            // New listeners: a new extension connects and is served.
            try (SimulatedTabs sim = SimulatedTabs.start(target, ChatBehaviour.fixed("back again"))) {
                assertEquals("back again", http.chatCompletion(ChatCompletionRequest.user(sim.model(), "hi")).content());
            }
        }
    }

    @ConformanceTest
    void portChangeAppliesAfterTheRestart(ServerTarget target) {
        Assumptions.assumeTrue("process".equals(target.mode()),
                "only a process target's new port is reachable from here (a container maps one fixed port)");
        try (RelayHttpClient http = Sdk.http(target)) {
            int original = pinPort(http);
            int next = freePort();
            URI moved = URI.create("http://" + target.httpBase().getHost() + ":" + next);
            Object generation = listenerStartedAt(target.httpBase(), target.pairingToken());
            http.updateSettings(SettingsUpdate.none().withPort(next));
            ServerInfo pending = http.serverInfo();
            assertEquals(original, pending.port(), "still listening on the old port before the restart");
            assertEquals(next, pending.configuredPort());
            assertEquals(Boolean.TRUE, pending.restartRequired());

            http.restartServer();
            try (RelayHttpClient there = Sdk.http(target, moved)) {
                Object movedGeneration = awaitRestarted(moved, target.pairingToken(), generation);
                assertEquals(next, there.serverInfo().port(), "listening on the new port");
                assertEquals(Boolean.FALSE, there.serverInfo().restartRequired());
                // Put the shared target back where the other suites expect it.
                there.updateSettings(SettingsUpdate.none().withPort(original));
                there.restartServer();
                awaitRestarted(target.httpBase(), target.pairingToken(), movedGeneration);
            }
            assertEquals(original, http.serverInfo().port(), "back on the original port");
        }
    }

    /**
     * Makes the configured port the listening one, so a restart comes back where it is; returns it. (For a target
     * started with port 0 the server then reports {@code restartRequired}: 0 and the pinned port differ.)
     */
    private static int pinPort(RelayHttpClient http) {
        ServerInfo info = http.serverInfo();
        if (!info.port().equals(info.configuredPort())) {
            http.updateSettings(SettingsUpdate.none().withPort(info.port()));
        }
        return info.port();
    }

    /**
     * Waits until a new generation of listeners answers at {@code base}: {@code server-info}'s
     * {@code listenerStartedAt} differs from {@code previous} (the old listeners may still answer for a moment
     * after the 202, and connections fail while none listens). Returns the new value.
     */
    private static Object awaitRestarted(URI base, java.util.Optional<String> token, Object previous) {
        Object[] now = new Object[1];
        Sdk.eventually("new listeners answer GET " + base + "/v1/admin/server-info", () -> {
            now[0] = listenerStartedAt(base, token);
            return now[0] != null && !now[0].equals(previous);
        });
        return now[0];
    }

    /** {@code listenerStartedAt} of the listeners at {@code base}, or null when nothing answers there. */
    private static Object listenerStartedAt(URI base, java.util.Optional<String> token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "/v1/admin/server-info"))
                    .timeout(Duration.ofSeconds(5));
            token.ifPresent(t -> request.header(BearerToken.HEADER, BearerToken.value(t)));
            HttpResponse<String> reply = PROBE.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return reply.statusCode() == 200 ? Json.object(reply.body()).get("listenerStartedAt") : null;
        } catch (IOException e) {
            return null; // not listening (yet, or any more)
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
