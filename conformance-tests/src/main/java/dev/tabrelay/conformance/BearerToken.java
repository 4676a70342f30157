package dev.tabrelay.conformance;

import okhttp3.Interceptor;
import okhttp3.OkHttpClient;
import okhttp3.Response;

import java.io.IOException;
import java.util.Optional;

/**
 * Adds {@code Authorization: Bearer <token>} to every request of a client (WebSocket upgrades included: OkHttp runs
 * them through the same interceptors), unless the request sets its own. The security layer requires the pairing
 * token from non-loopback peers; a server that does not check it ignores the header.
 */
record BearerToken(String token) implements Interceptor {

    static final String HEADER = "Authorization";

    /** {@code http} itself when there is no token, else a client sharing its pools that sends the token. */
    static OkHttpClient client(OkHttpClient http, Optional<String> token) {
        return token.map(t -> http.newBuilder().addInterceptor(new BearerToken(t)).build()).orElse(http);
    }

    static String value(String token) {
        return "Bearer " + token;
    }

    @Override
    public Response intercept(Chain chain) throws IOException {
        if (chain.request().header(HEADER) != null) {
            return chain.proceed(chain.request());
        }
        return chain.proceed(chain.request().newBuilder().header(HEADER, value(token)).build());
    }
}
