package dev.tabrelay.server.admin;

import java.nio.file.Path;

/** {@code server-config.json} cannot be used; start-up stops with this message (it names the file). */
public final class SettingsFileException extends RuntimeException {

    public SettingsFileException(Path file, String problem) {
        super("invalid settings file " + file.toAbsolutePath() + ": " + problem, null, false, false);
    }
}
