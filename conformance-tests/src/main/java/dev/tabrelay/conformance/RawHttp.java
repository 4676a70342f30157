package dev.tabrelay.conformance;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/**
 * HTTP/1.1 written by hand over a {@link Socket}, for requests no HTTP client sends: a forged {@code Host} (the JDK
 * client refuses to set it, OkHttp overwrites it), and WebSocket upgrades whose refusal status and headers a check
 * reads. One request per connection.
 */
final class RawHttp {

    private RawHttp() {
    }

    /** A finished exchange; header names are lower case. */
    record Reply(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        /** {@code error.code} of an OpenAI error body, or null. */
        Object errorCode() {
            return body.startsWith("{") ? Json.child(Json.object(body), "error").get("code") : null;
        }

        String describe() {
            return status + " " + headers + " " + body;
        }
    }

    /**
     * Sends {@code method path} with {@code headers} (a {@code Host} entry replaces the real one) and reads the whole
     * answer. {@code body} may be null.
     */
    static Reply request(ServerTarget target, String method, String path, Map<String, String> headers, String body) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", target.httpBase().getAuthority());
        all.putAll(headers);
        all.put("Connection", "close");
        byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
        if (body != null) {
            all.put("Content-Length", Integer.toString(bytes.length));
        }
        return exchange(target, method, path, all, bytes);
    }

    /**
     * A WebSocket upgrade of {@code path} with {@code headers} added (a {@code Host} entry replaces the real one): the
     * status (101 when accepted, then the socket is dropped), headers and body of the answer.
     */
    static Reply upgrade(ServerTarget target, String path, Map<String, String> headers) {
        Map<String, String> all = new LinkedHashMap<>();
        all.put("Host", target.httpBase().getAuthority());
        all.put("Upgrade", "websocket");
        all.put("Connection", "Upgrade");
        all.put("Sec-WebSocket-Key", Base64.getEncoder().encodeToString(
                UUID.randomUUID().toString().substring(0, 16).getBytes(StandardCharsets.US_ASCII)));
        all.put("Sec-WebSocket-Version", "13");
        all.putAll(headers);
        return exchange(target, "GET", path, all, new byte[0]);
    }

    private static Reply exchange(ServerTarget target, String method, String path, Map<String, String> headers,
                                  byte[] body) {
        try (Socket socket = new Socket(target.httpBase().getHost(), target.httpBase().getPort())) {
            socket.setSoTimeout((int) Sdk.WAIT.toMillis());
            StringBuilder head = new StringBuilder(method).append(' ').append(path).append(" HTTP/1.1\r\n");
            headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
            head.append("\r\n");
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.UTF_8));
            out.write(body);
            out.flush();
            return read(socket.getInputStream());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " on " + target.httpBase() + " failed", e);
        }
    }

    private static Reply read(InputStream in) throws IOException {
        String statusLine = line(in);
        String[] parts = statusLine.split(" ", 3);
        if (parts.length < 2 || !parts[0].startsWith("HTTP/1.")) {
            throw new IOException("not an HTTP status line: '" + statusLine + "'");
        }
        int status = Integer.parseInt(parts[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String line = line(in); !line.isEmpty(); line = line(in)) {
            int colon = line.indexOf(':');
            headers.merge(line.substring(0, colon).strip().toLowerCase(Locale.ROOT), line.substring(colon + 1).strip(),
                    (a, b) -> a + ", " + b);
        }
        if (status == 101 || status == 204 || status == 304) {
            return new Reply(status, headers, "");
        }
        byte[] content;
        if (headers.containsKey("content-length")) {
            content = in.readNBytes(Integer.parseInt(headers.get("content-length")));
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            ByteArrayOutputStream chunks = new ByteArrayOutputStream();
            for (int size = Integer.parseInt(line(in).split(";")[0].strip(), 16); size > 0;
                 size = Integer.parseInt(line(in).split(";")[0].strip(), 16)) {
                chunks.write(in.readNBytes(size));
                line(in);
            }
            content = chunks.toByteArray();
        } else {
            content = in.readAllBytes();
        }
        return new Reply(status, headers, new String(content, StandardCharsets.UTF_8));
    }

    /** One CRLF-terminated line, without the CRLF; the empty string at the end of the stream. */
    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        for (int b = in.read(); b != -1; b = in.read()) {
            if (b == '\n') {
                break;
            }
            if (b != '\r') {
                line.write(b);
            }
        }
        return line.toString(StandardCharsets.UTF_8);
    }
}
