package dev.tabrelay.server.ops;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.ops.AnnotationCommand;
import dev.tabrelay.protocol.ops.AnnotationResponse;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.Ids;
import dev.tabrelay.server.connection.PendingRequests;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.tabs.TabDirectory;

import java.time.Clock;
import java.time.Duration;

/**
 * Forwards annotation commands to the extension of the tab and its {@code annotation-response} back to the
 * asking client (same id). Annotation needs no lease (it reads the page, it does not drive it); it has its own,
 * longer timeout because a person may be annotating (OpenDevBrowser: 120 s).
 */
public final class AnnotationRelay {

    private final TabDirectory tabs;
    private final PendingRequests pending;
    private final Ids ids;
    private final Clock clock;
    private final Duration timeout;

    public AnnotationRelay(TabDirectory tabs, PendingRequests pending, Ids ids, Clock clock, Duration timeout) {
        this.tabs = tabs;
        this.pending = pending;
        this.ids = ids;
        this.clock = clock;
        this.timeout = timeout;
    }

    public void forward(Connection client, Message request, AnnotationCommand command) {
        if (command.version() != null && command.version() != 1) {
            client.send(error(request, new RequestFailure("not-supported",
                    "annotation version " + command.version() + " is not supported; use 1")));
            return;
        }
        String wanted = command.tabId() != null ? command.tabId() : request.metadata().tabId();
        Connection extension;
        try {
            extension = tabs.route(wanted, null);
        } catch (RequestFailure e) {
            client.send(error(request, e));
            return;
        }
        String tabId = wanted != null ? wanted : tabs.defaultTab(extension.id());
        String relayId = ids.next("ann");
        String what = "annotation " + command.command() + (tabId == null ? "" : " on tab " + tabId);
        pending.register(extension, relayId, timeout, what).whenComplete((reply, failure) -> {
            if (failure != null) {
                client.send(error(request, RequestFailure.of(failure)));
                return;
            }
            AnnotationResponse response = reply.dataAs(AnnotationResponse.class);
            if (response == null) {
                client.send(error(request, new RequestFailure("bad-reply", what + " was answered with " + reply.type())));
                return;
            }
            client.send(new Message(request.id(), clock.millis(), response, stamp(extension.id(), tabId)));
        });
        AnnotationCommand out = new AnnotationCommand(command.requestId(), command.command(), command.version(),
                command.url(), tabId, command.options(), command.payload());
        if (!extension.send(new Message(relayId, clock.millis(), out, stamp(extension.id(), tabId)))) {
            pending.fail(extension.id(), relayId, new RequestFailure(RequestFailure.PEER_GONE,
                    "the extension " + extension.id() + " is disconnecting"));
        }
    }

    /** An annotation-response from an extension; false when nobody waits for it. */
    public boolean onResponse(Connection extension, Message message) {
        return pending.complete(extension.id(), message.id(), message);
    }

    private static Metadata stamp(String extensionId, String tabId) {
        return new Metadata(extensionId, "tabrelay-server", null, tabId, null);
    }

    private Message error(Message request, RequestFailure failure) {
        return new Message(ids.next("err"), clock.millis(), ErrorFrame.of(failure.code(), failure.getMessage(),
                request.id()), Metadata.EMPTY);
    }
}
