package dev.tabrelay.server.compat;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.server.connection.Ids;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.events.EventHub;
import dev.tabrelay.server.events.EventStore;
import dev.tabrelay.server.events.LogQuery;
import dev.tabrelay.server.events.StoredEvent;
import dev.tabrelay.server.http.Images;
import dev.tabrelay.server.http.Json;
import dev.tabrelay.server.tabs.ScreenshotService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * The BrowserTools connector's HTTP API (browser-connector.ts v1.2.0) so its MCP server and extension work
 * unchanged. Differences on purpose: queries return the NEWEST entries (BrowserTools kept the oldest), honour
 * {@code limit} and {@code tabId}, and screenshots are matched to their request and saved under the data dir.
 * Bodies and error shapes are BrowserTools' own ({@code {"error":"..."}}), not the OpenAI shape.
 */
public final class BrowserToolsRoutes {

    /** Pseudo session for events posted over HTTP, which carry no socket. */
    public static final String HTTP_SESSION = "browsertools-http";
    public static final int DEFAULT_LIMIT = 50;
    public static final int DEFAULT_QUERY_CHARS = 30_000;

    private final EventHub hub;
    private final EventStore store;
    private final ScreenshotService screenshots;
    private final BrowserToolsMapper mapper;
    private final LegacyState state;
    private final Json json;
    private final Ids ids;
    private final Clock clock;
    private final Path screenshotDir;
    private final IntSupplier port;

    public BrowserToolsRoutes(EventHub hub, ScreenshotService screenshots, BrowserToolsMapper mapper,
                              LegacyState state, Json json, Ids ids, Clock clock, Path screenshotDir, IntSupplier port) {
        this.hub = hub;
        this.store = hub.store();
        this.screenshots = screenshots;
        this.mapper = mapper;
        this.state = state;
        this.json = json;
        this.ids = ids;
        this.clock = clock;
        this.screenshotDir = screenshotDir;
        this.port = port;
    }

    public void register(HttpRouting.Builder routing) {
        routing.get("/.identity", cors(this::identity))
                .get("/.port", cors((req, res) -> res.send(Integer.toString(port.getAsInt()))))
                .get("/console-logs", cors(list(Set.of("console-log"), null)))
                .get("/console-errors", cors(list(Set.of("console-error"), null)))
                .get("/network-errors", cors(list(Set.of("network-request", "network-error"), BrowserToolsRoutes::isError)))
                .get("/network-success", cors(list(Set.of("network-request"), e -> !isError(e))))
                .get("/all-xhr", cors(list(Set.of("network-request", "network-error"), null)))
                .get("/selected-element", cors(this::selectedElement))
                .post("/selected-element", cors(this::postSelectedElement))
                .post("/wipelogs", cors(this::wipe))
                .get("/current-url", cors((req, res) -> json.send(res, Map.of("url", state.currentUrl()))))
                .post("/current-url", cors(this::postCurrentUrl))
                .post("/capture-screenshot", cors(this::captureScreenshot))
                .post("/extension-log", cors(this::extensionLog))
                .options("/*", cors((req, res) -> res.status(Status.NO_CONTENT_204).send()));
    }

