package dev.tabrelay.conformance.extension;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.control.ConnectionInit;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.simulator.Dialect;

import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an extension introduces itself, whether every frame it sends is valid, and its heartbeats. */
class ExtensionHandshakeConformanceIT {

    @ExtensionConformanceTest(dialects = {Dialect.CANONICAL, Dialect.CHAT_RELAY, Dialect.BROWCALL})
    void firstFrameIsAConnectionInit(ExtensionUnderTest extension) {
        ConnectionInit init = Exchanges.init(extension.peer());
        assertNotNull(init.clientType(), "connection-init needs data.clientType");
        assertFalse(init.clientType().isBlank(), "connection-init needs data.clientType");
        if (extension.dialect() != Dialect.CHAT_RELAY) { // EXTENSION_READY carries no tab
            String tab = Exchanges.tabId(extension.peer());
            assertTrue(tab != null && !tab.isBlank(), "connection-init names its tab (data.tabId or data.tabs)");
        }
        if (extension.dialect() != Dialect.CHAT_RELAY) {
            assertTrue(extension.peer().ackSentNanos() > 0, "the harness answered the init");
        }
    }

    @ExtensionConformanceTest(dialects = Dialect.BROWSER_TOOLS)
    void browserToolsAnnouncesItsPage(ExtensionUnderTest extension) {
        Received first = extension.peer().received().getFirst();
        Navigation page = first.message().map(Message::data).filter(Navigation.class::isInstance)
                .map(Navigation.class::cast).orElseThrow(() -> new AssertionError(
                        "a BrowserTools extension announces its page (page-navigated) first, got " + first.text()));
        assertFalse(page.url().isBlank(), "page-navigated carries the url");
    }

    @ExtensionConformanceTest
    void everyFrameDecodes(ExtensionUnderTest extension) {
        List<Received> frames = extension.peer().received();
        assertFalse(frames.isEmpty());
        List<String> refused = frames.stream().filter(r -> !r.valid())
                .map(r -> r.error().error().code() + " (" + r.error().getMessage() + "): " + r.text()).toList();
        assertEquals(List.of(), refused, "frames the " + extension.dialect().cliName() + " codec refuses");
    }

    @ExtensionConformanceTest(dialects = Dialect.CANONICAL)
    void heartbeatsAtTheAnnouncedInterval(ExtensionUnderTest extension) {
        ExtensionPeer peer = extension.peer();
        // Two heartbeats in a row, each within 3 intervals (+4 s for a loaded machine): the relay reaps a peer
        // that stays silent for two.
        Duration limit = ExtensionPeer.HEARTBEAT.multipliedBy(3).plusSeconds(4);
        int from = peer.count();
        Received first = peer.await(r -> r.message().map(Message::data).filter(Heartbeat.class::isInstance).isPresent(),
                from, limit).orElseThrow(() -> new AssertionError("no heartbeat within " + limit
                + " (connection-ack announced heartbeatInterval " + ExtensionPeer.HEARTBEAT.toMillis() + " ms)"));
        int after = peer.received().indexOf(first) + 1;
        peer.await(r -> r.message().map(Message::data).filter(Heartbeat.class::isInstance).isPresent(), after, limit)
                .orElseThrow(() -> new AssertionError("only one heartbeat within " + limit + " of the previous one"));
    }
}
