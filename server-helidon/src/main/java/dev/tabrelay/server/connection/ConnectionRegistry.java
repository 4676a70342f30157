package dev.tabrelay.server.connection;

import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * Every live socket, by id. Features that keep per-connection state register a close listener here, so a
 * dropped socket is cleaned up in one place however it ended (peer close, error, heartbeat timeout, shutdown).
 */
public final class ConnectionRegistry {

    private static final System.Logger LOG = System.getLogger(ConnectionRegistry.class.getName());

    private final Map<String, Connection> connections = new ConcurrentHashMap<>();
    private final List<Consumer<Connection>> closeListeners = new CopyOnWriteArrayList<>();

    private volatile boolean shutdown;

    /** False once shutdown began: the caller must close the new socket. */
    public boolean add(Connection connection) {
        if (shutdown) {
            return false;
        }
        connections.put(connection.id(), connection);
        return true;
    }

    /** Refuses new connections from now on. */
    public void shutdown() {
        shutdown = true;
    }

    public void onClose(Consumer<Connection> listener) {
        closeListeners.add(listener);
    }

    public Optional<Connection> get(String id) {
        return Optional.ofNullable(id == null ? null : connections.get(id));
    }

    public Collection<Connection> all() {
        return List.copyOf(connections.values());
    }

    public List<Connection> ofKind(ConnectionKind kind) {
        List<Connection> result = new ArrayList<>();
        for (Connection connection : connections.values()) {
            if (connection.kind() == kind) {
                result.add(connection);
            }
        }
        return result;
    }

    public Map<ConnectionKind, Integer> countByKind() {
        Map<ConnectionKind, Integer> counts = new EnumMap<>(ConnectionKind.class);
        for (ConnectionKind kind : ConnectionKind.values()) {
            counts.put(kind, 0);
        }
        connections.values().forEach(c -> counts.merge(c.kind(), 1, Integer::sum));
        return counts;
    }

    public int size() {
        return connections.size();
    }

    /**
     * Removes a connection, runs the close listeners (which fail whatever waited on it) and closes the socket
     * after its queued frames. Safe to call from any thread, any number of times.
     */
    public void terminate(Connection connection, int code, String reason) {
        if (!connection.markTerminated()) {
            return;
        }
        connections.remove(connection.id(), connection);
        LOG.log(System.Logger.Level.DEBUG, "closing {0} ({1} {2})", connection, code, reason);
        for (Consumer<Connection> listener : closeListeners) {
            try {
                listener.accept(connection);
            } catch (RuntimeException e) {
                LOG.log(System.Logger.Level.WARNING, "close listener failed for " + connection, e);
            }
        }
        connection.closeSocket(code, reason);
    }
}
