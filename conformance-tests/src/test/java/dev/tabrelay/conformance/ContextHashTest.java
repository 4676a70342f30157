package dev.tabrelay.conformance;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

class ContextHashTest {

    @Test
    void sameContentSameHashAnyChangeAnotherHash(@TempDir Path a, @TempDir Path b) throws Exception {
        for (Path dir : new Path[] {a, b}) {
            Files.createDirectories(dir.resolve("app"));
            Files.writeString(dir.resolve("Dockerfile"), "FROM scratch\n");
            Files.writeString(dir.resolve("app/x.jar"), "jar");
        }
        assertEquals(ContextHash.of(a), ContextHash.of(b));

        Files.writeString(b.resolve("app/x.jar"), "jar2");
        assertNotEquals(ContextHash.of(a), ContextHash.of(b));

        Files.writeString(b.resolve("app/x.jar"), "jar");
        Files.move(b.resolve("app/x.jar"), b.resolve("app/y.jar"));
        assertNotEquals(ContextHash.of(a), ContextHash.of(b));
    }
}
