package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.protocol.events.SelectedElement;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static dev.tabrelay.protocol.dialect.DialectFixtures.NOW;
import static dev.tabrelay.protocol.dialect.DialectFixtures.assertRoundTrip;
import static dev.tabrelay.protocol.dialect.DialectFixtures.envelopes;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The connector's other HTTP bodies, and the log entry a compatibility listener lists. */
class BrowserToolsHttpBodiesTest {

    private final BrowserToolsCurrentUrlBody currentUrl = new BrowserToolsCurrentUrlBody(LegacyJson.defaults(), envelopes());
    private final BrowserToolsSelectedElementBody selected = new BrowserToolsSelectedElementBody(LegacyJson.defaults(), envelopes());
    private final BrowserToolsScreenshotBody screenshot = new BrowserToolsScreenshotBody(LegacyJson.defaults(), envelopes());
    private final BrowserToolsLogBody log = new BrowserToolsLogBody(LegacyJson.defaults(), envelopes());

    @Test
    void currentUrlIsANavigationOfThatTab() throws FrameException {
        Message message = assertRoundTrip(currentUrl, "browsertools/current-url/current-url.json");
        assertEquals(new Navigation("https://app.example/orders", null, null, null), message.data());
        assertEquals("412", message.metadata().tabId());
        assertEquals("https://app.example/orders", message.metadata().url());
        assertEquals(1_742_409_159_500L, message.timestamp());
        assertEquals("browser-tools", message.metadata().source());
    }

    @Test
    void currentUrlNeedsANonEmptyUrl() {
        assertEquals(FrameError.MISSING_FIELD, assertThrows(FrameException.class, () -> currentUrl.decode("{\"tabId\":1}")).error());
        assertEquals(FrameError.INVALID_VALUE, assertThrows(FrameException.class, () -> currentUrl.decode("{\"url\":\"\"}")).error());
        assertEquals(FrameError.WRONG_FIELD_TYPE, assertThrows(FrameException.class,
                () -> currentUrl.decode("{\"url\":\"u\",\"source\":3}")).error());
    }

    @Test
    void selectedElementBodyCarriesTheElement() throws FrameException {
        Message message = assertRoundTrip(selected, "browsertools/selected-element/selected-element.json");
        SelectedElement element = ((ElementSelected) message.data()).element();
        assertEquals("BUTTON", element.tagName());
        assertEquals(Map.of("id", "save"), element.attributes());
        assertEquals(NOW, message.timestamp(), "the body has no timestamp: the clock's");
        assertEquals(FrameError.MISSING_FIELD, assertThrows(FrameException.class, () -> selected.decode("{}")).error());
    }

    @Test
    void screenshotBodyIsASuccessfulResponse() throws FrameException {
        Message message = assertRoundTrip(screenshot, "browsertools/screenshot/screenshot.json");
        assertEquals(new ScreenshotResponse(true, "/Users/me/shots", "data:image/png;base64,iVBORw0KGgo=", null, null, null),
                message.data());
        assertEquals(FrameError.MISSING_FIELD, assertThrows(FrameException.class, () -> screenshot.decode("{\"path\":\"/x\"}")).error());
        assertEquals(FrameError.INVALID_VALUE, assertThrows(FrameException.class, () -> screenshot.decode("{\"data\":\"\"}")).error());
        assertEquals(List.of(), screenshot.encode(Message.of("f", 1L, ScreenshotResponse.failed("no tab"))));
    }

    @Test
    void entryIsTheStoredLogShapeWithoutNulls() throws FrameException {
        Message warn = Message.of("w", 5L, new ConsoleLog("warn", "careful", null, null, null));
        assertEquals(Map.of("type", "console-log", "level", "warning", "message", "careful", "timestamp", 5L), log.entry(warn));
        Map<String, Object> request = log.entry(Message.of("n", 6L, new NetworkRequest("https://a", "GET", 200, null, null, null, null, null)));
        assertEquals(Map.of("type", "network-request", "url", "https://a", "method", "GET", "status", 200), request);
        Message element = selected.decode("{\"data\":{\"tagName\":\"A\"}}").message().orElseThrow();
        Map<?, ?> fields = (Map<?, ?>) log.entry(element).get("element");
        assertEquals(Map.of("tagName", "A"), fields);
        assertFalse(log.entry(element).containsValue(null));
        assertNull(log.entry(Message.of("h", 1L, Heartbeat.alive())));
    }
}
