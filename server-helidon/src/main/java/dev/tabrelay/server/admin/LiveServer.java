package dev.tabrelay.server.admin;

import dev.tabrelay.server.chat.ChatPolicyHolder;
import dev.tabrelay.server.chat.ChatRouter;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.session.SessionRegistry;
import dev.tabrelay.server.tabs.TabDirectory;

import java.util.function.IntSupplier;

/**
 * One server generation as the admin API sees it: what it reports on and the live chat settings it changes.
 *
 * @param port          the port it really listens on (known once started)
 * @param requestedPort the port it was started with (0 = ephemeral); a different setting needs a restart
 * @param startedAt     when this generation started, epoch ms
 */
public record LiveServer(String version, String host, IntSupplier port, int requestedPort, long startedAt,
                         ConnectionRegistry connections, TabDirectory tabs, SessionRegistry sessions,
                         ChatRouter router, ChatPolicyHolder chatPolicy) {
}
