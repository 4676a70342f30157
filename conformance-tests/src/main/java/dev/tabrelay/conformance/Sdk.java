package dev.tabrelay.conformance;

import dev.tabrelay.client.Backoff;
import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.McpClient;
import dev.tabrelay.client.RelayHttpClient;
import dev.tabrelay.client.http.ServerInfo;
import dev.tabrelay.client.http.SettingsUpdate;

import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;

/**
 * client-sdk clients for one target, and bounded waits. Generous timeouts: the build machine may be loaded, and a
 * conformance failure should be a wrong answer, not a slow one.
 */
final class Sdk {

    static final Duration WAIT = Duration.ofSeconds(30);

    private Sdk() {
    }

    /** A name no other test (or earlier run against a url target) uses: tabs, models, messages. */
    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** An extension on /extension-ws whose default tab is {@code tabId}; no reconnects, so a drop stays visible. */
    static ExtensionClient.Builder extension(ServerTarget target, String tabId) {
        ExtensionClient.Builder builder = ExtensionClient.builder()
                .serverUrl(target.httpBase().toString())
                .tabId(tabId)
                .backoff(Backoff.none())
                .requestTimeout(WAIT);
        target.pairingToken().ifPresent(token -> builder.header(BearerToken.HEADER, BearerToken.value(token)));
        return builder;
    }

    static McpClient.Builder mcp(ServerTarget target) {
        McpClient.Builder builder = McpClient.builder()
                .serverUrl(target.httpBase().toString())
                .backoff(Backoff.none())
                .requestTimeout(WAIT);
        target.pairingToken().ifPresent(token -> builder.header(BearerToken.HEADER, BearerToken.value(token)));
        return builder;
    }

    static RelayHttpClient http(ServerTarget target) {
        return http(target, target.httpBase());
    }

    /** An HTTP client for the target's server at another address (after a port change), with its token. */
    static RelayHttpClient http(ServerTarget target, java.net.URI base) {
        RelayHttpClient.Builder builder = RelayHttpClient.builder().serverUrl(base.toString())
                .readTimeout(Duration.ofSeconds(60));
        target.pairingToken().ifPresent(builder::bearerToken);
        return builder.build();
    }

    static <T> T await(CompletableFuture<T> future, String what) {
        try {
            return future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new AssertionError(what + " failed: " + e.getCause(), e.getCause());
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /** The failure {@code future} completes with (the cause, unwrapped), within {@link #WAIT}. */
    static Throwable awaitFailure(CompletableFuture<?> future, String what) {
        try {
            Object value = future.get(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            throw new AssertionError(what + ": expected a failure, got " + value);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            while (cause instanceof java.util.concurrent.CompletionException && cause.getCause() != null) {
                cause = cause.getCause();
            }
            return cause;
        } catch (TimeoutException e) {
            throw new AssertionError("timed out after " + WAIT + " waiting for " + what + " to fail");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    static <T> T take(BlockingQueue<T> queue, String what) {
        try {
            T value = queue.poll(WAIT.toMillis(), TimeUnit.MILLISECONDS);
            if (value == null) {
                throw new AssertionError("timed out after " + WAIT + " waiting for " + what);
            }
            return value;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted waiting for " + what, e);
        }
    }

    /**
     * Polls a server-side condition that has no event to wait for (e.g. a queue length) until it holds. A bounded
     * poll of an observable state, not a sleep standing in for one.
     */
    static void eventually(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("not true within " + WAIT + ": " + what);
            }
            try {
                Thread.sleep(25);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError("interrupted waiting for " + what, e);
            }
        }
    }

    /**
     * Changes chat settings through POST /v1/admin/update-settings and puts the previous values back when closed:
     * the target is shared by every suite of the run.
     */
    static AutoCloseable chatSettings(RelayHttpClient http, SettingsUpdate change) {
        ServerInfo before = http.serverInfo();
        SettingsUpdate restore = SettingsUpdate.none();
        if (change.requestTimeoutMs() != null) {
            restore = restore.withRequestTimeoutMs(before.requestTimeoutMs());
        }
        if (change.newRequestBehavior() != null) {
            restore = restore.withNewRequestBehavior(before.newRequestBehavior());
        }
        if (change.maxQueueLength() != null) {
            restore = restore.withMaxQueueLength(before.maxQueueLength());
        }
        SettingsUpdate back = restore;
        http.updateSettings(change);
        return () -> http.updateSettings(back);
    }
}
