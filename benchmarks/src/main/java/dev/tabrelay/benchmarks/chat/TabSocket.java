package dev.tabrelay.benchmarks.chat;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Base64;
import java.util.Locale;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The smallest blocking WebSocket client (RFC 6455) the chat benchmark needs for its simulated tabs: one socket,
 * read on one platform thread, written by whoever holds the lock. A tab answers on its reader thread, so a reply
 * costs one socket write; OkHttp's writer hands every frame to a task-runner thread, which made the tabs about a
 * third of the benchmark process's CPU and hid the relay's own cost. Text frames only (plus ping/pong/close),
 * no extensions, no TLS: the relay under test is on loopback.
 */
final class TabSocket implements AutoCloseable {

    /** What the reader thread hands over. */
    interface Listener {
        void onText(TabSocket socket, String text) throws IOException;

        /** The socket ended: a close frame, EOF or an error (null for a clean close). */
        void onEnd(Throwable error);
    }

    private static final String GUID = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";
    private static final int OP_CONTINUATION = 0x0;
    private static final int OP_TEXT = 0x1;
    private static final int OP_BINARY = 0x2;
    private static final int OP_CLOSE = 0x8;
    private static final int OP_PING = 0x9;
    private static final int OP_PONG = 0xA;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final Listener listener;
    private final Object writeLock = new Object();
    private boolean closeSent;

    private TabSocket(Socket socket, Listener listener) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream(), 16 * 1024);
        this.out = new BufferedOutputStream(socket.getOutputStream(), 16 * 1024);
        this.listener = listener;
    }

    /** Connects, upgrades with {@code subprotocol} and starts the reader thread. */
    static TabSocket open(URI uri, String subprotocol, Listener listener, String threadName) throws IOException {
        Socket socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(uri.getHost(), uri.getPort()), 10_000);
        TabSocket ws = new TabSocket(socket, listener);
        try {
            ws.handshake(uri, subprotocol);
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        Thread.ofPlatform().daemon().name(threadName).start(ws::readLoop);
        return ws;
    }

    private void handshake(URI uri, String subprotocol) throws IOException {
        byte[] nonce = new byte[16];
        ThreadLocalRandom.current().nextBytes(nonce);
        String key = Base64.getEncoder().encodeToString(nonce);
        String request = "GET " + uri.getRawPath() + " HTTP/1.1\r\n"
                + "Host: " + uri.getHost() + ":" + uri.getPort() + "\r\n"
                + "Upgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + key + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Sec-WebSocket-Protocol: " + subprotocol + "\r\n\r\n";
        out.write(request.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = readHead();
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("the upgrade was refused: " + head.lines().findFirst().orElse(head));
        }
        String accept = header(head, "sec-websocket-accept");
        if (!expectedAccept(key).equals(accept)) {
            throw new IOException("wrong Sec-WebSocket-Accept: " + accept);
        }
    }

    private String readHead() throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int matched = 0;
        while (matched < 4) {
            int b = in.read();
            if (b < 0) {
                throw new EOFException("the server closed during the upgrade");
            }
            head.write(b);
            matched = (b == (matched % 2 == 0 ? '\r' : '\n')) ? matched + 1 : (b == '\r' ? 1 : 0);
        }
        return head.toString(StandardCharsets.ISO_8859_1);
    }

    private static String header(String head, String name) {
        return head.lines().filter(line -> line.toLowerCase(Locale.ROOT).startsWith(name + ":"))
                .map(line -> line.substring(name.length() + 1).trim()).findFirst().orElse(null);
    }

    private static String expectedAccept(String key) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-1").digest((key + GUID).getBytes(StandardCharsets.US_ASCII));
            return Base64.getEncoder().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-1", e);
        }
    }

    /** Sends one text frame (masked, as a client must). */
    void sendText(String text) throws IOException {
        byte[] payload = text.getBytes(StandardCharsets.UTF_8);
        synchronized (writeLock) {
            writeFrame(OP_TEXT, payload, payload.length);
            out.flush();
        }
    }

    private void writeFrame(int opcode, byte[] payload, int length) throws IOException {
        out.write(0x80 | opcode);
        if (length < 126) {
            out.write(0x80 | length);
        } else if (length <= 0xFFFF) {
            out.write(0x80 | 126);
            out.write(length >>> 8);
            out.write(length);
        } else {
            out.write(0x80 | 127);
            for (int shift = 56; shift >= 0; shift -= 8) {
                out.write((int) ((long) length >>> shift));
            }
        }
        int mask = ThreadLocalRandom.current().nextInt();
        byte[] key = {(byte) (mask >>> 24), (byte) (mask >>> 16), (byte) (mask >>> 8), (byte) mask};
        out.write(key);
        byte[] masked = new byte[length];
        for (int i = 0; i < length; i++) {
            masked[i] = (byte) (payload[i] ^ key[i & 3]);
        }
        out.write(masked);
    }

    private void readLoop() {
        ByteArrayOutputStream message = new ByteArrayOutputStream();
        try {
            while (true) {
                int first = readByte();
                int second = readByte();
                boolean fin = (first & 0x80) != 0;
                int opcode = first & 0x0F;
                long length = second & 0x7F;
                if (length == 126) {
                    length = (readByte() << 8) | readByte();
                } else if (length == 127) {
                    length = 0;
                    for (int i = 0; i < 8; i++) {
                        length = (length << 8) | readByte();
                    }
                }
                if ((second & 0x80) != 0 || length > Integer.MAX_VALUE - 8) {
                    throw new IOException("a server frame must not be masked and must fit in memory");
                }
                byte[] payload = in.readNBytes((int) length);
                if (payload.length < length) {
                    throw new EOFException("the server closed inside a frame");
                }
                switch (opcode) {
                    case OP_TEXT, OP_BINARY, OP_CONTINUATION -> {
                        message.write(payload);
                        if (fin) {
                            String text = message.toString(StandardCharsets.UTF_8);
                            message.reset();
                            listener.onText(this, text);
                        }
                    }
                    case OP_PING -> control(OP_PONG, payload);
                    case OP_PONG -> { }
                    case OP_CLOSE -> {
                        control(OP_CLOSE, payload.length >= 2 ? new byte[] {payload[0], payload[1]} : new byte[0]);
                        listener.onEnd(null);
                        return;
                    }
                    default -> throw new IOException("unknown opcode " + opcode);
                }
            }
        } catch (IOException | RuntimeException e) {
            listener.onEnd(e);
        } finally {
            closeQuietly();
        }
    }

    private int readByte() throws IOException {
        int b = in.read();
        if (b < 0) {
            throw new EOFException("the server closed the socket");
        }
        return b;
    }

    private void control(int opcode, byte[] payload) throws IOException {
        synchronized (writeLock) {
            if (closeSent) {
                return;
            }
            closeSent = opcode == OP_CLOSE;
            writeFrame(opcode, payload, payload.length);
            out.flush();
        }
    }

    /** Starts the closing handshake (1000); the reader ends when the server's close arrives. */
    void close(String reason) throws IOException {
        byte[] text = reason.getBytes(StandardCharsets.UTF_8);
        byte[] payload = new byte[2 + text.length];
        payload[0] = (byte) (1000 >>> 8);
        payload[1] = (byte) (1000 & 0xFF);
        System.arraycopy(text, 0, payload, 2, text.length);
        control(OP_CLOSE, payload);
    }

    private void closeQuietly() {
        try {
            socket.close();
        } catch (IOException ignored) {
            // already gone
        }
    }

    @Override
    public void close() {
        closeQuietly();
    }
}
