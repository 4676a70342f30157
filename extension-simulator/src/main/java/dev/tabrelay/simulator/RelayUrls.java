package dev.tabrelay.simulator;

import java.net.URI;

/** Turns the relay's base URL (http or ws) into WebSocket URLs. */
final class RelayUrls {

    private RelayUrls() {
    }

    static String ws(String base, String path) {
        URI uri = URI.create(base);
        String scheme = switch (uri.getScheme()) {
            case "https", "wss" -> "wss";
            default -> "ws";
        };
        return scheme + "://" + uri.getAuthority() + path;
    }

    /** An HTTP URL on the relay (for the BrowserTools log endpoint). */
    static String http(String base, String path) {
        URI uri = URI.create(base);
        String scheme = switch (uri.getScheme()) {
            case "https", "wss" -> "https";
            default -> "http";
        };
        return scheme + "://" + uri.getAuthority() + path;
    }

    /** The same host with another port, for the legacy listeners. */
    static String ws(String base, int port, String path) {
        URI uri = URI.create(base);
        return ws(uri.getScheme() + "://" + uri.getHost() + ":" + port, path);
    }
}
