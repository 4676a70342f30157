package dev.tabrelay.server.chat;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * A {@code text/event-stream} body written straight to Helidon's chunked output stream in OpenAI's exact
 * format ({@code data: <json>\n\n}). The caller flushes ({@link #flush()}) whenever no further event is waiting,
 * so each chunk leaves at once, while events that arrived together go out in one write. Headers go out with the
 * first write, so a request that fails before anything was written still gets a real HTTP status.
 */
final class SseStream implements AutoCloseable {

    private final ServerResponse res;
    private OutputStream out;

    SseStream(ServerResponse res) {
        this.res = res;
    }

    boolean started() {
        return out != null;
    }

    void data(String json) throws IOException {
        write("data: " + json + "\n\n");
    }

    /** A comment line (flushed): ignored by SSE clients; it keeps proxies open and shows whether the client is still there. */
    void comment(String text) throws IOException {
        write(": " + text + "\n\n");
        flush();
    }

    /** Sends what was written so far. */
    void flush() throws IOException {
        if (out != null) {
            out.flush();
        }
    }

    private void write(String text) throws IOException {
        if (out == null) {
            res.status(Status.OK_200)
                    .header(HeaderNames.CONTENT_TYPE, "text/event-stream; charset=utf-8")
                    .header(HeaderNames.CACHE_CONTROL, "no-cache")
                    .header("X-Accel-Buffering", "no");
            out = res.outputStream();
        }
        out.write(text.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() throws IOException {
        if (out != null) {
            out.close();
        }
    }
}
