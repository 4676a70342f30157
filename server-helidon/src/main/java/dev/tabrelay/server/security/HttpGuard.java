package dev.tabrelay.server.security;

import dev.tabrelay.server.http.HttpErrors;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerResponse;

import java.net.InetSocketAddress;

/**
 * The policy in front of every HTTP route of a listener: Host, Origin, token and rate limits first, then CORS.
 * A preflight is answered here, with CORS headers (and {@code Access-Control-Allow-Private-Network: true} when
 * the browser asks for it) only for origins the endpoint accepts; any other preflight gets 403 and no CORS headers.
 */
public final class HttpGuard implements Filter {

    private static final HeaderName REQUEST_PRIVATE_NETWORK = HeaderNames.create("Access-Control-Request-Private-Network");
    private static final HeaderName ALLOW_PRIVATE_NETWORK = HeaderNames.create("Access-Control-Allow-Private-Network");
    private static final String METHODS = "GET, POST, PUT, PATCH, DELETE, OPTIONS";

    private final AccessPolicy policy;
    private final HttpErrors errors;

    public HttpGuard(AccessPolicy policy, HttpErrors errors) {
        this.policy = policy;
        this.errors = errors;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        String path = req.path().path();
        EndpointKind kind = EndpointKind.ofHttpPath(path);
        RequestFacts facts = facts(req, path);
        if (req.prologue().method() == Method.OPTIONS && facts.origin() != null
                && req.headers().contains(HeaderNames.ACCESS_CONTROL_REQUEST_METHOD)) {
            preflight(kind, facts, req, res);
            return;
        }
        AccessPolicy.Verdict verdict = policy.decide(kind, facts);
        if (!verdict.allowed()) {
            refuse(res, verdict.refusal());
            return;
        }
        if (policy.corsAllowed(kind, facts)) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, facts.origin());
            res.header(HeaderNames.VARY, "Origin");
        }
        chain.proceed();
    }

    private void preflight(EndpointKind kind, RequestFacts facts, RoutingRequest req, RoutingResponse res) {
        var refusal = policy.checkPreflight(kind, facts);
        if (refusal.isPresent()) {
            refuse(res, refusal.get());
            return;
        }
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, facts.origin());
        res.header(HeaderNames.VARY, "Origin");
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, METHODS);
        res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS,
                req.headers().first(HeaderNames.ACCESS_CONTROL_REQUEST_HEADERS).orElse("Authorization, Content-Type"));
        res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, "600");
        if (req.headers().first(REQUEST_PRIVATE_NETWORK).map("true"::equalsIgnoreCase).orElse(false)) {
            res.header(ALLOW_PRIVATE_NETWORK, "true");
        }
        res.status(Status.NO_CONTENT_204).send();
    }

    private void refuse(ServerResponse res, Refusal refusal) {
        if (refusal.retryAfterSeconds() > 0) {
            res.header(HeaderNames.RETRY_AFTER, Long.toString(refusal.retryAfterSeconds()));
        }
        errors.send(res, Status.create(refusal.status()), refusal.type(), refusal.code(), refusal.message());
    }

    private static RequestFacts facts(RoutingRequest req, String path) {
        var address = req.remotePeer().address();
        return new RequestFacts(path, address instanceof InetSocketAddress inet ? inet.getAddress() : null,
                req.headers().first(HeaderNames.HOST).orElse(null), req.headers().first(HeaderNames.ORIGIN).orElse(null),
                req.headers().first(HeaderNames.AUTHORIZATION).orElse(null), null);
    }
}
