package dev.tabrelay.server.ops;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Flat CDP sessions (Chrome 125+ DebuggerSession ids): which extension and tab each one lives on, learned from
 * {@code Target.attachToTarget} results and {@code Target.attachedToTarget} events, so a command or event that
 * names only a CDP session reaches (or is stamped with) the right tab.
 */
public final class CdpSessions {

    /** Where a CDP session lives. */
    public record Target(String extensionId, String tabId) {
    }

    private final Map<String, Target> sessions = new ConcurrentHashMap<>();

    public void learn(String cdpSessionId, String extensionId, String tabId) {
        if (cdpSessionId != null && !cdpSessionId.isBlank() && extensionId != null) {
            sessions.put(cdpSessionId, new Target(extensionId, tabId));
        }
    }

    public Optional<Target> find(String cdpSessionId) {
        return Optional.ofNullable(cdpSessionId == null ? null : sessions.get(cdpSessionId));
    }

    public void forget(String cdpSessionId) {
        if (cdpSessionId != null) {
            sessions.remove(cdpSessionId);
        }
    }

    /** The extension went away: its CDP sessions died with it. */
    public List<String> forgetExtension(String extensionId) {
        List<String> gone = sessions.entrySet().stream().filter(e -> e.getValue().extensionId().equals(extensionId))
                .map(Map.Entry::getKey).toList();
        gone.forEach(sessions::remove);
        return gone;
    }

    public int size() {
        return sessions.size();
    }
}
