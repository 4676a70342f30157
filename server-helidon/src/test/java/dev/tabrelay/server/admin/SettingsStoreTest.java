package dev.tabrelay.server.admin;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SettingsStoreTest {

    @Test
    void saveThenLoadRoundTripsAndLeavesNoTempFiles() throws IOException {
        Path dir = Files.createTempDirectory("settings");
        SettingsStore store = new SettingsStore(dir);
        assertTrue(store.load().isEmpty(), "no file, no settings");
        AdminSettings first = new AdminSettings(3030, 5000, "drop", 4, 50, true);
        store.save(first);
        AdminSettings second = first.with(new SettingsPatch(null, 6000L, "queue", null, null, false));
        store.save(second); // replaces the file
        assertEquals(new SettingsPatch(3030, 6000L, "queue", 4, 50, false), store.load().orElseThrow());
        String text = Files.readString(store.file());
        assertTrue(text.startsWith("{\n  \"port\": 3030,"), text);
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(List.of(SettingsStore.FILE_NAME), files.map(p -> p.getFileName().toString()).toList());
        }
    }

    @Test
    void aFailedSaveKeepsTheOldFile() throws IOException {
        Path dir = Files.createTempDirectory("settings");
        SettingsStore store = new SettingsStore(dir);
        store.save(new AdminSettings(1, 2, "queue", 3, 4, false));
        // A directory where the file should go makes the rename fail.
        Path blocked = Files.createTempDirectory("blocked");
        Files.createDirectory(blocked.resolve(SettingsStore.FILE_NAME));
        Files.writeString(blocked.resolve(SettingsStore.FILE_NAME).resolve("x"), "keep");
        assertThrows(IOException.class, () -> new SettingsStore(blocked).save(new AdminSettings(1, 2, "queue", 3, 4, false)));
        try (Stream<Path> files = Files.list(blocked)) {
            assertEquals(List.of(SettingsStore.FILE_NAME), files.map(p -> p.getFileName().toString()).toList(),
                    "the temp file is cleaned up");
        }
        assertEquals(new SettingsPatch(1, 2L, "queue", 3, 4, false), store.load().orElseThrow());
    }

    @Test
    void partialFilesOnlySetWhatTheyName() throws IOException {
        Path dir = Files.createTempDirectory("settings");
        Files.writeString(dir.resolve(SettingsStore.FILE_NAME), "{\"maxQueueLength\": 2}");
        SettingsPatch patch = new SettingsStore(dir).load().orElseThrow();
        assertEquals(new SettingsPatch(null, null, null, 2, null, null), patch);
    }

    @Test
    void settingsValidateEveryField() {
        InvalidSettingsException e = assertThrows(InvalidSettingsException.class,
                () -> new AdminSettings(-1, 0, "lifo", -2, 0, false));
        assertEquals(5, e.reasons().size(), e.getMessage());
    }
}
