package dev.tabrelay.simulator;

import dev.tabrelay.client.SessionHandler;
import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.session.Disconnect;
import dev.tabrelay.protocol.session.GetSession;
import dev.tabrelay.protocol.session.GetTabId;
import dev.tabrelay.protocol.session.NewSession;
import dev.tabrelay.protocol.session.PollingSession;
import dev.tabrelay.protocol.session.SessionDisconnected;
import dev.tabrelay.protocol.session.SessionInfo;
import dev.tabrelay.protocol.session.SessionStatus;
import dev.tabrelay.protocol.session.TabIdInfo;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The ConnectWindow background broker of seed 000: one session per browser tab, created by NewSession with its
 * apiPort/socketPort, read by GetSession, ended by Disconnect, probed by PollingSession; GetTabId answers the
 * sender's tab. Sessions live in this extension's memory, as in the background service worker.
 */
final class ConnectWindowSessions implements SessionHandler {

    private final TabSpec tab;
    private final Context ctx;
    private final Map<String, SessionInfo> sessions = new ConcurrentHashMap<>();

    ConnectWindowSessions(TabSpec tab, Context ctx) {
        this.tab = tab;
        this.ctx = ctx;
    }

    @Override
    public SessionInfo newSession(NewSession command, Message frame) {
        SessionInfo info = new SessionInfo(command.tabId(), true, UUID.randomUUID().toString(), command.apiPort(),
                command.socketPort(), false, System.currentTimeMillis());
        sessions.put(command.tabId(), info);
        ctx.out().line(tab.tabId(), "session new tab=" + command.tabId() + " session=" + info.sessionId());
        return info;
    }

    @Override
    public SessionInfo getSession(GetSession command, Message frame) {
        SessionInfo info = sessions.get(command.tabId());
        ctx.out().line(tab.tabId(), "session get tab=" + command.tabId() + " exists=" + (info != null));
        return info != null ? info : new SessionInfo(command.tabId(), false, null, null, null, false, null);
    }

    @Override
    public SessionDisconnected disconnect(Disconnect command, Message frame) {
        boolean existed = sessions.remove(command.tabId()) != null;
        ctx.out().line(tab.tabId(), "session disconnect tab=" + command.tabId() + " existed=" + existed);
        return new SessionDisconnected(command.tabId(), existed);
    }

    @Override
    public TabIdInfo getTabId(GetTabId command, Message frame) {
        String sender = frame.metadata().tabId() != null ? frame.metadata().tabId() : tab.tabId();
        return new TabIdInfo(sender);
    }

    @Override
    public SessionStatus pollingSession(PollingSession command, Message frame) {
        SessionInfo info = sessions.get(command.tabId());
        return new SessionStatus(command.tabId(), info != null, info != null && info.busy());
    }
}
