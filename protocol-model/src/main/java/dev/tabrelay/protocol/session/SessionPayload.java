package dev.tabrelay.protocol.session;

import dev.tabrelay.protocol.Payload;

/**
 * The ConnectWindow session commands of seed 000 ({@code NewSession}, {@code GetSession}, {@code Disconnect},
 * {@code GetTabId}, {@code PollingSession}) and their replies. A reply reuses the id of its command.
 */
public sealed interface SessionPayload extends Payload
        permits NewSession, GetSession, Disconnect, GetTabId, PollingSession,
        SessionInfo, TabIdInfo, SessionStatus, SessionDisconnected {
}
