package dev.tabrelay.benchmarks.codec;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * Realistic canonical frames for the codec benchmark, shaped like the examples of seed 002 (console-log,
 * network-request) and seed 001 (CHAT_RESPONSE_CHUNK, in the canonical envelope). All carry the same timestamp;
 * {@link #CLOCK} is fixed one second later so the codec's 60 s age check passes.
 */
public final class Frames {

    public static final long TIMESTAMP = 1_704_067_200_000L;
    public static final Clock CLOCK = Clock.fixed(Instant.ofEpochMilli(TIMESTAMP + 1_000), ZoneOffset.UTC);

    public static final String CONSOLE_LOG = """
            {"id":"msg_001","type":"console-log","timestamp":1704067200000,\
            "data":{"level":"info","message":"Application started successfully",\
            "args":["Application","started",{"version":"1.0"}],"source":"app.js:42:8","stack":null},\
            "metadata":{"sessionId":"session-123","tabId":"tab-456","url":"https://example.com"}}""";

    public static final String NETWORK_REQUEST = """
            {"id":"msg_003","type":"network-request","timestamp":1704067200000,\
            "data":{"url":"https://api.example.com/users?page=1&limit=20","method":"GET","status":200,"statusText":"OK",\
            "duration":145,"size":{"request":512,"response":2048},\
            "headers":{"request":{"Authorization":"Bearer [REDACTED]","Content-Type":"application/json",\
            "Accept":"application/json, text/plain, */*","Accept-Language":"en-US,en;q=0.9",\
            "User-Agent":"Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36"},\
            "response":{"Content-Type":"application/json","Cache-Control":"max-age=300","Content-Length":"2048",\
            "Date":"Mon, 01 Jan 2024 00:00:00 GMT","ETag":"W/\\"800-abc123\\"","Vary":"Accept-Encoding"}},\
            "body":{"request":"{\\"page\\": 1}",\
            "response":"{\\"users\\": [{\\"id\\": 1, \\"name\\": \\"Ada Lovelace\\", \\"email\\": \\"ada@example.com\\"}, \
            {\\"id\\": 2, \\"name\\": \\"Alan Turing\\", \\"email\\": \\"alan@example.com\\"}, \
            {\\"id\\": 3, \\"name\\": \\"Grace Hopper\\", \\"email\\": \\"grace@example.com\\"}], \\"page\\": 1, \\"total\\": 3}"}},\
            "metadata":{"sessionId":"session-123","tabId":"tab-456","url":"https://example.com/users"}}""";

    public static final String CHAT_RESPONSE_CHUNK = """
            {"id":"chunk_0007","type":"CHAT_RESPONSE_CHUNK","timestamp":1704067200000,\
            "data":{"requestId":"req-42","delta":"The relay forwards each streamed piece of the answer as soon as \
            the tab produces it, so ","isFinal":false},\
            "metadata":{"sessionId":"session-123","tabId":"tab-456"}}""";

    private Frames() {
    }

    /** The frame text for a {@code @Param} value (the wire type name). */
    public static String forKind(String kind) {
        return switch (kind) {
            case "console-log" -> CONSOLE_LOG;
            case "network-request" -> NETWORK_REQUEST;
            case "CHAT_RESPONSE_CHUNK" -> CHAT_RESPONSE_CHUNK;
            default -> throw new IllegalArgumentException("unknown frame kind: " + kind);
        };
    }
}
