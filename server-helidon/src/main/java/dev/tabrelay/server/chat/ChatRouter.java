package dev.tabrelay.server.chat;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.chat.CancelChat;
import dev.tabrelay.protocol.chat.ChatResponse;
import dev.tabrelay.protocol.chat.ChatResponseChunk;
import dev.tabrelay.protocol.chat.ChatResponseError;
import dev.tabrelay.protocol.chat.SendChatMessage;
import dev.tabrelay.protocol.control.ModelInfo;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.PendingRequests;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.tabs.TabDirectory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;

/**
 * Sends each chat request to one idle tab that serves its model, one request per tab at a time; when every
 * suitable tab is busy the request waits in a bounded FIFO queue (or is refused, per {@link ChatPolicy}).
 * Correlation, timeout, "extension gone" and shutdown come from {@link PendingRequests}; this class turns their
 * outcome into the call's single terminal event, tells the tab to cancel when the relay gives up on it, frees
 * the tab and dispatches the next waiting request.
 */
public final class ChatRouter {

    /** Failure codes this router adds to {@link RequestFailure}'s. */
    static final String CLIENT_GONE = "client-disconnected";
    static final String SESSION_GONE = "session-disconnected";

    private static final System.Logger LOG = System.getLogger(ChatRouter.class.getName());

    private record Start(ChatCall call, TabSlots.Slot slot) {
        ChatTargets.Candidate candidate() {
            return slot.candidate;
        }
    }

    private final ChatTargets targets;
    private final PendingRequests pending;
    private final ChatPolicyHolder policy;
    private final Clock clock;
    private final ChatObserver observer;
    private final Object lock = new Object();
    /** SSE keep-alive comments sent to silent streams (how often clients were kept waiting). */
    private final java.util.concurrent.atomic.LongAdder keepAlives = new java.util.concurrent.atomic.LongAdder();
    private final ArrayDeque<ChatCall> queue = new ArrayDeque<>();
    /**
     * {@code queue.size()}, written under the lock after every change and read without it: every finished call
     * dispatches, and taking the lock only to find the queue empty made the lock contended (JFR, chat benchmark).
     */
    private volatile int waiting;
    private final TabSlots slots = new TabSlots();
    private boolean closed;
    private ChatError closedError = ChatError.shutdown();

    public ChatRouter(TabDirectory tabs, PendingRequests pending, ChatPolicyHolder policy, Clock clock) {
        this(tabs, pending, policy, clock, ChatObserver.NONE);
    }

    public ChatRouter(TabDirectory tabs, PendingRequests pending, ChatPolicyHolder policy, Clock clock,
                      ChatObserver observer) {
        this.targets = new ChatTargets(tabs);
        this.pending = pending;
        this.policy = policy;
        this.clock = clock;
        this.observer = observer;
    }

    /** Plugs the router into connection lifecycle: a dropped extension's queued work is re-evaluated. */
    public void watch(ConnectionRegistry registry) {
        registry.onClose(connection -> {
            synchronized (lock) {
                slots.forget(connection.id());
            }
            tabsChanged();
        });
    }

    /** Admits a request: started, queued, or refused (the error to answer at once). */
    public Optional<ChatError> submit(ChatCall call) {
        call.observe(observer);
        observer.received(call);
        Optional<ChatError> refused = admit(call);
        refused.ifPresent(error -> observer.refused(call, error));
        return refused;
    }

    private Optional<ChatError> admit(ChatCall call) {
        Start start;
        synchronized (lock) {
            if (closed) {
                return Optional.of(closedError);
            }
            String model = call.request().model();
            ChatTargets.Suitable suitable = targets.suitable(model);
            if (!suitable.chatTabs()) {
                return Optional.of(ChatError.noExtension("no browser extension that answers chat is connected"));
            }
            if (!suitable.anyOpen()) {
                return Optional.of(ChatError.modelNotFound(model));
            }
            TabSlots.Slot idle = pickIdle(suitable);
            if (idle == null) {
                ChatPolicy now = policy.get();
                if (now.newRequestBehavior() == NewRequestBehavior.DROP) {
                    return Optional.of(ChatError.busy("every tab that serves " + describe(model)
                            + " is busy and new-request-behavior is drop; try again later"));
                }
                if (queue.size() >= now.maxQueueLength()) {
                    return Optional.of(ChatError.queueFull(queue.size()));
                }
                queue.add(call);
                waiting = queue.size();
                observer.queued(call, queue.size());
                return Optional.empty();
            }
            start = assign(call, idle);
        }
        start(start, true);
        return Optional.empty();
    }