    /** BrowserTools ran cors() with no options; its extension posts from a chrome-extension:// origin. */
    private static Handler cors(Handler handler) {
        return (req, res) -> {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, "*");
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, "Content-Type");
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, "GET, POST, OPTIONS");
            handler.handle(req, res);
        };
    }

    private void identity(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("port", port.getAsInt());
        body.put("name", "browser-tools-server");
        body.put("version", "1.2.0");
        body.put("signature", "mcp-browser-connector-24x7");
        json.send(res, body);
    }

    private static boolean isError(StoredEvent event) {
        if (event.message().data() instanceof NetworkError) {
            return true;
        }
        NetworkRequest request = event.message().dataAs(NetworkRequest.class);
        return request != null && request.status() != null && request.status() >= 400;
    }

    /** Newest entries first from the store, returned oldest-to-newest as BrowserTools' arrays were. */
    private Handler list(Set<String> types, Predicate<StoredEvent> extra) {
        return (req, res) -> {
            int limit;
            int maxChars;
            try {
                limit = intParam(req, "limit", DEFAULT_LIMIT);
                maxChars = intParam(req, "queryLimit", DEFAULT_QUERY_CHARS);
            } catch (NumberFormatException e) {
                res.status(Status.BAD_REQUEST_400);
                json.send(res, Status.BAD_REQUEST_400, Map.of("error", "limit and queryLimit must be whole numbers"));
                return;
            }
            LogQuery query = new LogQuery(param(req, "tabId"), null, types, null, null, null, limit,
                    extra == null ? null : extra::test);
            List<StoredEvent> newestFirst = store.query(query).items();
            List<Object> kept = new ArrayList<>();
            int chars = 0;
            for (StoredEvent event : newestFirst) {
                Map<String, Object> entry = mapper.toLegacyEntry(event.message(), state.showRequestHeaders(),
                        state.showResponseHeaders());
                chars += json.write(entry).length();
                if (chars > maxChars && !kept.isEmpty()) {
                    break; // the character budget drops the OLDEST entries, unlike BrowserTools
                }
                kept.add(entry);
            }
            java.util.Collections.reverse(kept);
            json.send(res, kept);
        };
    }

    private void selectedElement(ServerRequest req, ServerResponse res) {
        List<StoredEvent> newest = store.query(new LogQuery(param(req, "tabId"), null, Set.of("element-selected"),
                null, null, null, 1, null)).items();
        if (newest.isEmpty()) {
            json.send(res, Map.of("message", "No element selected"));
        } else {
            json.send(res, mapper.element(newest.get(0).message().dataAs(ElementSelected.class).element()));
        }
    }

    private void postSelectedElement(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = body(req, res);
        if (body == null) {
            return;
        }
        Map<String, Object> flat = new LinkedHashMap<>();
        flat.put("type", "selected-element");
        flat.put("element", body.get("data"));
        Optional<Message> message = mapper.toCanonical(flat, ids.next("bt"), clock.millis());
        if (message.isEmpty()) {
            json.send(res, Status.BAD_REQUEST_400, Map.of("status", "error", "message", "No element provided"));
            return;
        }
        publish(message.get());
        json.send(res, Map.of("status", "ok"));
    }

    private void wipe(ServerRequest req, ServerResponse res) {
        store.clear(param(req, "tabId"));
        json.send(res, Map.of("status", "ok", "message", "All logs cleared successfully"));
    }

    private void postCurrentUrl(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = body(req, res);
        if (body == null) {
            return;
        }
        if (!(body.get("url") instanceof String url) || url.isEmpty()) {
            json.send(res, Status.BAD_REQUEST_400, Map.of("status", "error", "message", "No URL provided"));
            return;
        }
        String tabId = body.get("tabId") == null ? null : BrowserToolsMapper.stringish(body.get("tabId"));
        LegacyState.UrlUpdate update = state.updateUrl(url, tabId);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("status", "ok");
        out.put("url", update.url());
        out.put("tabId", update.tabId());
        out.put("previousUrl", update.previousUrl());
        out.put("updated", update.updated());
        json.send(res, out);
    }

    /** Navigation from any extension moves the connector's "current URL", as page-navigated did. */
    public void onNavigation(Message navigation) {
        Navigation nav = navigation.dataAs(Navigation.class);
        if (nav != null) {
            state.updateUrl(nav.url(), navigation.metadata().tabId());
        }
    }

    private void captureScreenshot(ServerRequest req, ServerResponse res) {
        ScreenshotService.Capture capture;
        try {
            capture = screenshots.capture(param(req, "tabId"), null, ScreenshotRequest.png()).get();
        } catch (ExecutionException e) {
            RequestFailure failure = RequestFailure.of(e);
            if (RequestFailure.NO_TARGET.equals(failure.code())) {
                json.send(res, Status.SERVICE_UNAVAILABLE_503, Map.of("error", "Chrome extension not connected"));
            } else {
                json.send(res, Status.INTERNAL_SERVER_ERROR_500, Map.of("error", failure.getMessage()));
            }
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            json.send(res, Status.INTERNAL_SERVER_ERROR_500, Map.of("error", "interrupted"));
            return;
        }
        try {
            Images.Decoded image = Images.decode(capture.response().base64(), "png");
            Files.createDirectories(screenshotDir);
            String stamp = Instant.ofEpochMilli(clock.millis()).toString().replace(':', '-').replace('.', '-');
            String filename = "screenshot-" + stamp + (image.mimeType().equals("image/jpeg") ? ".jpg" : ".png");
            Path file = screenshotDir.resolve(filename);
            // Several captures in one millisecond must not overwrite each other.
            for (int i = 1; Files.exists(file); i++) {
                file = screenshotDir.resolve(filename.replace("screenshot-", "screenshot-" + i + "-"));
            }
            Files.write(file, image.bytes());
            json.send(res, Map.of("path", file.toAbsolutePath().toString(), "filename", file.getFileName().toString()));
        } catch (IOException | IllegalArgumentException e) {
            json.send(res, Status.INTERNAL_SERVER_ERROR_500, Map.of("error", "could not save the screenshot: " + e.getMessage()));
        }
    }

    @SuppressWarnings("unchecked")
    private void extensionLog(ServerRequest req, ServerResponse res) {
        Map<String, Object> body = body(req, res);
        if (body == null) {
            return;
        }
        if (!(body.get("data") instanceof Map<?, ?> data)) {
            json.send(res, Status.BAD_REQUEST_400, Map.of("status", "error", "message", "No data provided"));
            return;
        }
        if (body.get("settings") instanceof Map<?, ?> settings) {
            state.headers(settings.get("showRequestHeaders") instanceof Boolean b ? b : null,
                    settings.get("showResponseHeaders") instanceof Boolean b ? b : null);
        }
        mapper.toCanonical((Map<String, Object>) data, ids.next("bt"), clock.millis()).ifPresent(message -> {
            if (message.data() instanceof Navigation nav) {
                state.updateUrl(nav.url(), message.metadata().tabId());
            }
            publish(message);
        });
        json.send(res, Map.of("status", "ok"));
    }

    /** HTTP-posted events carry no tab: they belong to the connector's current tab. */
    private void publish(Message message) {
        Metadata in = message.metadata();
        String tabId = in.tabId() != null ? in.tabId() : state.currentTabId() != null ? state.currentTabId() : "default";
        String url = in.url() != null ? in.url() : state.currentUrl().isEmpty() ? null : state.currentUrl();
        hub.publish(message.withMetadata(new Metadata(HTTP_SESSION, BrowserToolsMapper.SOURCE, null, tabId, url)));
    }

    private Map<String, Object> body(ServerRequest req, ServerResponse res) {
        try {
            return json.readObject(req.content().hasEntity() ? req.content().as(String.class) : "");
        } catch (Json.BadRequest e) {
            json.send(res, Status.BAD_REQUEST_400, Map.of("status", "error", "message", e.getMessage()));
            return null;
        }
    }

    private static String param(ServerRequest req, String name) {
        if (!req.query().contains(name)) {
            return null;
        }
        String value = req.query().get(name);
        return value == null || value.isBlank() ? null : value;
    }

    private static int intParam(ServerRequest req, String name, int fallback) {
        String value = param(req, name);
        return value == null ? fallback : Math.max(1, Integer.parseInt(value));
    }

}
