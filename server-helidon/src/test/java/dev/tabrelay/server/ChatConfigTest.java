package dev.tabrelay.server;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ChatConfigTest {

    @Test
    void chatKeysFromFlagsAndEnvironment() {
        ServerConfig.Chat chat = ConfigLoader.load(List.of("--chat-relay-port", "3003", "--browcall-ports=8765:8766",
                        "--new-request-behavior", "DROP", "--max-queue-length", "5"),
                Map.of("TABRELAY_CHAT_TIMEOUT_MS", "2500", "TABRELAY_MAX_QUEUE_LENGTH", "9")).config().chat();
        assertEquals(3003, chat.chatRelayPort());
        assertEquals(8765, chat.browcallWsPort());
        assertEquals(8766, chat.browcallApiPort());
        assertEquals("drop", chat.newRequestBehavior());
        assertEquals(5, chat.maxQueueLength()); // flag beats environment
        assertEquals(Duration.ofMillis(2500), chat.timeout());
    }

    @Test
    void defaultsAndMistakes() {
        ServerConfig.Chat chat = ConfigLoader.load(List.of(), Map.of()).config().chat();
        assertNull(chat.chatRelayPort());
        assertNull(chat.browcallWsPort());
        assertEquals("queue", chat.newRequestBehavior());
        assertEquals(Duration.ofMinutes(2), chat.timeout());
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--browcall-ports", "8765"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--new-request-behavior", "wait"), Map.of()));
        assertThrows(IllegalArgumentException.class, () -> ConfigLoader.load(List.of("--max-queue-length", "-1"), Map.of()));
        assertTrue(ConfigLoader.usage().contains("--browcall-ports"));
        assertTrue(ConfigLoader.usage().contains("(NAME)"));
    }
}
