package dev.tabrelay.simulator;

import dev.tabrelay.client.Backoff;
import dev.tabrelay.client.ExtensionClient;
import dev.tabrelay.client.RelayException;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.events.EventPayload;
import dev.tabrelay.protocol.session.NewSession;

import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** A tab speaking the canonical protocol through client-sdk's {@link ExtensionClient}. */
final class CanonicalTab implements SimulatedTab {

    private final TabSpec tab;
    private final Context ctx;
    private final EventFactory events;
    private final AtomicLong sentSinceConnect = new AtomicLong();
    private volatile ExtensionClient client;
    private volatile boolean closed;

    CanonicalTab(TabSpec tab, Context ctx, long seed) {
        this.tab = tab;
        this.ctx = ctx;
        this.events = new EventFactory(tab.url(), seed);
    }

    @Override
    public void start() {
        connect();
    }

    private void connect() {
        ExtensionClient fresh = build();
        client = fresh;
        String session = fresh.connect().orTimeout(30, TimeUnit.SECONDS).join().sessionId();
        sentSinceConnect.set(0);
        ctx.out().line(tab.tabId(), "connected session=" + session + " url=" + tab.url());
        ctx.stats().connects.incrementAndGet(); // after its line, as every count (see ChatResponder)
        ConnectWindow window = ctx.settings().connectWindow();
        if (window != null) {
            // Fire-and-forget like the popup's message; the relay's SessionInfo reply needs no handling here.
            fresh.publish(new NewSession(tab.tabId(), window.apiPort(), window.socketPort()),
                    new Metadata(null, "extension", null, tab.tabId(), tab.url()));
            ctx.out().line(tab.tabId(), "session open api=" + window.apiPort() + " socket=" + window.socketPort());
        }
    }

    private ExtensionClient build() {
        Simulator.Settings s = ctx.settings();
        ExtensionClient.Builder builder = ExtensionClient.builder()
                .serverUrl(s.url())
                .tabId(tab.tabId())
                .tab(tab.tabId(), tab.url(), "Simulated " + tab.tabId())
                .userAgent("TabRelay extension-simulator")
                .backoff(Backoff.exponential())
                .onChat(new ChatResponder(tab.tabId(), s.chat(), s.faults().replyDelay().toMillis(),
                        ctx.scheduler(), ctx.chatTurns(), ctx.stats(), ctx.out()))
                .onScreenshot((request, frame) -> Screenshots.take(tab, ctx));
        s.models().forEach(builder::model);
        if (s.pairingToken() != null) {
            builder.pairingToken(s.pairingToken()).header("Authorization", "Bearer " + s.pairingToken());
        }
        if (s.sessions()) {
            builder.onSession(new ConnectWindowSessions(tab, ctx));
        }
        if (s.cdp()) {
            CdpBehaviour cdp = new CdpBehaviour(tab, () -> client, ctx.out());
            builder.onCdp(cdp::execute).onAnnotation(cdp::annotate);
        }
        return builder.build();
    }

    @Override
    public boolean publish(EventKind kind) {
        if (closed) {
            return false;
        }
        EventPayload event = events.next(kind);
        try {
            client.publish(event, tab.tabId(), tab.url());
        } catch (RelayException e) {
            ctx.stats().eventsDropped.incrementAndGet();
            ctx.out().line(tab.tabId(), "event dropped (" + e.code() + ")");
            return false;
        }
        ctx.stats().events.incrementAndGet();
        ctx.out().line(tab.tabId(), "event " + EventLines.describe(event));
        maybeDisconnect();
        return true;
    }

    private void maybeDisconnect() {
        Faults faults = ctx.settings().faults();
        long sent = sentSinceConnect.incrementAndGet();
        boolean due = faults.disconnectAfter() > 0 && sent >= faults.disconnectAfter();
        boolean unlucky = faults.disconnectProbability() > 0
                && ThreadLocalRandom.current().nextDouble() < faults.disconnectProbability();
        if (due || unlucky) {
            ctx.stats().disconnects.incrementAndGet();
            ctx.out().line(tab.tabId(), "fault: disconnecting after " + sent + " messages");
            client.close(4000, "simulated disconnect");
            if (!closed) {
                try {
                    connect();
                } catch (RuntimeException e) {
                    ctx.out().line(tab.tabId(), "reconnect failed: " + e.getMessage());
                }
            }
        }
    }

    @Override
    public void close() {
        closed = true;
        ExtensionClient current = client;
        if (current != null) {
            current.close();
        }
    }
}
