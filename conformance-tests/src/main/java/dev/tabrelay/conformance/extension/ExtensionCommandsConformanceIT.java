package dev.tabrelay.conformance.extension;

import dev.tabrelay.conformance.Json;
import dev.tabrelay.protocol.control.Ack;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.events.ClearLogs;
import dev.tabrelay.protocol.session.Disconnect;
import dev.tabrelay.protocol.session.GetSession;
import dev.tabrelay.protocol.session.GetTabId;
import dev.tabrelay.protocol.session.NewSession;
import dev.tabrelay.protocol.session.PollingSession;
import dev.tabrelay.protocol.session.SessionDisconnected;
import dev.tabrelay.protocol.session.SessionInfo;
import dev.tabrelay.protocol.session.SessionStatus;
import dev.tabrelay.protocol.session.TabIdInfo;
import dev.tabrelay.simulator.Dialect;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The canonical commands a relay sends an extension: clear-logs, the ConnectWindow session commands, heartbeats. */
class ExtensionCommandsConformanceIT {

    @ExtensionConformanceTest(dialects = Dialect.CANONICAL)
    void clearLogsIsAcknowledged(ExtensionUnderTest extension) {
        Ack ack = Exchanges.reply(extension.peer(), "clear", new ClearLogs(Exchanges.tabId(extension.peer())), Ack.class);
        assertFalse(ack.status().isBlank(), "ack.status");
    }

    @ExtensionConformanceTest(dialects = Dialect.CANONICAL)
    void connectWindowSessionLifecycle(ExtensionUnderTest extension) {
        ExtensionPeer peer = extension.peer();
        String tab = "cw-" + System.nanoTime();
        SessionInfo created = Exchanges.reply(peer, "new", new NewSession(tab, 8766, 8765), SessionInfo.class);
        assertEquals(tab, created.tabId());
        assertTrue(created.exists(), "NewSession creates the session");
        assertNotNull(created.sessionId(), "NewSession answers the sessionId");

        SessionInfo read = Exchanges.reply(peer, "get", new GetSession(tab), SessionInfo.class);
        assertTrue(read.exists(), "GetSession finds it");
        assertEquals(created.sessionId(), read.sessionId(), "GetSession returns the same session");

        SessionStatus status = Exchanges.reply(peer, "poll", new PollingSession(tab), SessionStatus.class);
        assertEquals(tab, status.tabId());
        assertTrue(status.exists(), "PollingSession sees it");

        TabIdInfo self = Exchanges.reply(peer, "tabid", new GetTabId(), TabIdInfo.class);
        assertFalse(self.tabId().isBlank(), "GetTabId names a tab");

        SessionDisconnected gone = Exchanges.reply(peer, "bye", new Disconnect(tab, "conformance"), SessionDisconnected.class);
        assertTrue(gone.existed(), "Disconnect ends an existing session");
        assertFalse(Exchanges.reply(peer, "get-after", new GetSession(tab), SessionInfo.class).exists(),
                "after Disconnect the session is gone");
    }

    @ExtensionConformanceTest(dialects = Dialect.CANONICAL)
    void relayHeartbeatsAndUnknownFramesDoNotBreakTheConnection(ExtensionUnderTest extension) {
        ExtensionPeer peer = extension.peer();
        peer.send(Exchanges.id("beat"), new Heartbeat("alive", 1000L, 1));
        peer.sendRaw(Json.frame(Exchanges.id("unknown"), "conformance-unknown-type", Map.of("x", 1)));
        Exchanges.reply(peer, "clear-after", new ClearLogs(Exchanges.tabId(peer)), Ack.class);
        assertTrue(peer.isOpen(), "the extension keeps its connection");
    }
}
