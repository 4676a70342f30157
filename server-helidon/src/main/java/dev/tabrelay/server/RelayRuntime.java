package dev.tabrelay.server;

import dev.tabrelay.server.admin.AdminContext;
import dev.tabrelay.server.admin.AdminSettings;
import dev.tabrelay.server.admin.HistoryType;
import dev.tabrelay.server.admin.Restarter;
import dev.tabrelay.server.admin.SettingsPatch;
import dev.tabrelay.server.admin.SettingsStore;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The server as {@code main} runs it: applies the persisted admin settings ({@code DATA_DIR/server-config.json})
 * on top of the config, owns the current {@link RelayServer} generation and swaps it on an admin restart. Settings,
 * message history and the process start time live here, so they survive a restart; connections, tabs, stored
 * events and chat requests belong to a generation and do not.
 */
public final class RelayRuntime implements AutoCloseable, Restarter {

    private static final System.Logger LOG = System.getLogger(RelayRuntime.class.getName());

    private final AdminContext admin;
    private final Consumer<RelayServer> onStart;
    private final Object lock = new Object();
    private final AtomicBoolean restartClaimed = new AtomicBoolean();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private volatile RelayServer current;
    private boolean closed;

    private RelayRuntime(ServerConfig config, AdminSettings settings, SettingsStore store, Consumer<RelayServer> onStart) {
        this.onStart = onStart;
        this.admin = AdminContext.create(store, settings, Clock.systemUTC(), this);
        this.current = RelayServer.start(applied(config, settings), admin);
    }

    /**
     * Starts the first generation.
     *
     * @param config   from {@link ConfigLoader}: flags > environment > config file > defaults
     * @param explicit the config keys given by a flag or environment variable: these win over the persisted
     *                 settings (with a warning), everything else in {@code server-config.json} wins over the config
     * @param onStart  called with each generation once it listens (Main prints the listening lines)
     * @throws dev.tabrelay.server.admin.SettingsFileException when {@code server-config.json} is corrupt or invalid
     */
    public static RelayRuntime start(ServerConfig config, Set<String> explicit, Consumer<RelayServer> onStart) {
        SettingsStore store = new SettingsStore(config.dataDir());
        SettingsPatch persisted = store.load().orElse(SettingsPatch.empty());
        Set<String> shadowed = new LinkedHashSet<>();
        for (Map.Entry<String, String> key : AdminSettings.CONFIG_KEYS.entrySet()) {
            if (explicit.contains(key.getValue()) && persisted.toMap().containsKey(key.getKey())) {
                shadowed.add(key.getKey());
                LOG.log(System.Logger.Level.WARNING, "--" + key.getValue() + " (flag or " + ConfigLoader.envName(key.getValue())
                        + ") overrides " + key.getKey() + "=" + persisted.toMap().get(key.getKey()) + " saved in " + store.file());
            }
        }
        AdminSettings settings = AdminSettings.of(config.port(), RelayServer.chatPolicyOf(config))
                .with(persisted.without(shadowed));
        RelayRuntime runtime = new RelayRuntime(config, settings, store, Objects.requireNonNull(onStart, "onStart"));
        onStart.accept(runtime.current);
        return runtime;
    }

    public RelayServer current() {
        return current;
    }

    public AdminContext admin() {
        return admin;
    }

    /** Completes when the runtime stops for good (not on a restart); exceptionally when a restart left it dead. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    @Override
    public Outcome claim() {
        synchronized (lock) {
            if (closed) {
                return Outcome.UNAVAILABLE;
            }
        }
        return restartClaimed.compareAndSet(false, true) ? Outcome.STARTED : Outcome.BUSY;
    }

    @Override
    public void begin() {
        Thread.ofPlatform().name("tabrelay-restart").start(this::restart);
    }

    /**
     * Stops the current generation (requests in flight fail with 503 "the relay server is restarting", sockets
     * close with 1001) and starts a new one with the current settings, on the configured port. If that port
     * cannot be bound, the previous config is tried again so the server stays reachable.
     */
    public void restart() {
        try {
            synchronized (lock) {
                if (closed) {
                    return;
                }
                RelayServer old = current;
                AdminSettings settings = admin.settings().get();
                admin.recorder().server(HistoryType.SERVER_RESTART, "restarting; port " + old.port() + " -> " + settings.port());
                old.stopForRestart();
                ServerConfig next = applied(old.config(), settings);
                try {
                    current = RelayServer.start(next, admin);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.ERROR, "restart on port " + next.port() + " failed; trying port "
                            + old.config().port() + " again", e);
                    admin.recorder().server(HistoryType.SERVER_RESTART, "port " + next.port() + " failed: " + e.getMessage());
                    try {
                        current = RelayServer.start(old.config(), admin);
                    } catch (RuntimeException again) {
                        closed = true;
                        stopped.completeExceptionally(new IllegalStateException("restart failed: " + again.getMessage(), again));
                        return;
                    }
                }
                // Free for the next restart before announcing, so whoever sees the new port can restart again.
                restartClaimed.set(false);
                onStart.accept(current);
            }
        } finally {
            restartClaimed.set(false);
        }
    }

    /** Stops for good. */
    public void stop() {
        synchronized (lock) {
            if (!closed) {
                closed = true;
                current.stop();
            }
        }
        stopped.complete(null);
    }

    @Override
    public void close() {
        stop();
    }

    private static ServerConfig applied(ServerConfig config, AdminSettings settings) {
        return config.withAdminSettings(settings.port(), Duration.ofMillis(settings.requestTimeoutMs()),
                settings.newRequestBehavior(), settings.maxQueueLength());
    }
}
