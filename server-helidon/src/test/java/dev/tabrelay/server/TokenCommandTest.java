package dev.tabrelay.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code tabrelay token [--rotate]}. */
class TokenCommandTest {

    @TempDir
    Path dir;

    private record Run(int code, String out, String err) {
    }

    private Run run(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void printsCreatesAndRotatesTheToken() throws Exception {
        String data = dir.resolve("data").toString();
        Run first = run(Map.of(), "token", "--data-dir", data);
        assertEquals(0, first.code(), first.err());
        String token = first.out().strip();
        assertTrue(token.matches("[0-9a-f]{64}"), token);
        assertEquals(token, Files.readString(dir.resolve("data/pairing-token")).strip());
        assertEquals(token, run(Map.of(), "token", "--data-dir", data).out().strip(), "stable");

        Run rotated = run(Map.of(), "token", "--rotate", "--data-dir", data);
        assertEquals(0, rotated.code());
        assertNotEquals(token, rotated.out().strip());
        assertEquals(rotated.out().strip(), Files.readString(dir.resolve("data/pairing-token")).strip());
        assertTrue(!rotated.err().contains(rotated.out().strip()), "stderr names the file, not the token");
    }

    @Test
    void theEnvironmentTokenWinsAndCannotBeRotatedHere() {
        String hex = "cd".repeat(32);
        Map<String, String> env = Map.of("TABRELAY_PAIRING_TOKEN", hex, "TABRELAY_DATA_DIR", dir.toString());
        assertEquals(hex, run(env, "token").out().strip());
        Run rotate = run(env, "token", "--rotate");
        assertEquals(1, rotate.code());
        assertTrue(rotate.err().contains("TABRELAY_PAIRING_TOKEN"), rotate.err());
        assertEquals(2, run(Map.of(), "token", "--no-such-flag").code());
    }
}
