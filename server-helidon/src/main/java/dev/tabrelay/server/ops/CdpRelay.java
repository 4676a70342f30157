package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.ops.CdpCommand;
import dev.tabrelay.protocol.ops.CdpEvent;
import dev.tabrelay.protocol.ops.CdpResult;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.Ids;
import dev.tabrelay.server.connection.PendingRequests;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.tabs.TabDirectory;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Forwards CDP between ops clients and extensions. A command goes to the extension serving its CDP session or
 * tab under a fresh relay id (two clients reusing an id never collide), correlated through the relay's one
 * {@link PendingRequests}; its result, CDP error, {@code error} frame, timeout, or the extension's loss comes
 * back to exactly the client that sent it, under the client's id. Events go to the lease holder, stamped
 * with the tab they came from.
 */
public final class CdpRelay {

    static final String ATTACH = "Target.attachToTarget";
    static final String ATTACHED = "Target.attachedToTarget";
    static final String DETACHED = "Target.detachedFromTarget";

    private final TabDirectory tabs;
    private final PendingRequests pending;
    private final ConnectionRegistry registry;
    private final CdpSessions sessions;
    private final LeaseManager leases;
    private final Ids ids;
    private final Clock clock;
    private final Duration timeout;

    public CdpRelay(TabDirectory tabs, PendingRequests pending, ConnectionRegistry registry, CdpSessions sessions,
                    LeaseManager leases, Ids ids, Clock clock, Duration timeout) {
        this.tabs = tabs;
        this.pending = pending;
        this.registry = registry;
        this.sessions = sessions;
        this.leases = leases;
        this.ids = ids;
        this.clock = clock;
        this.timeout = timeout;
    }

    /** Sends a client's command on; every outcome is answered to {@code client} under {@code request}'s id. */
    public void forward(Connection client, Message request, CdpCommand command) {
        Connection extension;
        String tabId;
        try {
            if (command.sessionId() != null) {
                CdpSessions.Target target = sessions.find(command.sessionId()).orElseThrow(() -> new RequestFailure(
                        "unknown-cdp-session", "no tab has CDP session " + command.sessionId()
                        + " (attach with " + ATTACH + " first, or it was detached)"));
                extension = registry.get(target.extensionId()).orElseThrow(() -> new RequestFailure(
                        RequestFailure.NO_TARGET, "the extension of CDP session " + command.sessionId() + " is gone"));
                tabId = target.tabId();
            } else {
                String wanted = command.tabId() != null ? command.tabId() : request.metadata().tabId();
                extension = tabs.route(wanted, null);
                tabId = wanted != null ? wanted : tabs.defaultTab(extension.id());
            }
        } catch (RequestFailure e) {
            client.send(error(request, e));
            return;
        }
        String relayId = ids.next("cdp");
        String what = "CDP " + command.method() + (tabId == null ? "" : " on tab " + tabId) + " via " + extension.id();
        pending.register(extension, relayId, timeout, what).whenComplete((reply, failure) -> {
            if (failure != null) {
                client.send(error(request, RequestFailure.of(failure)));
                return;
            }
            CdpResult result = reply.dataAs(CdpResult.class);
            if (result == null) {
                client.send(error(request, new RequestFailure("bad-reply", what + " was answered with " + reply.type())));
                return;
            }
            learnFromResult(command, result, extension.id(), tabId);
            client.send(new Message(request.id(), clock.millis(), result, stamp(extension.id(), tabId)));
        });
        CdpCommand out = new CdpCommand(command.id(), command.method(), command.params(), command.sessionId(), tabId);
        if (!extension.send(new Message(relayId, clock.millis(), out, stamp(extension.id(), tabId)))) {
            pending.fail(extension.id(), relayId, new RequestFailure(RequestFailure.PEER_GONE,
                    "the extension " + extension.id() + " is disconnecting"));
        }
    }

    /** A cdp-result from an extension: hands it to its waiter. False when nobody waits (late or unknown). */
    public boolean onResult(Connection extension, Message message) {
        return pending.complete(extension.id(), message.id(), message);
    }

    /** A cdp-event from an extension: learns flat sessions from it, then hands it to the lease holder. */
    public void onEvent(Connection extension, Message message, CdpEvent event) {
        String tabId = message.metadata().tabId();
        if (tabId == null && event.sessionId() != null) {
            tabId = sessions.find(event.sessionId()).map(CdpSessions.Target::tabId).orElse(null);
        }
        if (tabId == null) {
            tabId = tabs.defaultTab(extension.id());
        }
        Map<String, Object> params = event.params() == null ? Map.of() : event.params();
        if (ATTACHED.equals(event.method()) && params.get("sessionId") instanceof String child) {
            sessions.learn(child, extension.id(), tabId); // a child target lives in its parent's tab
        } else if (DETACHED.equals(event.method()) && params.get("sessionId") instanceof String child) {
            sessions.forget(child);
        }
        Optional<Connection> holder = leases.holder().flatMap(h -> registry.get(h.connectionId()));
        Message stamped = new Message(message.id(), message.timestamp(), event, stamp(extension.id(), tabId));
        holder.ifPresent(c -> c.sendEvent(stamped));
    }

    /**
     * An extension left: its CDP sessions die with it, and every ops and annotation client is told (its waiters
     * were already failed, each under its own id, by the registry's close listener).
     */
    public void extensionGone(Connection extension, java.util.List<String> tabIds) {
        java.util.List<String> cdpSessions = sessions.forgetExtension(extension.id());
        ErrorFrame notice = new ErrorFrame("extension-disconnected", "the extension session " + extension.id()
                + " disconnected" + (tabIds.isEmpty() ? "" : " (tabs " + String.join(", ", tabIds) + ")")
                + "; its pending commands failed and its CDP sessions are gone", null, true,
                Map.of("sessionId", extension.id(), "tabIds", tabIds, "cdpSessionIds", cdpSessions));
        for (Connection client : registry.all()) {
            if (client.kind() == dev.tabrelay.server.connection.ConnectionKind.OPS
                    || client.kind() == dev.tabrelay.server.connection.ConnectionKind.ANNOTATION) {
                client.send(new Message(ids.next("err"), clock.millis(), notice, Metadata.ofSession(extension.id())));
            }
        }
    }

    private void learnFromResult(CdpCommand command, CdpResult result, String extensionId, String tabId) {
        if (ATTACH.equals(command.method()) && result.result() != null
                && result.result().get("sessionId") instanceof String attached) {
            sessions.learn(attached, extensionId, tabId);
        }
    }

    private Metadata stamp(String extensionId, String tabId) {
        return new Metadata(extensionId, "tabrelay-server", null, tabId, null);
    }

    private Message error(Message request, RequestFailure failure) {
        return new Message(ids.next("err"), clock.millis(), ErrorFrame.of(failure.code(), failure.getMessage(),
                request.id()), Metadata.EMPTY);
    }
}