    /** The client left: a queued call is dropped, a running one is failed and its tab told to cancel. */
    public void cancel(ChatCall call) {
        call.requestCancel();
        synchronized (lock) {
            if (queue.remove(call)) {
                waiting = queue.size();
                call.fail(ChatError.clientGone());
                return;
            }
        }
        ChatCall.Target target = call.target();
        if (target != null) {
            pending.fail(target.connectionId(), call.id(), new RequestFailure(CLIENT_GONE, "the client went away"));
        }
        // Not yet registered: start() sees the flag after registering and fails it there.
    }

    /** A tab's session ended: its running request fails with 502 and the tab is told to cancel. */
    public void tabClosed(String connectionId, String tabId) {
        ChatCall call;
        synchronized (lock) {
            call = slots.running(new ChatCall.Target(connectionId, tabId));
        }
        if (call != null) {
            pending.fail(connectionId, call.id(), new RequestFailure(SESSION_GONE,
                    "the session of tab " + tabId + " was disconnected while it answered"));
        }
    }

    /** Tabs or models changed (an extension came, went or updated its capabilities): dispatch what now fits. */
    public void tabsChanged() {
        dispatch();
    }

    /** Whether a request is running on a tab (any extension). */
    public boolean busy(String tabId) {
        synchronized (lock) {
            return slots.busy(tabId);
        }
    }

    /** A stream got a keep-alive comment because its tab was silent for the keep-alive interval. */
    public void keepAliveSent() {
        keepAlives.increment();
    }

    public long keepAlivesSent() {
        return keepAlives.sum();
    }

    public int queued() {
        synchronized (lock) {
            return queue.size();
        }
    }

    public int runningCount() {
        synchronized (lock) {
            return slots.running();
        }
    }

    /** Tabs the router keeps state for: connected ones, and gone ones whose call has not ended yet. */
    public int trackedTabs() {
        synchronized (lock) {
            return slots.size();
        }
    }

    public List<ModelInfo> models() {
        return targets.models();
    }

    /** Refuses new requests and fails the queued ones; running ones fail through {@link PendingRequests#failAll}. */
    public void shutdown() {
        shutdown("the relay server is shutting down");
    }

    /** As {@link #shutdown()}, with the message clients get (503, code {@code shutdown}), e.g. for a restart. */
    public void shutdown(String message) {
        ChatError error = ChatError.shutdown(message);
        List<ChatCall> dropped;
        synchronized (lock) {
            closed = true;
            closedError = error;
            dropped = new ArrayList<>(queue);
            queue.clear();
            waiting = 0;
        }
        dropped.forEach(call -> call.fail(error));
    }

    private void dispatch() {
        if (waiting == 0) {
            return; // the common case; a call queued after this read was queued after the caller freed its tab
        }
        List<Start> starts = new ArrayList<>(0);
        List<ChatCall> unserviceable = new ArrayList<>(0);
        synchronized (lock) {
            if (closed) {
                return;
            }
            for (Iterator<ChatCall> it = queue.iterator(); it.hasNext(); ) {
                ChatCall call = it.next();
                ChatTargets.Suitable suitable = targets.suitable(call.request().model());
                if (!suitable.anyOpen()) {
                    it.remove(); // nothing connected can ever answer it now
                    unserviceable.add(call);
                    continue;
                }
                TabSlots.Slot idle = pickIdle(suitable);
                if (idle != null) {
                    it.remove();
                    starts.add(assign(call, idle));
                }
            }
            waiting = queue.size();
        }
        unserviceable.forEach(call -> call.fail(ChatError.noExtension("no connected extension serves "
                + describe(call.request().model()) + " any more")));
        starts.forEach(start -> start(start, false));
    }

    /** Exact-model tabs first, then the least recently used; on a tie the first in connection order. Caller holds the lock. */
    private TabSlots.Slot pickIdle(ChatTargets.Suitable suitable) {
        TabSlots.Slot[] candidateSlots = slots.of(suitable);
        TabSlots.Slot best = null;
        boolean bestExact = false;
        for (int i = 0; i < candidateSlots.length; i++) {
            TabSlots.Slot slot = candidateSlots[i];
            ChatTargets.Candidate c = suitable.candidates().get(i);
            if (slot.running != null || !c.open()) {
                continue;
            }
            if (best == null || (c.exact() && !bestExact) || (c.exact() == bestExact && slot.lastUsed < best.lastUsed)) {
                best = slot;
                bestExact = c.exact();
            }
        }
        return best;
    }

