package dev.tabrelay.server;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BrowserToolsCompatTest {

    TestRelay relay;

    @BeforeEach
    void start() {
        relay = new TestRelay();
    }

    @AfterEach
    void stop() {
        relay.close();
    }

    private void log(String json) {
        TestRelay.HttpResult result = relay.post("/extension-log", "{\"data\":" + json
                + ",\"settings\":{\"logLimit\":50,\"showRequestHeaders\":false,\"showResponseHeaders\":true}}");
        assertEquals(200, result.status());
        assertEquals(Map.of("status", "ok"), result.object());
    }

    @Test
    void identityMatchesTheConnectorSignature() {
        Map<String, Object> identity = relay.get("/.identity").object();
        assertEquals("mcp-browser-connector-24x7", identity.get("signature"));
        assertEquals("browser-tools-server", identity.get("name"));
        assertEquals((double) relay.server.port(), identity.get("port"));
        assertEquals("1.2.0", identity.get("version"));
        assertEquals(Integer.toString(relay.server.port()), relay.get("/.port").text());
    }

    @Test
    void corsIsOpenAsInBrowserTools() throws Exception {
        try (okhttp3.Response response = relay.http.newCall(new okhttp3.Request.Builder()
                .url(relay.base() + "/.identity").build()).execute()) {
            assertEquals("*", response.header("Access-Control-Allow-Origin"));
        }
    }

    @Test
    void extensionLogFeedsTheQueryEndpointsNewestKept() {
        for (int i = 0; i < 60; i++) {
            log("{\"type\":\"console-log\",\"level\":\"log\",\"message\":\"line " + i + "\",\"timestamp\":" + (1000 + i) + "}");
        }
        log("{\"type\":\"console-error\",\"level\":\"error\",\"message\":\"boom\",\"timestamp\":2000}");
        log("{\"type\":\"network-request\",\"url\":\"https://api/ok\",\"method\":\"GET\",\"status\":200,"
                + "\"requestHeaders\":[{\"name\":\"Authorization\",\"value\":\"x\"}],\"responseHeaders\":[{\"name\":\"Content-Type\",\"value\":\"text/plain\"}],"
                + "\"requestBody\":\"\",\"responseBody\":\"fine\",\"timestamp\":3000}");
        log("{\"type\":\"network-request\",\"url\":\"https://api/bad\",\"method\":\"POST\",\"status\":500,\"requestBody\":\"{}\",\"responseBody\":\"oops\",\"timestamp\":3001}");
        log("{\"type\":\"something-new\"}"); // unknown types are accepted and ignored, as BrowserTools did

        List<Object> logs = relay.get("/console-logs").array();
        assertEquals(50, logs.size(), "default limit is BrowserTools' logLimit");
        assertEquals("line 59", ((Map<?, ?>) logs.get(logs.size() - 1)).get("message"), "newest entries are kept");
        assertEquals("line 10", ((Map<?, ?>) logs.get(0)).get("message"), "returned oldest to newest");
        List<Object> five = relay.get("/console-logs?limit=5").array();
        assertEquals(5, five.size());
        assertEquals("line 55", ((Map<?, ?>) five.get(0)).get("message"));

        List<Object> errors = relay.get("/console-errors").array();
        assertEquals(1, errors.size());
        assertEquals("boom", ((Map<?, ?>) errors.get(0)).get("message"));

        Map<?, ?> ok = (Map<?, ?>) relay.get("/network-success").array().get(0);
        assertEquals("https://api/ok", ok.get("url"));
        assertFalse(ok.containsKey("requestHeaders"), "request headers hidden, as the settings asked");
        assertEquals(List.of(Map.of("name", "Content-Type", "value", "text/plain")), ok.get("responseHeaders"));
        Map<?, ?> bad = (Map<?, ?>) relay.get("/network-errors").array().get(0);
        assertEquals(500.0, bad.get("status"));
        assertEquals(2, relay.get("/all-xhr").array().size());

        Map<String, Object> wiped = relay.post("/wipelogs", null).object();
        assertEquals("All logs cleared successfully", wiped.get("message"));
        assertTrue(relay.get("/console-logs").array().isEmpty());
    }

    @Test
    void queryLimitKeepsTheNewestEntriesWithinTheCharacterBudget() {
        for (int i = 0; i < 10; i++) {
            log("{\"type\":\"console-log\",\"level\":\"log\",\"message\":\"" + "m".repeat(100) + i + "\"}");
        }
        List<Object> logs = relay.get("/console-logs?queryLimit=500").array();
        assertTrue(logs.size() >= 1 && logs.size() < 10, "budget applied: " + logs.size());
        assertTrue(((String) ((Map<?, ?>) logs.get(logs.size() - 1)).get("message")).endsWith("9"));
    }

    @Test
    void selectedElementAndCurrentUrl() {
        assertEquals(Map.of("message", "No element selected"), relay.get("/selected-element").object());
        relay.post("/selected-element", "{\"data\":{\"tagName\":\"DIV\",\"id\":\"main\",\"className\":\"c\",\"textContent\":\"t\","
                + "\"attributes\":[{\"name\":\"role\",\"value\":\"main\"}],\"dimensions\":{\"width\":10,\"height\":20,\"top\":1,\"left\":2},\"innerHTML\":\"<b>\"}}");
        Map<String, Object> element = relay.get("/selected-element").object();
        assertEquals("DIV", element.get("tagName"));
        assertEquals(List.of(Map.of("name", "role", "value", "main")), element.get("attributes"));

        TestRelay.HttpResult noUrl = relay.post("/current-url", "{}");
        assertEquals(400, noUrl.status());
        assertEquals(Map.of("status", "error", "message", "No URL provided"), noUrl.object());
        assertEquals(400, relay.post("/current-url", "{\"url\":\"\"}").status());
        Map<String, Object> first = relay.post("/current-url", "{\"url\":\"https://one\",\"tabId\":7,\"source\":\"tab_url_change\"}").object();
        assertEquals(true, first.get("updated"));
        assertEquals("7", first.get("tabId"));
        Map<String, Object> again = relay.post("/current-url", "{\"url\":\"https://one\",\"tabId\":7}").object();
        assertEquals(false, again.get("updated"));
        assertEquals("https://one", again.get("previousUrl"));
        assertEquals(Map.of("url", "https://one"), relay.get("/current-url").object());
        TestRelay.HttpResult noData = relay.post("/extension-log", "{}");
        assertEquals(400, noData.status());
        assertEquals(Map.of("status", "error", "message", "No data provided"), noData.object());
        TestRelay.HttpResult noElement = relay.post("/selected-element", "{}");
        assertEquals(Map.of("status", "error", "message", "No element provided"), noElement.object());

        relay.post("/wipelogs", null);
        assertEquals(Map.of("message", "No element selected"), relay.get("/selected-element").object(),
                "wiping clears the selected element too, as in BrowserTools");
    }

    @Test
    void legacyWebSocketFramesAreUnderstood() throws Exception {
        try (WsClient legacy = relay.connect("/extension-ws")) {
            legacy.awaitOpen();
            legacy.send("{\"type\":\"page-navigated\",\"url\":\"https://legacy.example/\",\"tabId\":42,\"timestamp\":" + System.currentTimeMillis() + "}");
            legacy.send("{\"type\":\"heartbeat\"}");
            assertEquals("heartbeat-response", legacy.next().get("type"));
            assertEquals(Map.of("url", "https://legacy.example/"), relay.get("/current-url").object());
            // Console data never travelled on the socket (docs/dialects.md): it is posted, and lands on the
            // tab the socket navigated. CDP's "warning" is canonical "warn", and "warning" again for the connector.
            log("{\"type\":\"console-log\",\"level\":\"warning\",\"message\":\"posted\",\"timestamp\":1}");
            Map<?, ?> entry = (Map<?, ?>) relay.get("/console-logs").array().get(0);
            assertEquals("posted", entry.get("message"));
            assertEquals("warning", entry.get("level"));
            assertEquals("42", entry.get("tabId"));
            Map<?, ?> stored = (Map<?, ?>) ((List<?>) relay.get("/v1/logs?tabId=42&type=console-log").object().get("data")).get(0);
            assertEquals("warn", ((Map<?, ?>) stored.get("data")).get("level"));
            assertEquals("browser-tools", ((Map<?, ?>) stored.get("metadata")).get("source"));

            CompletableFuture<TestRelay.HttpResult> capture = CompletableFuture.supplyAsync(() -> relay.post("/capture-screenshot", null));
            Map<String, Object> take = legacy.next();
            assertEquals("take-screenshot", take.get("type"));
            legacy.send("{\"type\":\"screenshot-data\",\"data\":\"" + ScreenshotTest.DATA_URL + "\",\"requestId\":\"" + take.get("requestId") + "\"}");
            Map<String, Object> saved = capture.get().object();
            assertTrue(((String) saved.get("filename")).endsWith(".png"));
        }
    }

    @Test
    void legacyPeerIsToldOfShutdownInItsDialect() {
        try (WsClient legacy = relay.connect("/extension-ws")) {
            legacy.awaitOpen();
            legacy.send("{\"type\":\"heartbeat\"}");
            assertEquals("heartbeat-response", legacy.next().get("type"));
            relay.server.stop();
            assertEquals(Map.of("type", "server-shutdown"), legacy.next());
        }
    }

    @Test
    void flatConsoleFramesOnTheSocketAreNotBrowserTools() {
        try (WsClient legacy = relay.connect("/extension-ws")) {
            legacy.awaitOpen();
            // The stand-in mapper accepted these; the dialect does not (the extension posts them over HTTP).
            legacy.send("{\"type\":\"console-log\",\"level\":\"log\",\"message\":\"flat\"}");
            Map<String, Object> error = legacy.awaitType("error");
            assertEquals("missing-field", TestRelay.data(error).get("code"));
            assertTrue(relay.get("/console-logs").array().isEmpty());
        }
    }

    @Test
    void screenshotRepliesAreMatchedByRequestId() throws Exception {
        try (WsClient legacy = relay.connect("/extension-ws")) {
            legacy.awaitOpen();
            legacy.send("{\"type\":\"heartbeat\"}");
            assertEquals("heartbeat-response", legacy.next().get("type"));
            CompletableFuture<TestRelay.HttpResult> capture = CompletableFuture.supplyAsync(() -> relay.post("/capture-screenshot", null));
            Map<String, Object> take = legacy.next();
            // BrowserTools resolved whichever capture was first; the dialect's requestId is the request's id.
            legacy.send("{\"type\":\"screenshot-data\",\"data\":\"" + ScreenshotTest.DATA_URL + "\",\"requestId\":\"someone-else\"}");
            legacy.send("{\"type\":\"screenshot-data\",\"data\":\"" + ScreenshotTest.DATA_URL + "\"}");
            assertFalse(capture.isDone());
            legacy.send("{\"type\":\"screenshot-error\",\"error\":\"DevTools is undocked\",\"requestId\":\"" + take.get("requestId") + "\"}");
            TestRelay.HttpResult failed = capture.get();
            assertEquals(500, failed.status());
            assertEquals(Map.of("error", "DevTools is undocked"), failed.object());
        }
    }

    @Test
    void currentUrlResponseOnTheSocketMovesTheCurrentUrl() {
        try (WsClient legacy = relay.connect("/extension-ws")) {
            legacy.awaitOpen();
            legacy.send("{\"type\":\"current-url-response\",\"url\":\"https://answered.example/\",\"tabId\":9,\"requestId\":\"r1\"}");
            legacy.send("{\"type\":\"heartbeat\"}");
            legacy.next();
            assertEquals(Map.of("url", "https://answered.example/"), relay.get("/current-url").object());
        }
    }

    @Test
    void statusZeroIsANetworkErrorAndLimitIsHonouredEverywhere() {
        for (int i = 0; i < 4; i++) {
            log("{\"type\":\"network-request\",\"url\":\"https://api/aborted" + i + "\",\"method\":\"GET\",\"status\":0}");
            log("{\"type\":\"network-request\",\"url\":\"https://api/ok" + i + "\",\"method\":\"GET\",\"status\":204}");
            log("{\"type\":\"console-error\",\"level\":\"error\",\"message\":\"e" + i + "\"}");
        }
        List<Object> errors = relay.get("/network-errors?limit=2").array();
        assertEquals(List.of("https://api/aborted2", "https://api/aborted3"), urls(errors), "newest two, oldest first");
        assertEquals(0.0, ((Map<?, ?>) errors.get(0)).get("status"));
        assertTrue(((String) ((Map<?, ?>) errors.get(0)).get("error")).contains("status 0"));
        assertEquals(List.of("https://api/ok3"), urls(relay.get("/network-success?limit=1").array()));
        assertEquals(List.of("https://api/aborted3", "https://api/ok3"), urls(relay.get("/all-xhr?limit=2").array()));
        List<Object> consoleErrors = relay.get("/console-errors?limit=3").array();
        assertEquals(List.of("e1", "e2", "e3"), consoleErrors.stream().map(e -> ((Map<?, ?>) e).get("message")).toList());
        assertEquals(400, relay.get("/console-logs?limit=many").status());
    }

    private static List<Object> urls(List<Object> entries) {
        return entries.stream().map(e -> (Object) ((Map<?, ?>) e).get("url")).toList();
    }

    @Test
    void panelScreenshotIsSavedInTheRelaysFolderOnly() throws Exception {
        java.nio.file.Path elsewhere = java.nio.file.Files.createTempDirectory("not-here");
        TestRelay.HttpResult result = relay.post("/screenshot", "{\"data\":\"" + ScreenshotTest.DATA_URL
                + "\",\"path\":\"" + elsewhere.toString().replace("\\", "/") + "\"}");
        assertEquals(200, result.status());
        java.nio.file.Path file = java.nio.file.Path.of((String) result.object().get("path"));
        assertEquals(relay.dataDir.resolve("screenshots").toAbsolutePath(), file.getParent());
        assertTrue(file.getFileName().toString().matches("screenshot-.*\\.png"), file.toString());
        assertEquals(file.getFileName().toString(), result.object().get("filename"));
        assertTrue(java.util.Arrays.equals(ScreenshotTest.PNG, java.nio.file.Files.readAllBytes(file)));
        try (var stream = java.nio.file.Files.list(elsewhere)) {
            assertEquals(0, stream.count(), "the body's folder is not honoured");
        }
        TestRelay.HttpResult missing = relay.post("/screenshot", "{\"path\":\"/tmp\"}");
        assertEquals(400, missing.status());
        assertEquals(Map.of("error", "Missing screenshot data"), missing.object());
    }

    @Test
    void captureWithoutExtensionIs503WithTheConnectorsBody() {
        TestRelay.HttpResult result = relay.post("/capture-screenshot", null);
        assertEquals(503, result.status());
        assertEquals(Map.of("error", "Chrome extension not connected"), result.object());
    }
}
