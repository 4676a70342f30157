package dev.tabrelay.client;

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

/**
 * Answers the ConnectWindow session commands (seed 000). Each return value goes back with the command's id;
 * an exception becomes an {@code error} frame naming it. Commands left at their default are answered with
 * an {@code unsupported-type} error.
 */
public interface SessionHandler {

    default SessionInfo newSession(NewSession command, Message frame) throws Exception {
        throw unsupported(frame);
    }

    default SessionInfo getSession(GetSession command, Message frame) throws Exception {
        throw unsupported(frame);
    }

    default SessionDisconnected disconnect(Disconnect command, Message frame) throws Exception {
        throw unsupported(frame);
    }

    default TabIdInfo getTabId(GetTabId command, Message frame) throws Exception {
        throw unsupported(frame);
    }

    default SessionStatus pollingSession(PollingSession command, Message frame) throws Exception {
        throw unsupported(frame);
    }

    private static RelayException unsupported(Message frame) {
        return new RelayException("unsupported-type", frame.type() + " is not handled by this extension", frame.id());
    }
}
