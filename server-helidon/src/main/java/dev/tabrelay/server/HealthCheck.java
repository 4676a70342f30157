package dev.tabrelay.server;

import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;

/**
 * {@code tabrelay-server.jar --healthcheck}: one GET of {@code /health} on the configured port, for Docker's
 * HEALTHCHECK (a scratch image has no curl). Uses HttpURLConnection because java.net.http is not in the image's
 * jlink runtime.
 */
final class HealthCheck {

    private final Duration timeout;

    HealthCheck(Duration timeout) {
        this.timeout = timeout;
    }

    /** The URL a local probe should use: wildcard binds are reached through loopback. */
    static URI healthUri(ServerConfig config) {
        String host = switch (config.host()) {
            case "0.0.0.0", "" -> "127.0.0.1";
            case "::", "[::]", "::0" -> "[::1]";
            default -> config.host().contains(":") && !config.host().startsWith("[")
                    ? "[" + config.host() + "]" : config.host();
        };
        return URI.create("http://" + host + ":" + config.port() + "/health");
    }

    /** Returns the process exit code: 0 when the server answers 200, else 1 (with the reason on stderr). */
    int probe(URI uri) {
        HttpURLConnection connection = null;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout((int) timeout.toMillis());
            connection.setReadTimeout((int) timeout.toMillis());
            int status = connection.getResponseCode();
            if (status == 200) {
                return 0;
            }
            System.err.println("tabrelay: unhealthy: " + uri + " answered HTTP " + status);
            return 1;
        } catch (IOException | RuntimeException e) {
            System.err.println("tabrelay: unhealthy: " + uri + ": " + e);
            return 1;
        } finally {
            if (connection != null) {
                connection.disconnect();
            }
        }
    }
}
