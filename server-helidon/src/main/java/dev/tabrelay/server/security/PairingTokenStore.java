package dev.tabrelay.server.security;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Objects;

/**
 * The pairing token's home: {@code DATA_DIR/pairing-token}, 64 hex characters, mode 0600 (where the file system
 * is POSIX), written to a temporary file first and renamed, so no reader ever sees a partial token or a file with
 * wider permissions. Created on first use, the same across restarts, replaced by {@link #rotate()}.
 * <p>
 * A token fixed by {@code TABRELAY_PAIRING_TOKEN} wins over the file and cannot be rotated here. A rotation by
 * another process ({@code tabrelay token --rotate}) is picked up on the next check: the file is re-read when its
 * modification time or file key (inode) changes.
 */
public final class PairingTokenStore {

    public static final String FILE_NAME = "pairing-token";

    /** What the cached token was read from: a rename by another process changes the file key (inode) or time. */
    private record Stamp(FileTime modified, Object fileKey) {
    }

    private record Cached(PairingToken token, Stamp stamp) {
    }

    private final Path file;
    private final PairingToken fixed;
    private final SecureRandom random;
    private final Object lock = new Object();
    private Cached cached;

    /**
     * @param dataDir the data directory (created with mode 0700 when absent)
     * @param fixed   a token from the environment or config, or null to use the file
     */
    public PairingTokenStore(Path dataDir, PairingToken fixed, SecureRandom random) {
        this.file = dataDir.resolve(FILE_NAME);
        this.fixed = fixed;
        this.random = Objects.requireNonNull(random, "random");
    }

    public Path file() {
        return file;
    }

    /** True when the token comes from the environment/config, not the file. */
    public boolean isFixed() {
        return fixed != null;
    }

    /** The current token; creates the file on first use. */
    public PairingToken current() {
        if (fixed != null) {
            return fixed;
        }
        synchronized (lock) {
            try {
                Stamp stamp = stamp();
                if (cached != null && stamp != null && stamp.equals(cached.stamp())) {
                    return cached.token();
                }
                if (stamp == null) {
                    createIfAbsent();
                }
                PairingToken token = PairingToken.parse(Files.readString(file, StandardCharsets.UTF_8));
                cached = new Cached(token, stamp());
                return token;
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the pairing token " + file, e);
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException("the pairing token file " + file + " is corrupt (" + e.getMessage()
                        + "); delete it to get a new token, or run `tabrelay token --rotate`", e);
            }
        }
    }

    /** Replaces the token with a fresh one; everyone paired with the old one must pair again. */
    public PairingToken rotate() {
        if (fixed != null) {
            throw new IllegalStateException("the pairing token is fixed by TABRELAY_PAIRING_TOKEN; change it there");
        }
        synchronized (lock) {
            PairingToken token = PairingToken.generate(random);
            try {
                write(token, true);
                cached = new Cached(token, stamp());
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write the pairing token " + file, e);
            }
            return token;
        }
    }

    private void createIfAbsent() throws IOException {
        DataDirectory.create(file.getParent());
        write(PairingToken.generate(random), false);
    }

    /** Temp file (0600 from birth) then rename; without {@code replace}, a file another process made first wins. */
    private void write(PairingToken token, boolean replace) throws IOException {
        Path dir = file.getParent();
        Path temp = DataDirectory.isPosix(dir)
                ? Files.createTempFile(dir, ".pairing-token-", ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")))
                : Files.createTempFile(dir, ".pairing-token-", ".tmp");
        try {
            Files.writeString(temp, token.hex() + "\n", StandardCharsets.UTF_8);
            if (replace) {
                try {
                    Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
                }
            } else {
                try {
                    Files.createLink(file, temp); // fails if the file exists: never replaces a token silently
                } catch (UnsupportedOperationException e) {
                    Files.move(temp, file);
                }
            }
        } catch (FileAlreadyExistsException e) {
            // another process created it between our check and now: keep theirs
        } finally {
            Files.deleteIfExists(temp);
        }
    }

    private Stamp stamp() throws IOException {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
            return new Stamp(attributes.lastModifiedTime(), attributes.fileKey());
        } catch (NoSuchFileException e) {
            return null;
        }
    }
}
