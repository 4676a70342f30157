package dev.tabrelay.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Creates the data directory owner-only (0700) where the file system is POSIX. An existing directory keeps its
 * permissions (it may be a shared one the user chose); the secrets inside are 0600 files anyway.
 */
public final class DataDirectory {

    private DataDirectory() {
    }

    public static void create(Path dir) {
        if (Files.isDirectory(dir)) {
            return;
        }
        try {
            Path parent = dir.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            if (isPosix(parent == null ? dir.toAbsolutePath() : parent)) {
                Files.createDirectories(dir, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } else {
                Files.createDirectories(dir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the data directory " + dir, e);
        }
    }

    static boolean isPosix(Path path) {
        return path.getFileSystem().supportedFileAttributeViews().contains("posix");
    }
}
