package dev.tabrelay.server.compat;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.Metadata;
import dev.tabrelay.protocol.codec.FrameError;
import dev.tabrelay.protocol.codec.FrameException;
import dev.tabrelay.protocol.dialect.Decoded;
import dev.tabrelay.protocol.dialect.DialectCodec;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.LegacyObject;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsCurrentUrlBody;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsLogBody;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsScreenshotBody;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsSelectedElementBody;
import dev.tabrelay.protocol.events.Navigation;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.ScreenshotRequest;
import dev.tabrelay.protocol.events.ScreenshotResponse;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.events.EventHub;
import dev.tabrelay.server.events.EventStore;
import dev.tabrelay.server.events.LogQuery;
import dev.tabrelay.server.events.StoredEvent;
import dev.tabrelay.server.http.Json;
import dev.tabrelay.server.tabs.ScreenshotService;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Handler;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.function.IntSupplier;
import java.util.function.Predicate;

/**
 * The BrowserTools connector's HTTP API (browser-connector.ts v1.2.0) so its MCP server and extension work
 * unchanged. Differences on purpose: queries return the NEWEST entries (BrowserTools kept the oldest), honour
 * {@code limit} and {@code tabId}, and screenshots are matched to their request and saved under the data dir.
 * Bodies and error shapes are BrowserTools' own ({@code {"error":"..."}}), not the OpenAI shape. Every posted body is
 * read by the protocol-model BrowserTools dialect ({@code dev.tabrelay.protocol.dialect.browsertools}); this class
 * only routes, answers and keeps the connector's current URL.
 */
public final class BrowserToolsRoutes {

    /** Pseudo session for events posted over HTTP, which carry no socket. */
    public static final String HTTP_SESSION = "browsertools-http";
    public static final int DEFAULT_LIMIT = 50;
    public static final int DEFAULT_QUERY_CHARS = 30_000;
    /** BrowserTools' body-parser limit; log bodies carry whole response bodies. */
    public static final int MAX_BODY_BYTES = 50 * 1024 * 1024;

    private final EventHub hub;
    private final EventStore store;
    private final ScreenshotService screenshots;
    private final LegacyState state;
    private final Json json;
    private final ScreenshotFiles files;
    private final IntSupplier port;
    private final LegacyJson bodies = LegacyJson.withMaxFrameBytes(MAX_BODY_BYTES);
    private final BrowserToolsLogBody logBody;
    private final DialectCodec currentUrlBody;
    private final DialectCodec selectedElementBody;
    private final DialectCodec screenshotBody;
    private final LegacyEntries entries;

