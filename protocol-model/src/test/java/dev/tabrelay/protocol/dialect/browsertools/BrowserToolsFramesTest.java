package dev.tabrelay.protocol.dialect.browsertools;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.ErrorFrame;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectFixtures;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import org.junit.jupiter.api.Test;

import java.util.List;

import static dev.tabrelay.protocol.dialect.DialectFixtures.assertRoundTrip;
import static dev.tabrelay.protocol.dialect.DialectFixtures.assertSameJson;
import static dev.tabrelay.protocol.dialect.DialectFixtures.envelopes;
import static dev.tabrelay.protocol.dialect.DialectFixtures.mapped;
import static dev.tabrelay.protocol.dialect.DialectFixtures.read;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

class BrowserToolsFramesTest {

    private final BrowserToolsServerFrames server = new BrowserToolsServerFrames(LegacyJson.defaults(), envelopes());
    private final BrowserToolsExtensionFrames extension = new BrowserToolsExtensionFrames(LegacyJson.defaults(), envelopes());

    @Test
    void takeScreenshotUsesTheRequestIdAsMessageId() throws FrameException {
        Message message = assertRoundTrip(server, "browsertools/server/take-screenshot.json");
        assertEquals("1743447962181", message.id());
        assertEquals(new ScreenshotRequest("png", null, false, null), message.data());
    }

    @Test
    void serverShutdownIsConnectionClose() throws FrameException {
        Message message = assertRoundTrip(server, "browsertools/server/server-shutdown.json");
        assertEquals("server-shutdown", assertInstanceOf(ConnectionClose.class, message.data()).reason());
    }

    @Test
    void heartbeatResponseIsAHeartbeat() throws FrameException {
        assertInstanceOf(Heartbeat.class, assertRoundTrip(server, "browsertools/server/heartbeat-response.json").data());
    }

    @Test
    void getCurrentUrlIsIgnored() throws FrameException {
        Decoded.Ignored ignored = assertInstanceOf(Decoded.Ignored.class, server.decode(read("browsertools/server/get-current-url.json")));
        assertEquals("1743447962200", ignored.requestId());
    }

    @Test
    void extensionHeartbeatRoundTrips() throws FrameException {
        assertInstanceOf(Heartbeat.class, assertRoundTrip(extension, "browsertools/extension/heartbeat.json").data());
    }

    @Test
    void pageNavigatedCarriesTabAndTimeInTheEnvelope() throws FrameException {
        Message message = assertRoundTrip(extension, "browsertools/extension/page-navigated.json");
        assertEquals(new Navigation("https://app.example/dashboard", null, null, null), message.data());
        assertEquals("412", message.metadata().tabId());
        assertEquals("https://app.example/dashboard", message.metadata().url());
        assertEquals(1_742_409_158_921L, message.timestamp());
    }

    @Test
    void screenshotDataAnswersTheRequestById() throws FrameException {
        Message message = assertRoundTrip(extension, "browsertools/extension/screenshot-data.json");
        assertEquals("1743447962181", message.id());
        assertEquals(new ScreenshotResponse(true, "/Users/me/shots", "data:image/png;base64,iVBORw0KGgo=", null, null, null),
                message.data());
    }

    @Test
    void bareBase64IsSentAsADataUrl() {
        List<String> frames = extension.encode(Message.of("r1", 1L, new ScreenshotResponse(true, null, "iVBOR", null, null, null)));
        assertSameJson("{\"type\":\"screenshot-data\",\"data\":\"data:image/png;base64,iVBOR\",\"requestId\":\"r1\",\"autoPaste\":false}",
                frames.get(0));
        assertThrows(IllegalArgumentException.class,
                () -> extension.encode(Message.of("r1", 1L, new ScreenshotResponse(true, null, null, null, null, null))));
    }

    @Test
    void screenshotErrorRoundTrips() throws FrameException {
        Message message = assertRoundTrip(extension, "browsertools/extension/screenshot-error.json");
        assertEquals(ScreenshotResponse.failed("No inspected window"), message.data());
    }

    @Test
    void currentUrlResponseIsANavigationOrAnError() throws FrameException {
        Message navigation = mapped(extension, "browsertools/extension/current-url-response.json");
        assertEquals("1743447962200", navigation.id());
        assertEquals("https://app.example/settings", ((Navigation) navigation.data()).url());
        assertEquals("412", navigation.metadata().tabId());
        // Decode only: a navigation goes back out as page-navigated.
        assertSameJson("{\"type\":\"page-navigated\",\"url\":\"https://app.example/settings\",\"tabId\":412,\"timestamp\":"
                + DialectFixtures.NOW + "}", extension.encode(navigation).get(0));

        Message error = mapped(extension, "browsertools/extension/current-url-response-error.json");
        assertEquals(ErrorFrame.of("current-url-failed", "Tab not found", "1743447962200"), error.data());
        assertEquals(List.of(), extension.encode(error));
    }

    @Test
    void malformedFramesAreTyped() {
        assertEquals(FrameError.MISSING_FIELD, refusal("{\"type\":\"page-navigated\",\"tabId\":1}"));
        assertEquals(FrameError.WRONG_FIELD_TYPE, refusal("{\"type\":\"screenshot-data\",\"data\":{},\"requestId\":\"1\"}"));
        assertEquals(FrameError.WRONG_FIELD_TYPE, refusal("{\"type\":\"page-navigated\",\"url\":\"u\",\"tabId\":true}"));
        assertEquals(FrameError.UNKNOWN_TYPE, refusal("{\"type\":\"take-screenshot\",\"requestId\":\"1\"}"));
    }

    private FrameError refusal(String text) {
        return assertThrows(FrameException.class, () -> extension.decode(text)).error();
    }
}
