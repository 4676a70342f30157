package dev.tabrelay.client;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.control.ConnectionAck;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.ops.AnnotationCommand;
import dev.tabrelay.protocol.ops.AnnotationResponse;
import dev.tabrelay.protocol.ops.CdpCommand;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.CdpResult;
import dev.tabrelay.protocol.ops.LeaseAcquire;
import dev.tabrelay.protocol.ops.LeaseExpired;
import dev.tabrelay.protocol.ops.LeaseGranted;
import dev.tabrelay.protocol.ops.LeaseQueued;
import dev.tabrelay.protocol.ops.LeaseRelease;
import dev.tabrelay.protocol.ops.LeaseReleased;
import dev.tabrelay.protocol.ops.LeaseRenew;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An automation (CDP) client on {@code /ops}: pairs with a token, holds the FIFO ops lease (acquire, renew —
 * optionally automatically — and release), sends CDP commands and receives CDP events. Replies reuse the
 * request's envelope id. A lease does not survive a reconnect: acquire it again after {@code OPEN}.
 *
 * <pre>{@code
 * try (OpsClient ops = OpsClient.builder().serverUrl(url).pairingToken(token).build()) {
 *     ops.connect().join();
 *     Lease lease = ops.acquireLease().join();
 *     Map<String, Object> result = ops.cdp("Runtime.evaluate", Map.of("expression", "1+1")).join();
 *     ops.releaseLease(lease).join();
 * }
 * }</pre>
 */
public final class OpsClient extends SocketClientBase {

    private final String clientId;
    private final String pairingToken;
    private final boolean autoRenew;
    private final List<OpsListener> listeners;
    private final Duration requestTimeout;
    private final AtomicLong cdpIds = new AtomicLong();
    private Lease lease;               // guarded by this
    private ScheduledFuture<?> renewal; // guarded by this

    private OpsClient(Builder builder) {
        super(builder.settings("ops", "/ops", List.of(), Map::of,
                builder.pairingToken == null ? Map.of() : Map.of("token", builder.pairingToken)));
        this.clientId = builder.clientId;
        this.pairingToken = builder.pairingToken;
        this.autoRenew = builder.autoRenew;
        this.listeners = List.copyOf(builder.listeners);
        this.requestTimeout = builder.requestTimeout();
    }

    public static Builder builder() {
        return new Builder();
    }

    @Override
    public Message connectionInit(String id, long now) {
        return new Message(id, now, new ConnectionInit("ops-client", "1.0.0", List.of("cdp", "leases"), null, null,
                null, null, pairingToken), Metadata.EMPTY);
    }

    @Override
    public List<Message> afterHandshake(ConnectionAck ack) {
        Lease lost;
        synchronized (this) {
            lost = lease;
            lease = null;
            cancelRenewal();
        }
        if (lost != null) {
            notify(l -> l.onLeaseExpired(new LeaseExpired(lost.leaseId(), "connection-lost")));
        }
        return List.of();
    }

    /** The lease this client holds, as far as it knows. */
    public synchronized Optional<Lease> lease() {
        return Optional.ofNullable(lease);
    }

    /** Asks for the lease and waits (in the relay's FIFO queue if need be) up to the request timeout. */
    public CompletableFuture<Lease> acquireLease() {
        return acquireLease(requestTimeout);
    }

    /**
     * Asks for the lease, waiting in the queue at most {@code wait}. While queued, listeners hear
     * {@code onLeaseQueued}; the call's timeout follows the relay's {@code waitUntil}.
     */
    public CompletableFuture<Lease> acquireLease(Duration wait) {
        Message request = frame(new LeaseAcquire(clientId, wait.toMillis()), Metadata.EMPTY);
        return socket.call(request, wait.plus(requestTimeout), reply -> {
            if (reply.data() instanceof LeaseQueued queued) {
                long until = Math.max(0, queued.waitUntil() - socket.now());
                socket.pending().extend(request.id(), Duration.ofMillis(until).plus(requestTimeout));
                notify(l -> l.onLeaseQueued(queued));
                return true;
            }
            return false;
        }).thenApply(reply -> granted(expect(reply, LeaseGranted.class)));
    }

    public CompletableFuture<Lease> renewLease(Lease current) {
        return call(new LeaseRenew(current.leaseId()), Metadata.EMPTY, null, LeaseGranted.class, null)
                .thenApply(this::granted);
    }

