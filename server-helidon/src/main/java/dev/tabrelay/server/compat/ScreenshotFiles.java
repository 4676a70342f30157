package dev.tabrelay.server.compat;

import dev.tabrelay.server.http.Images;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Instant;

/**
 * Writes screenshots the way BrowserTools named them ({@code screenshot-<ISO with : and . as ->.png}), but always
 * into one folder of the relay's: a client-chosen folder let any web page write files anywhere (and worse).
 */
public final class ScreenshotFiles {

    private final Path folder;
    private final Clock clock;

    public ScreenshotFiles(Path folder, Clock clock) {
        this.folder = folder;
        this.clock = clock;
    }

    /**
     * Saves a data URL or bare base64 image; never overwrites another capture of the same millisecond.
     *
     * @throws IllegalArgumentException when the data is not a base64 image
     */
    public Path save(String base64OrDataUrl) throws IOException {
        Images.Decoded image = Images.decode(base64OrDataUrl, "png");
        Files.createDirectories(folder);
        String stamp = Instant.ofEpochMilli(clock.millis()).toString().replace(':', '-').replace('.', '-');
        String extension = image.mimeType().equals("image/jpeg") ? ".jpg" : ".png";
        for (int i = 0; ; i++) {
            Path file = folder.resolve("screenshot-" + (i == 0 ? "" : i + "-") + stamp + extension);
            try {
                // CREATE_NEW, not exists-then-write: two concurrent saves must not pick the same name.
                Files.write(file, image.bytes(), StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE);
                return file.toAbsolutePath();
            } catch (FileAlreadyExistsException taken) {
                // try the next suffix
            }
        }
    }
}
