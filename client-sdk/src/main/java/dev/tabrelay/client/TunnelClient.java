package dev.tabrelay.client;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * A remote client of one relay session on {@code /tunnel/{sessionId}}, authenticated with a Bearer token and
 * the {@code rapidtriage-tunnel-v1} subprotocol. Same API as {@link McpClient}. The token is asked for at every
 * (re)connect, so it can be refreshed; a refused token (HTTP 401/403) closes the client instead of retrying.
 */
public final class TunnelClient extends EventClientBase {

    public static final String SUBPROTOCOL = "rapidtriage-tunnel-v1";

    private TunnelClient(Builder builder) {
        super(builder.settings("tunnel", "/tunnel/" + builder.session, List.of(SUBPROTOCOL),
                builder.headers(), Map.of()), builder);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Builds a {@link TunnelClient}; {@link #sessionId(String)} and a token are required. */
    public static final class Builder extends EventClientBuilder<Builder> {
        private String session;
        private Supplier<String> token;

        private Builder() {
            super("tunnel-client");
        }

        @Override
        Builder self() {
            return this;
        }

        /** The relay session to reach. */
        public Builder sessionId(String value) {
            this.session = Objects.requireNonNull(value, "sessionId");
            return this;
        }

        /** A fixed Bearer token (a JWT). */
        public Builder token(String value) {
            Objects.requireNonNull(value, "token");
            this.token = () -> value;
            return this;
        }

        /** A Bearer token asked for at every (re)connect. */
        public Builder token(Supplier<String> value) {
            this.token = Objects.requireNonNull(value, "token");
            return this;
        }

        private Supplier<Map<String, String>> headers() {
            Supplier<String> t = token;
            return () -> Map.of("Authorization", "Bearer " + t.get());
        }

        public TunnelClient build() {
            if (session == null || token == null) {
                throw new IllegalStateException("a tunnel needs sessionId(...) and token(...)");
            }
            return new TunnelClient(this);
        }
    }
}