    /** Gives the lease back; completes with whether the relay released it (false: it was not held). */
    public CompletableFuture<Boolean> releaseLease(Lease current) {
        synchronized (this) {
            if (lease != null && lease.leaseId().equals(current.leaseId())) {
                lease = null;
                cancelRenewal();
            }
        }
        return call(new LeaseRelease(current.leaseId()), Metadata.EMPTY, null, LeaseReleased.class, null)
                .thenApply(LeaseReleased::released);
    }

    private Lease granted(LeaseGranted granted) {
        Lease value = Lease.of(granted);
        synchronized (this) {
            lease = value;
            cancelRenewal();
            if (autoRenew && value.renewAfterMs() > 0) {
                renewal = socket.threads().schedule(() -> renewLease(value).exceptionally(e -> null),
                        value.renewAfterMs(), TimeUnit.MILLISECONDS);
            }
        }
        notify(l -> l.onLeaseGranted(value));
        return value;
    }

    private void cancelRenewal() {
        if (renewal != null) {
            renewal.cancel(false);
            renewal = null;
        }
    }

    /** Runs a CDP command on the relay's default target; completes with the CDP result object. */
    public CompletableFuture<Map<String, Object>> cdp(String method, Map<String, Object> params) {
        return cdp(method, params, null, null, requestTimeout);
    }

    /**
     * Runs a CDP command in a flat CDP session or on a tab; a CDP error fails the future with code
     * {@code cdp-error} and the CDP message.
     */
    public CompletableFuture<Map<String, Object>> cdp(String method, Map<String, Object> params, String cdpSessionId,
                                                      String tabId, Duration timeout) {
        CdpCommand command = new CdpCommand(cdpIds.incrementAndGet(), method, params, cdpSessionId, tabId);
        return call(command, Metadata.EMPTY, timeout, CdpResult.class, null).thenApply(result -> {
            if (result.error() != null) {
                throw new RelayException("cdp-error", method + " failed: " + result.error().message()
                        + (result.error().code() == null ? "" : " (" + result.error().code() + ")"), null);
            }
            return result.result() == null ? Map.of() : result.result();
        });
    }

    /** Sends an annotation command (start, cancel, fetch_stored, store_agent_payload). */
    public CompletableFuture<AnnotationResponse> annotate(String command, Map<String, Object> options) {
        AnnotationCommand request = new AnnotationCommand(socket.nextId(), command, 1, null, null,
                options == null ? null : new LinkedHashMap<>(options), null);
        return call(request, Metadata.EMPTY, null, AnnotationResponse.class, null);
    }

    @Override
    public void onFrame(Message frame) {
        switch (frame.data()) {
            case CdpEvent event -> notify(l -> l.onCdpEvent(event, frame));
            case LeaseExpired expired -> {
                synchronized (this) {
                    if (lease != null && lease.leaseId().equals(expired.leaseId())) {
                        lease = null;
                        cancelRenewal();
                    }
                }
                notify(l -> l.onLeaseExpired(expired));
            }
            default -> { }
        }
    }

    private void notify(java.util.function.Consumer<OpsListener> call) {
        for (OpsListener listener : listeners) {
            try {
                call.accept(listener);
            } catch (RuntimeException e) {
                System.getLogger(OpsClient.class.getName()).log(System.Logger.Level.WARNING, "an ops listener failed", e);
            }
        }
    }

    /** Builds an {@link OpsClient}. */
    public static final class Builder extends ClientBuilder<Builder> {
        private String clientId = "tabrelay-java-ops";
        private String pairingToken;
        private boolean autoRenew;
        private final List<OpsListener> listeners = new ArrayList<>();

        private Builder() {
        }

        @Override
        Builder self() {
            return this;
        }

        /** Stable id of this tool in the lease queue (survives reconnects). */
        public Builder clientId(String value) {
            this.clientId = Objects.requireNonNull(value);
            return this;
        }

        /** Pairing token: sent as {@code ?token=} on the upgrade and in connection-init. */
        public Builder pairingToken(String value) {
            this.pairingToken = value;
            return this;
        }

        /** Renew a granted lease by itself after {@code renewAfterMs} (default false). */
        public Builder autoRenewLeases(boolean value) {
            this.autoRenew = value;
            return this;
        }

        public Builder opsListener(OpsListener listener) {
            listeners.add(Objects.requireNonNull(listener));
            return this;
        }

        public OpsClient build() {
            return new OpsClient(this);
        }
    }
}
