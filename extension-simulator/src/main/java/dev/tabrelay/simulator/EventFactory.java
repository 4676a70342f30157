package dev.tabrelay.simulator;

import dev.tabrelay.protocol.events.BodyPair;
import dev.tabrelay.protocol.events.ByteSizes;
import dev.tabrelay.protocol.events.ConsoleError;
import dev.tabrelay.protocol.events.ConsoleLog;
import dev.tabrelay.protocol.events.ElementBox;
import dev.tabrelay.protocol.events.ElementSelected;
import dev.tabrelay.protocol.events.EventPayload;
import dev.tabrelay.protocol.events.HeaderPair;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;
import dev.tabrelay.protocol.events.SelectedElement;

import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Realistic tab events for one page. Network events carry secrets in their headers (Authorization, Cookie,
 * X-Api-Key, Set-Cookie) on purpose, so redaction downstream can be tested. Not thread-safe: one per tab.
 */
final class EventFactory {

    /** The marker every generated secret starts with, so tests can look for leaks. */
    static final String SECRET_PREFIX = "sim-secret-";

    private static final List<String> LEVELS = List.of("log", "info", "warn", "debug");
    private static final List<String> MESSAGES = List.of("Loaded %d items", "Render took %d ms",
            "Cache miss for key user:%d", "Retrying request #%d", "Feature flag variant %d enabled");
    private static final List<String> PATHS = List.of("/api/items", "/api/user", "/static/app.js", "/graphql",
            "/api/search?q=shoes");
    private static final List<String> TAGS = List.of("button", "a", "input", "div", "img");

    private final String pageUrl;
    private final Random random;

    EventFactory(String pageUrl, long seed) {
        this.pageUrl = pageUrl;
        this.random = new Random(seed);
    }

    EventPayload next(EventKind kind) {
        return switch (kind) {
            case CONSOLE -> console();
            case NETWORK -> network();
            case ELEMENT -> element();
        };
    }

    private EventPayload console() {
        String source = origin() + "/static/app.js:" + (1 + random.nextInt(900)) + ":" + (1 + random.nextInt(80));
        if (random.nextInt(6) == 0) {
            return new ConsoleError("error", "TypeError: Cannot read properties of undefined (reading 'id')",
                    null, source, "TypeError: Cannot read properties of undefined\n    at render (" + source + ")");
        }
        String message = MESSAGES.get(random.nextInt(MESSAGES.size())).formatted(random.nextInt(1000));
        return new ConsoleLog(LEVELS.get(random.nextInt(LEVELS.size())), message, List.of(message), source, null);
    }

    private EventPayload network() {
        String url = origin() + PATHS.get(random.nextInt(PATHS.size()));
        String method = random.nextBoolean() ? "GET" : "POST";
        long duration = 5 + random.nextInt(800);
        HeaderPair headers = new HeaderPair(requestHeaders(), Map.of("content-type", "application/json",
                "set-cookie", "session=" + secret() + "; HttpOnly; Secure"));
        if (random.nextInt(5) == 0) {
            int status = random.nextBoolean() ? 500 : 404;
            return new NetworkError(url, method, status, status == 500 ? "Internal Server Error" : "Not Found",
                    "HTTP " + status, duration, headers, new BodyPair(null, "{\"error\":\"simulated\"}"));
        }
        String body = "{\"items\":[" + random.nextInt(100) + "]}";
        return new NetworkRequest(url, method, 200, "OK", duration,
                new ByteSizes(method.equals("POST") ? 64L : 0L, (long) body.length()), headers,
                new BodyPair(method.equals("POST") ? "{\"token\":\"" + secret() + "\"}" : null, body));
    }

    private Map<String, String> requestHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("accept", "application/json");
        headers.put("authorization", "Bearer " + secret());
        headers.put("cookie", "sid=" + secret() + "; theme=dark");
        headers.put("x-api-key", secret());
        headers.put("user-agent", "Mozilla/5.0 (X11; Linux x86_64) TabRelaySimulator");
        return headers;
    }

    private EventPayload element() {
        String tag = TAGS.get(random.nextInt(TAGS.size()));
        String id = tag + "-" + random.nextInt(50);
        return new ElementSelected(new SelectedElement(tag, id, "btn primary", Map.of("data-testid", id),
                new ElementBox(120.0, 32.0, (double) random.nextInt(700), (double) random.nextInt(1200)),
                Map.of("color", "rgb(255, 255, 255)", "display", "inline-block"), "<span>Go</span>", "Go",
                "//*[@id=\"" + id + "\"]", "#" + id));
    }

    private String secret() {
        byte[] bytes = new byte[8];
        random.nextBytes(bytes);
        return SECRET_PREFIX + HexFormat.of().formatHex(bytes);
    }

    private String origin() {
        java.net.URI uri = java.net.URI.create(pageUrl);
        return uri.getScheme() + "://" + uri.getAuthority();
    }
}
