package dev.tabrelay.server.admin;

import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * The admin page: three plain files from the classpath ({@code /admin/index.html}, {@code admin.css},
 * {@code admin.js}), no build step. Read once at start-up so a missing file fails the build's tests, not a user.
 */
public final class AdminPage {

    private final byte[] html = read("index.html");
    private final byte[] css = read("admin.css");
    private final byte[] js = read("admin.js");

    public void register(HttpRouting.Builder routing) {
        routing.get("/admin", (req, res) -> send(res, html, "text/html; charset=utf-8"))
                .get("/admin/", (req, res) -> send(res, html, "text/html; charset=utf-8"))
                .get("/admin/index.html", (req, res) -> send(res, html, "text/html; charset=utf-8"))
                .get("/admin/admin.css", (req, res) -> send(res, css, "text/css; charset=utf-8"))
                .get("/admin/admin.js", (req, res) -> send(res, js, "text/javascript; charset=utf-8"));
    }

    private static void send(ServerResponse res, byte[] body, String type) {
        res.header(HeaderNames.CONTENT_TYPE, type)
                .header(HeaderNames.CACHE_CONTROL, "no-store") // the page must match the server that serves it
                .header(HeaderNames.create("X-Frame-Options"), "DENY")
                .header(HeaderNames.create("Content-Security-Policy"),
                        "default-src 'self'; frame-ancestors 'none'; base-uri 'none'")
                .send(body);
    }

    private static byte[] read(String name) {
        try (InputStream in = AdminPage.class.getResourceAsStream("/admin/" + name)) {
            if (in == null) {
                throw new IllegalStateException("admin page resource /admin/" + name + " is missing from the classpath");
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
