package dev.tabrelay.server.admin;

import java.io.IOException;
import java.util.List;
import java.util.Objects;

/**
 * The current admin settings, shared by every server generation of one process (they survive a restart).
 * An update is validated, saved, and only then becomes current: a setting that could not be persisted is not
 * applied, so what the server does always matches what the next start will do.
 */
public final class LiveSettings {

    /** The outcome of an update: the settings before and after, and which fields changed. */
    public record Update(AdminSettings before, AdminSettings now, List<String> changed) {
    }

    private final SettingsStore store;
    private volatile AdminSettings current;

    public LiveSettings(SettingsStore store, AdminSettings initial) {
        this.store = store;
        this.current = Objects.requireNonNull(initial, "initial");
    }

    public AdminSettings get() {
        return current;
    }

    public SettingsStore store() {
        return store;
    }

    /** Serialised so two updates cannot interleave their save and apply. */
    public synchronized Update update(SettingsPatch patch) throws IOException {
        AdminSettings before = current;
        AdminSettings now = before.with(patch);
        store.save(now);
        current = now;
        return new Update(before, now, now.changedFrom(before));
    }
}
