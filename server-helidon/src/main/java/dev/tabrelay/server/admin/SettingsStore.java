package dev.tabrelay.server.admin;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.Optional;

/**
 * {@code server-config.json} in the data directory: the settings changed through the admin API. Saved
 * atomically (temp file in the same directory, fsync, atomic rename), so a crash leaves the old file or the new
 * one, never half of one. A file that cannot be read or holds invalid values stops start-up: silently falling
 * back to defaults would change how the server behaves without telling anyone.
 */
public final class SettingsStore {

    public static final String FILE_NAME = "server-config.json";

    private static final System.Logger LOG = System.getLogger(SettingsStore.class.getName());

    private final Path file;
    private final JsonAdapter<Object> json;

    public SettingsStore(Path dataDir) {
        this.file = dataDir.resolve(FILE_NAME);
        this.json = new Moshi.Builder().build().adapter(Object.class).indent("  ");
    }

    public Path file() {
        return file;
    }

    /** The persisted settings (fields may be missing), empty when there is no file. */
    public Optional<SettingsPatch> load() {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new SettingsFileException(file, "cannot read it: " + e);
        }
        if (text.isBlank()) {
            throw new SettingsFileException(file, "it is empty (delete it to use the defaults)");
        }
        Object value;
        try {
            value = json.fromJson(text);
        } catch (IOException | RuntimeException e) {
            throw new SettingsFileException(file, "not valid JSON: " + e.getMessage());
        }
        if (!(value instanceof Map<?, ?> map)) {
            throw new SettingsFileException(file, "must hold a JSON object, found " + (value == null ? "null" : "a " + kind(value)));
        }
        try {
            @SuppressWarnings("unchecked")
            Map<String, ?> values = (Map<String, ?>) map;
            return Optional.of(SettingsPatch.parse(values));
        } catch (InvalidSettingsException e) {
            throw new SettingsFileException(file, e.getMessage());
        }
    }

    /** Writes every setting; on failure the previous file is untouched and no temp file is left behind. */
    public void save(AdminSettings settings) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] bytes = (json.toJson(settings.toMap()) + "\n").getBytes(StandardCharsets.UTF_8);
        Path temp = Files.createTempFile(dir, FILE_NAME + ".", ".tmp");
        try {
            try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(bytes);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                throw new IOException("the file system of " + dir + " cannot rename atomically", e);
            }
        } finally {
            Files.deleteIfExists(temp);
        }
        syncDirectory(dir);
    }

    /** Makes the rename itself durable; not every platform lets a directory be opened, so best effort. */
    private static void syncDirectory(Path dir) {
        try (FileChannel channel = FileChannel.open(dir, StandardOpenOption.READ)) {
            channel.force(true);
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "cannot fsync directory " + dir + ": " + e);
        }
    }

    private static String kind(Object value) {
        if (value instanceof java.util.List<?>) {
            return "array";
        }
        return value instanceof String ? "string" : value instanceof Boolean ? "boolean" : "number";
    }
}
