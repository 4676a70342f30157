package dev.tabrelay.server.security;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.events.HeaderPair;
import dev.tabrelay.protocol.events.NetworkError;
import dev.tabrelay.protocol.events.NetworkRequest;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Replaces the values of secret-bearing headers with {@value #REDACTED} in events as they enter the relay, before
 * anything stores, forwards or logs them. Names compare case-insensitively: {@code Authorization},
 * {@code Cookie}, {@code Set-Cookie}, {@code Proxy-Authorization}, plus whatever {@code --redact-header} adds.
 */
public final class Redactor {

    public static final String REDACTED = "[REDACTED]";
    public static final List<String> DEFAULT_HEADERS = List.of("Authorization", "Cookie", "Set-Cookie", "Proxy-Authorization");

    private final Set<String> names;

    public Redactor(Collection<String> extraHeaders) {
        Set<String> all = new LinkedHashSet<>();
        DEFAULT_HEADERS.forEach(h -> all.add(h.toLowerCase(Locale.ROOT)));
        extraHeaders.forEach(h -> all.add(h.strip().toLowerCase(Locale.ROOT)));
        this.names = Set.copyOf(all);
    }

    /** The header names redacted, lower case. */
    public Set<String> names() {
        return names;
    }

    /** The event with secret header values replaced; other messages unchanged (the same instance). */
    public Message redact(Message message) {
        if (message.data() instanceof NetworkRequest r && needed(r.headers())) {
            return new Message(message.id(), message.timestamp(), new NetworkRequest(r.url(), r.method(), r.status(), r.statusText(), r.duration(),
                    r.size(), redact(r.headers()), r.body()), message.metadata());
        }
        if (message.data() instanceof NetworkError e && needed(e.headers())) {
            return new Message(message.id(), message.timestamp(), new NetworkError(e.url(), e.method(), e.status(), e.statusText(), e.error(),
                    e.duration(), redact(e.headers()), e.body()), message.metadata());
        }
        return message;
    }

    /** A header map with secret values replaced (null stays null); for any other place headers enter. */
    public Map<String, String> headers(Map<String, String> headers) {
        if (headers == null) {
            return null;
        }
        Map<String, String> out = new LinkedHashMap<>();
        headers.forEach((name, value) -> out.put(name, name != null && isSecret(name) ? REDACTED : value));
        return out;
    }

    public boolean isSecret(String headerName) {
        return names.contains(headerName.strip().toLowerCase(Locale.ROOT));
    }

    private HeaderPair redact(HeaderPair pair) {
        return new HeaderPair(headers(pair.request()), headers(pair.response()));
    }

    private boolean needed(HeaderPair pair) {
        return pair != null && (pair.request() != null || pair.response() != null);
    }
}
