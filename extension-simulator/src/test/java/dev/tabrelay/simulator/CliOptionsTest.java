package dev.tabrelay.simulator;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CliOptionsTest {

    @Test
    void helpPrintsUsage() throws InterruptedException {
        List<String> out = new ArrayList<>();
        assertEquals(0, Main.run(new String[]{"--help"}, out::add, out::add));
        String text = String.join("\n", out);
        for (String flag : List.of("--url", "--tabs", "--dialect", "--chat", "--chunks", "--chunk-delay-ms",
                "--events-per-second", "--screenshot", "--duration-s", "--malformed-frames")) {
            assertTrue(text.contains(flag), flag);
        }
    }

    @Test
    void badArgumentsExitWithTwo() throws InterruptedException {
        List<String> err = new ArrayList<>();
        assertEquals(2, Main.run(new String[]{"--dialect", "smoke-signals"}, s -> { }, err::add));
        assertTrue(err.get(0).contains("unknown dialect"));
    }

    @Test
    void flagsBecomeSettings() {
        CliOptions options = CliOptions.parse(new String[]{"--url", "http://h:1", "--tabs", "3", "--dialect",
                "chat-relay", "--chat", "fixed:hi there", "--chunks", "3", "--chunk-delay-ms", "5",
                "--events-per-second", "3", "--screenshot", "64x32", "--duration-s", "2",
                "--disconnect-after", "7", "--malformed-frames", "1"});
        Simulator.Settings s = options.builder().build().settings();
        assertEquals("http://h:1", s.url());
        assertEquals(3, s.tabs().size());
        assertEquals(Dialect.CHAT_RELAY, s.dialect());
        assertEquals(ChatBehaviour.fixed("hi there").inChunks(3, Duration.ofMillis(5)), s.chat());
        assertEquals(3, s.events().size());
        assertEquals(64, s.screenshotWidth());
        assertEquals(32, s.screenshotHeight());
        assertEquals(7, s.faults().disconnectAfter());
        assertEquals(1, s.faults().malformedFrames());
        assertEquals(Duration.ofSeconds(2), options.duration());
        assertTrue(s.cdp(), "tabs answer CDP unless --no-cdp");
        assertFalse(CliOptions.parse(new String[]{"--no-cdp"}).builder().build().settings().cdp());
    }

    @Test
    void chunksConcatenateToTheAnswer() {
        assertEquals(List.of("ab", "cd", "ef"), ChatBehaviour.split("abcdef", 3));
        assertEquals(List.of("a", "b"), ChatBehaviour.split("ab", 5));
        assertEquals(List.of(""), ChatBehaviour.split("", 3));
    }

    @Test
    void pngHasTheAskedSize() throws Exception {
        byte[] png = PngImages.render(17, 9, "x");
        var image = javax.imageio.ImageIO.read(new java.io.ByteArrayInputStream(png));
        assertEquals(17, image.getWidth());
        assertEquals(9, image.getHeight());
    }
}