    /** @param envelopes ids and clock for the canonical messages the bodies become */
    public BrowserToolsRoutes(EventHub hub, ScreenshotService screenshots, LegacyState state, Json json,
                              Envelopes envelopes, ScreenshotFiles files, IntSupplier port) {
        this.hub = hub;
        this.store = hub.store();
        this.screenshots = screenshots;
        this.state = state;
        this.json = json;
        this.files = files;
        this.port = port;
        this.logBody = new BrowserToolsLogBody(bodies, envelopes);
        this.currentUrlBody = new BrowserToolsCurrentUrlBody(bodies, envelopes);
        this.selectedElementBody = new BrowserToolsSelectedElementBody(bodies, envelopes);
        this.screenshotBody = new BrowserToolsScreenshotBody(bodies, envelopes);
        this.entries = new LegacyEntries(logBody);
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
                .post("/screenshot", cors(this::postScreenshot))
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

    /** As the dialect files them: HTTP errors and status 0 (failed or aborted), also from canonical extensions. */
    private static boolean isError(StoredEvent event) {
        if (event.message().data() instanceof NetworkError) {
            return true;
        }
        NetworkRequest request = event.message().dataAs(NetworkRequest.class);
        return request != null && request.status() != null && (request.status() >= 400 || request.status() == 0);
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
                Map<String, Object> entry = entries.entry(event.message(), state.showRequestHeaders(),
                        state.showResponseHeaders());
                chars += json.write(entry).length();
                if (chars > maxChars && !kept.isEmpty()) {
                    break; // the character budget drops the OLDEST entries, unlike BrowserTools
                }
                kept.add(entry);
            }
            Collections.reverse(kept);
            json.send(res, kept);
        };
    }

    private void selectedElement(ServerRequest req, ServerResponse res) {
        List<StoredEvent> newest = store.query(new LogQuery(param(req, "tabId"), null, Set.of("element-selected"),
                null, null, null, 1, null)).items();
        if (newest.isEmpty()) {
            json.send(res, Map.of("message", "No element selected"));
        } else {
            json.send(res, entries.element(newest.get(0).message()));
        }
    }

    private void postSelectedElement(ServerRequest req, ServerResponse res) {
        Message message = decode(selectedElementBody, req, res, "$.data", "No element provided");
        if (message != null) {
            publish(message);
            json.send(res, Map.of("status", "ok"));
        }
    }

    private void wipe(ServerRequest req, ServerResponse res) {
        store.clear(param(req, "tabId"));
        json.send(res, Map.of("status", "ok", "message", "All logs cleared successfully"));
    }

    /** Moves the connector's current URL only: background.js posts for any tab, so it is no navigation event. */
    private void postCurrentUrl(ServerRequest req, ServerResponse res) {
        Message message = decode(currentUrlBody, req, res, "$.url", "No URL provided");
        if (message == null) {
            return;
        }
        LegacyState.UrlUpdate update = state.updateUrl(message.dataAs(Navigation.class).url(), message.metadata().tabId());
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
            json.send(res, saved(files.save(capture.response().base64())));
        } catch (IOException | IllegalArgumentException e) {
            json.send(res, Status.INTERNAL_SERVER_ERROR_500, Map.of("error", "could not save the screenshot: " + e.getMessage()));
        }
    }

    /** The panel's own capture button. The body's folder is not honoured: files go to the relay's folder. */
    private void postScreenshot(ServerRequest req, ServerResponse res) {
        Message message;
        try {
            message = screenshotBody.decode(text(req)).message().orElseThrow();
        } catch (FrameException e) {
            String error = "$.data".equals(e.path()) ? "Missing screenshot data" : e.getMessage();
            json.send(res, Status.BAD_REQUEST_400, Map.of("error", error));
            return;
        }
        try {
            json.send(res, saved(files.save(message.dataAs(ScreenshotResponse.class).base64())));
        } catch (IllegalArgumentException e) {
            json.send(res, Status.BAD_REQUEST_400, Map.of("error", e.getMessage()));
        } catch (IOException e) {
            json.send(res, Status.INTERNAL_SERVER_ERROR_500, Map.of("error", "could not save the screenshot: " + e.getMessage()));
        }
    }

    private static Map<String, Object> saved(Path file) {
        return Map.of("path", file.toString(), "filename", file.getFileName().toString());
    }

    private void extensionLog(ServerRequest req, ServerResponse res) {
        Decoded decoded;
        try {
            LegacyObject body = bodies.parseObject(text(req));
            showHeaders(body);
            decoded = logBody.decode(body);
        } catch (FrameException e) {
            if (e.error() == FrameError.UNKNOWN_TYPE) {
                json.send(res, Map.of("status", "ok")); // BrowserTools answered ok and dropped it; so do we
            } else {
                refuse(res, e, "$.data", "No data provided");
            }
            return;
        }
        decoded.message().ifPresent(message -> {
            if (message.data() instanceof Navigation nav) {
                state.updateUrl(nav.url(), message.metadata().tabId());
            }
            publish(message);
        });
        json.send(res, Map.of("status", "ok"));
    }

    /**
     * Of the extension's settings only the header switches are kept, as query-time filters. Its limits are not
     * (the dialect drops the block): TabRelay's limits are its own, not whatever the last extension posted.
     */
    private void showHeaders(LegacyObject body) {
        try {
            LegacyObject settings = body.optObject("settings");
            if (settings != null) {
                state.headers(settings.optBoolean("showRequestHeaders"), settings.optBoolean("showResponseHeaders"));
            }
        } catch (FrameException e) {
            // a malformed settings block changes nothing; the data may still be fine
        }
    }

    /** Decodes a body that must map to a message, or answers 400 (with {@code missing} when that field is at fault). */
    private Message decode(DialectCodec codec, ServerRequest req, ServerResponse res, String field, String missing) {
        try {
            return codec.decode(text(req)).message().orElseThrow();
        } catch (FrameException e) {
            refuse(res, e, field, missing);
            return null;
        }
    }

    /** BrowserTools' 400 shape; its own message when the key field is absent or unusable, else the dialect's. */
    private void refuse(ServerResponse res, FrameException e, String field, String missing) {
        String message = field.equals(e.path()) ? missing : e.getMessage();
        json.send(res, Status.BAD_REQUEST_400, Map.of("status", "error", "message", message));
    }

    /** HTTP-posted events carry no tab: they belong to the connector's current tab. */
    private void publish(Message message) {
        Metadata in = message.metadata();
        String tabId = in.tabId() != null ? in.tabId() : state.currentTabId() != null ? state.currentTabId() : "default";
        String url = in.url() != null ? in.url() : state.currentUrl().isEmpty() ? null : state.currentUrl();
        hub.publish(message.withMetadata(new Metadata(HTTP_SESSION, in.source(), in.version(), tabId, url)));
    }

    /** The body as text; none counts as {@code {}}, so a missing field gets BrowserTools' own message. */
    private static String text(ServerRequest req) {
        String text = req.content().hasEntity() ? req.content().as(String.class) : "";
        return text.isBlank() ? "{}" : text;
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
