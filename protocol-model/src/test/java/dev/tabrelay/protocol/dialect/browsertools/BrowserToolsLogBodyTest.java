package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.events.BodyPair;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementBox;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.HeaderPair;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tabrelay.protocol.dialect.DialectFixtures.NOW;
import static dev.tabrelay.protocol.dialect.DialectFixtures.assertRoundTrip;
import static dev.tabrelay.protocol.dialect.DialectFixtures.envelopes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrowserToolsLogBodyTest {

    private final BrowserToolsLogBody body = new BrowserToolsLogBody(LegacyJson.defaults(), envelopes());

    @Test
    void consoleLogMapsCdpWarningToWarn() throws FrameException {
        Message message = assertRoundTrip(body, "browsertools/log/console-log.json");
        assertEquals(new ConsoleLog("warn", "Deprecated API ... (truncated)", null, null, null), message.data());
        assertEquals(1_742_409_158_921L, message.timestamp());
        assertEquals("browser-tools", message.metadata().source());
    }

    @Test
    void consoleErrorRoundTrips() throws FrameException {
        assertEquals(new ConsoleError("error", "TypeError: x is undefined", null, null, null),
                assertRoundTrip(body, "browsertools/log/console-error.json").data());
    }

    @Test
    void successfulRequestIsANetworkRequest() throws FrameException {
        Message message = assertRoundTrip(body, "browsertools/log/network-request.json");
        assertEquals(new NetworkRequest("https://api.example/items", "GET", 200, null, null, null,
                new HeaderPair(Map.of("Accept", "application/json"), Map.of("Content-Type", "application/json")),
                new BodyPair("", "{\"items\":[]}")), message.data());
        assertEquals(NOW, message.timestamp(), "network entries carry no timestamp: the envelope gets the clock's");
    }

    @Test
    void failedRequestIsANetworkError() throws FrameException {
        NetworkError error = assertInstanceOf(NetworkError.class, assertRoundTrip(body, "browsertools/log/network-request-error.json").data());
        assertEquals(500, error.status());
        assertEquals("HTTP 500", error.error());
        assertEquals(Map.of(), error.headers().response());
    }

    @Test
    void statusZeroIsAnErrorNotASuccess() throws FrameException {
        Message message = body.decode("{\"data\":{\"type\":\"network-request\",\"url\":\"u\",\"method\":\"GET\",\"status\":0}}")
                .message().orElseThrow();
        assertInstanceOf(NetworkError.class, message.data());
    }

    @Test
    void repeatedHeadersAreJoined() throws FrameException {
        Message message = body.decode("{\"data\":{\"type\":\"network-request\",\"url\":\"u\",\"method\":\"GET\",\"status\":200,"
                + "\"responseHeaders\":[{\"name\":\"Set-Cookie\",\"value\":\"a=1\"},{\"name\":\"Set-Cookie\",\"value\":\"b=2\"}]}}")
                .message().orElseThrow();
        assertEquals(Map.of("Set-Cookie", "a=1, b=2"), ((NetworkRequest) message.data()).headers().response());
    }

    @Test
    void selectedElementRoundTrips() throws FrameException {
        ElementSelected selected = (ElementSelected) assertRoundTrip(body, "browsertools/log/selected-element.json").data();
        assertEquals("BUTTON", selected.element().tagName());
        assertEquals(Map.of("id", "save", "class", "btn primary"), selected.element().attributes());
        assertEquals(new ElementBox(120.0, 32.5, 400.0, 16.0), selected.element().dimensions());
        assertEquals("Save", selected.element().innerHTML());
    }

    @Test
    void pageNavigatedRoundTrips() throws FrameException {
        Message message = assertRoundTrip(body, "browsertools/log/page-navigated.json");
        assertEquals(new Navigation("https://app.example/", null, null, null), message.data());
        assertEquals("412", message.metadata().tabId());
    }

    @Test
    void missingDataAndUnknownTypesAreTyped() {
        assertEquals(FrameError.MISSING_FIELD, assertThrows(FrameException.class,
                () -> body.decode("{\"settings\":{}}")).error());
        assertEquals(FrameError.UNKNOWN_TYPE, assertThrows(FrameException.class,
                () -> body.decode("{\"data\":{\"type\":\"console-warn\",\"message\":\"m\"}}")).error());
        FrameException box = assertThrows(FrameException.class, () -> body.decode(
                "{\"data\":{\"type\":\"selected-element\",\"element\":{\"tagName\":\"A\",\"dimensions\":{\"width\":1}}}}"));
        assertEquals("$.data.element.dimensions.height", box.path());
    }

    @Test
    void typesWithoutALogEquivalentEncodeToNothing() {
        assertEquals(List.of(), body.encode(Message.of("h", 1L, Heartbeat.alive())));
    }
}
