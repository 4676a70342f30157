package dev.tabrelay.conformance.extension;

import dev.tabrelay.simulator.Dialect;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Dialect detection from the first frame and path, and the tabrelay.extension list. */
class PeerWireTest {

    @Test
    void detectsEachDialectFromItsFirstFrame() {
        assertEquals(Dialect.CANONICAL, PeerWire.detect(
                "{\"id\":\"1\",\"type\":\"connection-init\",\"timestamp\":1,\"data\":{}}", true));
        assertEquals(Dialect.BROWCALL, PeerWire.detect("{\"type\":\"register\",\"data\":\"1001\"}", false));
        assertEquals(Dialect.CHAT_RELAY, PeerWire.detect("{\"type\":\"EXTENSION_READY\"}", false));
        assertEquals(Dialect.CHAT_RELAY, PeerWire.detect("{\"type\":\"CHAT_RESPONSE\"}", false), "any other path");
        assertEquals(Dialect.BROWSER_TOOLS, PeerWire.detect("{\"type\":\"page-navigated\",\"url\":\"https://x\"}", true));
        assertEquals(Dialect.CANONICAL, PeerWire.detect("not json", true), "garbage on /extension-ws is judged canonical");
    }

    @Test
    void parsesExtensionSpecs() {
        assertEquals(List.of(new ExtensionSpec.InProcess(Dialect.CANONICAL)), ExtensionSpec.parseList(null));
        assertEquals(List.of(new ExtensionSpec.InProcess(Dialect.BROWCALL), new ExtensionSpec.Jar(Dialect.CHAT_RELAY),
                        new ExtensionSpec.Wait("127.0.0.1", 3025), new ExtensionSpec.Wait("0.0.0.0", 0)),
                ExtensionSpec.parseList("simulator=browcall, simulator-jar=chat-relay,wait,wait=0.0.0.0:0"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionSpec.parse("simulator=klingon"));
        assertThrows(IllegalArgumentException.class, () -> ExtensionSpec.parse("extension"));
    }
}
