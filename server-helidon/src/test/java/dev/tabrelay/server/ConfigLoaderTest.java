package dev.tabrelay.server;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ConfigLoaderTest {

    @Test
    void defaults() {
        ServerConfig config = ConfigLoader.load(List.of(), Map.of()).config();
        assertEquals("127.0.0.1", config.host());
        assertEquals(3025, config.port());
        assertEquals(Path.of("tabrelay-data"), config.dataDir());
        assertEquals(100, config.messagesPerSecond());
    }

    @Test
    void flagsBeatEnvironmentWhichBeatsTheFileWhichBeatsDefaults(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("tabrelay.properties");
        Files.writeString(file, "port=4000\nhost=0.0.0.0\nrate-limit=7\nheartbeat-interval-ms=900\n");
        Map<String, String> env = Map.of("TABRELAY_CONFIG", file.toString(), "TABRELAY_PORT", "5000", "TABRELAY_HOST", "localhost");
        ServerConfig config = ConfigLoader.load(List.of("--port", "6000"), env).config();
        assertEquals(6000, config.port());
        assertEquals("localhost", config.host());
        assertEquals(7, config.messagesPerSecond());
        assertEquals(Duration.ofMillis(900), config.heartbeatInterval());
        assertEquals(Path.of("tabrelay-data"), config.dataDir());
        ServerConfig viaFlag = ConfigLoader.load(List.of("--config=" + file, "--data-dir", "/tmp/x"), Map.of()).config();
        assertEquals(4000, viaFlag.port());
        assertEquals(Path.of("/tmp/x"), viaFlag.dataDir());
    }

    @Test
    void helpAndMistakes() {
        assertTrue(ConfigLoader.load(List.of("--help"), Map.of()).help());
        assertTrue(ConfigLoader.usage().contains("--port"));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--nope", "1"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--port"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--port", "x"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--port", "70000"), Map.of()));
        assertNull(ConfigLoader.load(List.of("--max-message-age-ms", "0"), Map.of()).config().maxMessageAge());
    }

    @Test
    void opsLeaseAndTunnelSettings() {
        ServerConfig.Ops defaults = ConfigLoader.load(List.of(), Map.of()).config().ops();
        assertEquals(Duration.ofSeconds(30), defaults.cdpTimeout());
        assertEquals(Duration.ofSeconds(120), defaults.annotationTimeout());
        assertEquals(Duration.ofSeconds(60), defaults.leaseTtl());
        assertNull(defaults.tunnelSecret());
        assertEquals("tabrelay-tunnel", defaults.tunnelAudience());

        String secret = "s".repeat(32);
        ServerConfig.Ops ops = ConfigLoader.load(List.of("--lease-ttl-ms", "900", "--lease-renew-after-ms", "300",
                "--cdp-timeout-ms", "1500", "--tunnel-audience", "my-relay"), Map.of("TABRELAY_TUNNEL_SECRET", secret,
                "TABRELAY_PAIRING_TOKEN", "ab".repeat(32))).config().ops();
        assertEquals(Duration.ofMillis(900), ops.leaseTtl());
        assertEquals(Duration.ofMillis(300), ops.leaseRenewAfter());
        assertEquals(Duration.ofSeconds(30), ops.leaseQueueWait());
        assertEquals(Duration.ofMillis(1500), ops.cdpTimeout());
        assertEquals(secret, ops.tunnelSecret());
        assertEquals("my-relay", ops.tunnelAudience());
        assertTrue(!ops.toString().contains(secret) && !ops.toString().contains("abab"), "secrets stay out of toString");

        assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(List.of("--tunnel-secret", "too-short"), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(List.of("--lease-ttl-ms", "1000", "--lease-renew-after-ms", "1000"), Map.of()));
    }
}
