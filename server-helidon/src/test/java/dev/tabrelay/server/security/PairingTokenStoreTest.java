package dev.tabrelay.server.security;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

class PairingTokenStoreTest {

    @TempDir
    Path root;

    @Test
    void createdOwnerOnlyAndStableAcrossRestarts() throws Exception {
        Path data = root.resolve("data");
        PairingToken first = new PairingTokenStore(data, null, new SecureRandom()).current();
        Path file = data.resolve(PairingTokenStore.FILE_NAME);
        assertEquals(first.hex() + "\n", Files.readString(file, StandardCharsets.UTF_8));
        assertEquals(64, first.hex().length());
        requirePosix(root);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(data)));
        try (var leftovers = Files.list(data)) {
            assertEquals(1, leftovers.count(), "no temporary file left behind");
        }

        PairingToken again = new PairingTokenStore(data, null, new SecureRandom()).current(); // a restart
        assertEquals(first.hex(), again.hex());
    }

    @Test
    void rotationReplacesTheFileAndOtherStoresSeeIt() throws Exception {
        PairingTokenStore server = new PairingTokenStore(root, null, new SecureRandom());
        PairingToken old = server.current();
        PairingTokenStore cli = new PairingTokenStore(root, null, new SecureRandom()); // `tabrelay token --rotate`
        PairingToken rotated = cli.rotate();
        assertNotEquals(old.hex(), rotated.hex());
        assertEquals(rotated.hex(), server.current().hex(), "the running server picks the new file up");
        assertTrue(server.current().matches(rotated.hex()));
        assertFalse(server.current().matches(old.hex()));
        if (DataDirectory.isPosix(root)) {
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(server.file())));
        }
    }

    @Test
    void aFixedTokenWinsAndCannotBeRotated() {
        PairingToken fixed = PairingToken.parse("ab".repeat(32));
        PairingTokenStore store = new PairingTokenStore(root, fixed, new SecureRandom());
        assertEquals(fixed.hex(), store.current().hex());
        assertFalse(Files.exists(store.file()), "no file is written for a fixed token");
        assertThrows(IllegalStateException.class, store::rotate);
    }

    @Test
    void aCorruptFileIsReportedNotReplaced() throws Exception {
        Files.writeString(root.resolve(PairingTokenStore.FILE_NAME), "not a token");
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> new PairingTokenStore(root, null, new SecureRandom()).current());
        assertTrue(e.getMessage().contains("corrupt"), e.getMessage());
        assertEquals("not a token", Files.readString(root.resolve(PairingTokenStore.FILE_NAME)));
    }

    @Test
    void anExistingDataDirectoryKeepsItsMode() throws Exception {
        requirePosix(root);
        Path shared = Files.createDirectory(root.resolve("shared"),
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwxr-xr-x")));
        new PairingTokenStore(shared, null, new SecureRandom()).current();
        assertEquals("rwxr-xr-x", PosixFilePermissions.toString(Files.getPosixFilePermissions(shared)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(shared.resolve(PairingTokenStore.FILE_NAME))));
    }

    /** Owner-only modes need a POSIX file system: skipped elsewhere, but never under CI=true (Linux, always POSIX). */
    private static void requirePosix(java.nio.file.Path root) {
        boolean posix = DataDirectory.isPosix(root);
        if (!posix && "true".equalsIgnoreCase(System.getenv("CI"))) {
            org.junit.jupiter.api.Assertions.fail("CI=true but " + root + " is not on a POSIX file system");
        }
        assumeTrue(posix, "owner-only modes need a POSIX file system");
    }
}