    private Start assign(ChatCall call, TabSlots.Slot slot) {
        slots.assign(slot, call);
        call.running(slot.candidate.target());
        return new Start(call, slot);
    }

    /**
     * Registers the call and sends it to its tab. {@code onRequestThread}: the caller is the request's own handler,
     * which waits for this tab anyway, so it writes the frame itself; other callers (a tab's reader dispatching the
     * queue) only queue it, so a slow tab cannot stall them.
     */
    private void start(Start start, boolean onRequestThread) {
        ChatCall call = start.call();
        observer.started(call, start.candidate().target()); // outside the router's lock: history has its own
        Connection connection = start.candidate().connection();
        String tabId = start.candidate().tabId();
        // The description is built only if the request times out: start() runs for every request.
        pending.register(connection, call.id(), policy.get().requestTimeout(),
                        () -> "chat request " + call.id() + " on " + (tabId == null ? "" : "tab " + tabId + " of ") + connection.id(),
                        update -> progress(call, update))
                .whenComplete((reply, error) -> finished(start, reply, error));
        SendChatMessage send = new SendChatMessage(call.id(), call.request().messages(), call.request().settings());
        Metadata metadata = new Metadata(connection.id(), "tabrelay-server", null, tabId, null);
        Message message = new Message(call.id(), clock.millis(), send, metadata);
        if (!(onRequestThread ? connection.sendNow(message) : connection.send(message))) {
            pending.fail(connection.id(), call.id(), new RequestFailure(RequestFailure.PEER_GONE,
                    "the extension " + connection.id() + " is disconnecting"));
        }
        if (call.cancelRequested()) {
            pending.fail(connection.id(), call.id(), new RequestFailure(CLIENT_GONE, "the client went away"));
        }
    }

    private static void progress(ChatCall call, Message update) {
        if (update.data() instanceof ChatResponseChunk chunk) {
            call.delta(chunk.delta());
        }
    }

    private void finished(Start start, Message reply, Throwable error) {
        ChatCall call = start.call();
        // Free the tab before the client hears the outcome, so its next request finds the tab idle.
        synchronized (lock) {
            slots.release(start.slot(), call);
        }
        try {
            if (error != null) {
                failed(start, RequestFailure.of(error));
            } else if (reply.data() instanceof ChatResponse response) {
                call.complete(response.content(), response.finishReason(), response.usage(), response.model());
            } else if (reply.data() instanceof ChatResponseChunk chunk) {
                call.delta(chunk.delta());
                call.complete(null, chunk.finishReason(), null, null);
            } else if (reply.data() instanceof ChatResponseError failure) {
                call.fail(ChatError.extensionError("the extension reported an error: " + failure.error(), failure.code()));
            } else {
                call.fail(ChatError.peerGone("unexpected reply " + reply.type() + " from the extension"));
            }
        } finally {
            dispatch();
        }
    }

    private void failed(Start start, RequestFailure failure) {
        ChatCall call = start.call();
        switch (failure.code()) {
            case RequestFailure.TIMEOUT -> {
                cancelOnTab(start, "timeout");
                call.fail(ChatError.timeout(failure.getMessage()));
            }
            case RequestFailure.SHUTDOWN -> {
                cancelOnTab(start, "shutdown");
                call.fail(ChatError.shutdown(failure.getMessage()));
            }
            case CLIENT_GONE -> {
                cancelOnTab(start, CLIENT_GONE);
                call.fail(ChatError.clientGone());
            }
            case SESSION_GONE -> {
                cancelOnTab(start, SESSION_GONE);
                call.fail(ChatError.peerGone(failure.getMessage()));
            }
            default -> call.fail(ChatError.peerGone(failure.getMessage()));
        }
    }

    private void cancelOnTab(Start start, String reason) {
        Connection connection = start.candidate().connection();
        Metadata metadata = new Metadata(connection.id(), "tabrelay-server", null, start.candidate().tabId(), null);
        String id = start.call().id();
        if (!connection.send(new Message("cancel-" + id, clock.millis(), new CancelChat(id, reason), metadata))) {
            LOG.log(System.Logger.Level.DEBUG, "could not tell {0} to cancel {1}", connection, id);
        }
    }

    private static String describe(String model) {
        return model == null ? "chat" : "model '" + model + "'";
    }
}
