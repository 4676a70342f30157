package dev.tabrelay.server.security;

import dev.tabrelay.server.ConfigLoader;
import dev.tabrelay.server.RelayServer;
import dev.tabrelay.server.ServerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Start-up rules, the new options, and the token never being logged. */
class StartupSecurityTest {

    @TempDir
    Path dir;

    @Test
    void aNonLoopbackBindRefusesToStartWithoutPairing() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ServerConfig.builder().host("0.0.0.0").pairing(false).dataDir(dir).build());
        assertTrue(e.getMessage().contains("requires pairing"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--host", "192.0.2.10",
                "--pairing", "off"), Map.of()));
        ConfigLoader.load(List.of("--host", "127.0.0.1", "--pairing", "off"), Map.of()); // loopback: allowed
        ConfigLoader.load(List.of("--host", "0.0.0.0"), Map.of()); // pairing on by default: allowed
    }

    @Test
    void optionsFromFlagsEnvironmentAndFile() throws Exception {
        ServerConfig.Security flags = ConfigLoader.load(List.of("--extension-id", "aaaa", "--extension-id", "bbbb",
                "--allowed-host", "relay.lan", "--allowed-origin", "https://ui.example/", "--redact-header", "X-Api-Key",
                "--pairing", "off"), Map.of()).config().security();
        assertEquals(List.of("aaaa", "bbbb"), flags.extensionIds());
        assertEquals(List.of("relay.lan"), flags.allowedHosts());
        assertEquals(List.of("https://ui.example"), flags.allowedOrigins());
        assertEquals(List.of("X-Api-Key"), flags.redactHeaders());
        assertFalse(flags.pairing());

        String hex = "0123456789abcdef".repeat(4);
        ServerConfig.Security env = ConfigLoader.load(List.of(), Map.of("TABRELAY_EXTENSION_ID", "aaaa, cccc",
                "TABRELAY_PAIRING_TOKEN", hex)).config().security();
        assertEquals(List.of("aaaa", "cccc"), env.extensionIds());
        assertTrue(env.pairingToken().matches(hex));
        assertTrue(env.pairing());

        Path file = Files.writeString(dir.resolve("relay.properties"), "allowed-host=a.lan,b.lan\npairing=on\n");
        assertEquals(List.of("a.lan", "b.lan"), ConfigLoader.load(List.of("--config", file.toString()), Map.of())
                .config().security().allowedHosts());

        IllegalArgumentException flag = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(List.of("--pairing-token", hex), Map.of()));
        assertFalse(flag.getMessage().contains(hex));
        IllegalArgumentException bad = assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(List.of(), Map.of("TABRELAY_PAIRING_TOKEN", "secret-but-short")));
        assertFalse(bad.getMessage().contains("secret-but-short"), "a bad token is not echoed");
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--allowed-origin", "null"), Map.of()));
        assertThrows(IllegalArgumentException.class,
                () -> ConfigLoader.load(List.of("--extension-id", "chrome-extension://abc"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--pairing", "maybe"), Map.of()));
    }

    @Test
    void helpListsEveryNewOption() {
        String usage = ConfigLoader.usage();
        for (String option : List.of("--pairing VALUE", "--extension-id VALUE", "--allowed-host VALUE",
                "--allowed-origin VALUE", "--redact-header VALUE", "TABRELAY_PAIRING_TOKEN", "token [--rotate]")) {
            assertTrue(usage.contains(option), option + " missing from --help");
        }
        assertTrue(usage.contains("(default on)"));
    }

    @Test
    void theTokenIsNeverLoggedAndTheFixedOneIsUsed() {
        List<String> lines = new ArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                lines.add(String.valueOf(record.getMessage()) + " " + java.util.Arrays.toString(record.getParameters()));
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger root = Logger.getLogger("");
        root.addHandler(capture);
        try (RelayServer server = RelayServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(dir.resolve("data")).build())) {
            String token = server.pairingTokens().current().hex();
            assertTrue(lines.stream().anyMatch(l -> l.contains(PairingTokenStore.FILE_NAME)), "says where the token is: " + lines);
            assertTrue(lines.stream().noneMatch(l -> l.contains(token)), "the token was logged");
        } finally {
            root.removeHandler(capture);
        }
        String hex = "ab".repeat(32);
        try (RelayServer server = RelayServer.start(ServerConfig.builder().host("127.0.0.1").port(0)
                .dataDir(dir.resolve("fixed")).pairingToken(PairingToken.parse(hex)).build())) {
            assertEquals(hex, server.pairingTokens().current().hex());
            assertFalse(Files.exists(server.pairingTokens().file()));
        }
    }

    @Test
    void aWildcardBindStartsWithPairingAndChecksHosts() {
        try (SecureRelay relay = new SecureRelay(b -> b.host("0.0.0.0"))) {
            assertEquals(200, relay.get("/health").code());
            assertEquals(403, relay.get("/health", "Host", "203.0.113.9:" + relay.server.port()).code());
            assertNull(relay.get("/health").header("Access-Control-Allow-Origin"));
        }
    }
}
