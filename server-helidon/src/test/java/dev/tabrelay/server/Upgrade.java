package dev.tabrelay.server;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A raw WebSocket upgrade request, to see exactly how the relay refuses one (status line and body). */
record Upgrade(int status, String head, String body) {

    static Upgrade attempt(int port, String path, Map<String, String> headers) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            StringBuilder request = new StringBuilder("GET " + path + " HTTP/1.1\r\n")
                    .append("Host: 127.0.0.1:").append(port).append("\r\n")
                    .append("Upgrade: websocket\r\nConnection: Upgrade\r\n")
                    .append("Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n");
            headers.forEach((name, value) -> request.append(name).append(": ").append(value).append("\r\n"));
            request.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(request.toString().getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream seen = new ByteArrayOutputStream();
            int contentLength = -1;
            String head = null;
            byte[] buffer = new byte[4096];
            while (true) {
                int n = in.read(buffer);
                if (n < 0) {
                    break;
                }
                seen.write(buffer, 0, n);
                String text = seen.toString(StandardCharsets.ISO_8859_1);
                int end = text.indexOf("\r\n\r\n");
                if (head == null && end >= 0) {
                    head = text.substring(0, end);
                    if (head.startsWith("HTTP/1.1 101")) {
                        return new Upgrade(101, head, "");
                    }
                    for (String line : head.split("\r\n")) {
                        if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                            contentLength = Integer.parseInt(line.substring(15).trim());
                        }
                    }
                }
                if (head != null && contentLength >= 0 && seen.size() >= head.length() + 4 + contentLength) {
                    break;
                }
            }
            String all = seen.toString(StandardCharsets.UTF_8);
            if (head == null) {
                throw new AssertionError("no HTTP response to the upgrade: " + all);
            }
            int status = Integer.parseInt(head.substring(9, 12));
            return new Upgrade(status, head, all.substring(Math.min(all.length(), head.length() + 4)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
