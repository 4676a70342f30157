package dev.tabrelay.server.http;

import io.helidon.common.socket.HelidonSocket;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpPrologue;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * Notices an HTTP/1 client that goes away while its handler waits for something else (a chat answer).
 * <p>
 * Helidon 4.3.1 runs an HTTP/1 handler on its connection's own thread, so nobody reads the socket (where the EOF
 * or reset shows) until the handler returns, and {@link ServerRequest} exposes no connection. Two public hooks
 * make it possible: an HTTP/1 receive listener is handed each request's {@link ConnectionContext} on that same
 * thread just before the handler runs, and the context's {@link ConnectionContext#serverSocket()} can be read.
 * A watch reads the (already fully consumed) request's socket on a virtual thread: EOF or an error means the
 * client left. Because that reader cannot be stopped without closing the socket, a watched response carries
 * {@code Connection: close} and the connection ends after it ({@link CloseConnectionException}, which Helidon
 * lets bubble up and answers by flushing and closing), so nothing else ever reads the socket. The status line is
 * written only with the outcome, so errors keep their status codes.
 * <p>
 * Callers start a watch only for a request whose answer takes a while (see {@code ChatRoutes}): a fast answer
 * then keeps its connection alive, and a client that left before the watch started is still noticed at once,
 * because the watch's first read sees the EOF or reset that is already there.
 * <p>
 * Limits: a client that half-closes its side after the request (rare; no HTTP client library does) counts as
 * gone, as in nginx; bytes a client pipelines behind a watched request are discarded (the connection closes
 * after the response, and HTTP/1.1 clients must retry unanswered pipelined requests).
 */
public final class ClientWatch implements Http1ConnectionListener {

    private static final System.Logger LOG = System.getLogger(ClientWatch.class.getName());

    /** The connection whose request this thread is about to handle (set by Helidon's HTTP/1 loop). */
    private final ThreadLocal<ConnectionContext> current = new ThreadLocal<>();
    /** Watches started so far (tests wait for a watch to be on before they answer). */
    private final AtomicLong started = new AtomicLong();

    /** The HTTP/1 protocol settings (Helidon's defaults) with this watch as receive listener; add to each listener. */
    public Http1Config http1Config() {
        return Http1Config.builder().addReceiveListener(this).build();
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        current.set(ctx);
    }

    /**
     * Starts watching the client of {@code req}, whose entity must be fully read. {@code onGone} runs at most once,
     * on the watch's thread, if the client closes or resets the connection before {@link Watch#respond} or
     * {@link Watch#abandon}. Returns {@link Watch#NONE} when the connection cannot be watched (not HTTP/1, or no
     * socket access), in which case responses behave as without a watch.
     */
    public Watch watch(ServerRequest req, Runnable onGone) {
        ConnectionContext ctx = current.get();
        if (ctx == null || !ctx.childSocketId().equals(req.socketId()) || !ctx.socketId().equals(req.serverSocketId())) {
            return Watch.NONE;
        }
        HelidonSocket socket;
        try {
            socket = ctx.serverSocket();
        } catch (UnsupportedOperationException e) {
            return Watch.NONE;
        }
        Watch watch = new Watch(true);
        started.incrementAndGet();
        Thread.ofVirtual().name("tabrelay-client-watch-" + req.socketId()).start(() -> watch.read(socket, onGone));
        return watch;
    }

    /** How many watches have been started since this server began (monotonic). */
    public long started() {
        return started.get();
    }

    /** One watched request. */
    public static final class Watch {

        /** No watch: responses are sent as usual and the connection lives on. */
        public static final Watch NONE = new Watch(false);

        private final boolean active;
        private final AtomicBoolean settled = new AtomicBoolean();

        private Watch(boolean active) {
            this.active = active;
        }

        public boolean active() {
            return active;
        }

        private void read(HelidonSocket socket, Runnable onGone) {
            try {
                while (socket.get() != null) {
                    // Bytes behind the request (pipelining): dropped, the connection closes after this response.
                }
            } catch (RuntimeException e) {
                // A reset, or our own close after the response (then settled is already set).
                LOG.log(System.Logger.Level.TRACE, "client watch read ended: " + e);
            }
            if (settled.compareAndSet(false, true)) {
                onGone.run();
            }
        }

        /**
         * Sends the response with {@code send}; when watched, marks it {@code Connection: close} and then ends the
         * connection (this method then throws {@link CloseConnectionException}, which the handler must let pass).
         */
        public void respond(ServerResponse res, Consumer<ServerResponse> send) {
            if (!active) {
                send.accept(res);
                return;
            }
            settled.set(true);
            res.header(HeaderValues.CONNECTION_CLOSE);
            send.accept(res);
            throw new CloseConnectionException("watched response sent; the connection closes with it");
        }

        /** The client is gone: end the connection without writing (throws when watched, as {@link #respond}). */
        public void abandon() {
            if (active) {
                settled.set(true);
                throw new CloseConnectionException("the client left");
            }
        }
    }
}
