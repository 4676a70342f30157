package dev.tabrelay.server.admin;

import java.time.Clock;

/**
 * What outlives one server generation: settings, history and the process start time survive an in-process
 * restart; each new generation of routes is built on the same context.
 *
 * @param startedAt when the process (not this generation) started, epoch ms
 */
public record AdminContext(LiveSettings settings, MessageHistory history, HistoryRecorder recorder, long startedAt,
                           Restarter restarter) {

    public static AdminContext create(SettingsStore store, AdminSettings initial, Clock clock, Restarter restarter) {
        LiveSettings settings = new LiveSettings(store, initial);
        MessageHistory history = new MessageHistory(initial.historyLimit());
        HistoryRecorder recorder = new HistoryRecorder(history, () -> settings.get().recordMessageText(), clock);
        return new AdminContext(settings, history, recorder, clock.millis(), restarter);
    }
}
