package dev.tabrelay.server.security;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The relay's one access policy: for every HTTP request and WebSocket upgrade, on every listener, it checks the
 * Host (DNS-rebinding defence), the Origin against the endpoint kind's rules, the rate limits, and whether the
 * pairing token is needed and right. docs/security.md has the table; in short, with pairing on:
 * <ul>
 *   <li>a loopback peer with no Origin (or, on HTTP, the relay's own origin) is a local tool: no token;</li>
 *   <li>a configured {@code chrome-extension://<id>} origin counts as paired;</li>
 *   <li>everyone else presents the token ({@code Authorization: Bearer}, {@code ?token=} on upgrades, or
 *       {@code pairingToken} in an extension's connection-init);</li>
 *   <li>{@code Origin: null} is refused everywhere.</li>
 * </ul>
 * The ops/annotation and tunnel sockets plug in through {@link #checkUpgrade}.
 */
public final class AccessPolicy {

    /**
     * Upgrades refused or left unauthenticated per path per IP per window (and wrong tokens on HTTP per IP), then
     * 429 for everyone from there who is not a local tool or a configured extension.
     */
    public static final int UPGRADE_FAILURES = 5;
    /** Failed extension handshakes per IP per window, then every handshake from it is closed with 1008. */
    public static final int HANDSHAKE_FAILURES = 5;
    /** Requests per IP per window on /config, /status and /pair together. */
    public static final int DISCOVERY_REQUESTS = 60;
    public static final Duration WINDOW = Duration.ofMinutes(1);

    /**
     * The configured part.
     *
     * @param pairing        token checks on (default); off only on a loopback bind
     * @param extensionIds   the {@code chrome-extension://<id>} ids that count as paired and may read /pair
     * @param allowedHosts   Host names accepted besides localhost, 127.0.0.1, [::1] and the bind host
     * @param allowedOrigins web origins accepted on the HTTP API (they still need the token when pairing is on)
     */
    public record Settings(boolean pairing, Set<String> extensionIds, Set<String> allowedHosts,
                           Set<String> allowedOrigins, String bindHost) {
        public Settings {
            extensionIds = Set.copyOf(extensionIds.stream().map(id -> id.toLowerCase(Locale.ROOT)).toList());
            allowedOrigins = Set.copyOf(allowedOrigins.stream().map(o -> o.toLowerCase(Locale.ROOT)).toList());
            Set<String> hosts = new LinkedHashSet<>(Set.of("localhost", "127.0.0.1", "::1"));
            hosts.add(Hosts.normalise(bindHost));
            allowedHosts.forEach(h -> hosts.add(Hosts.normalise(h)));
            allowedHosts = Set.copyOf(hosts);
        }
    }

    /** An admitted request: {@code authenticated} false only for an extension socket that must pair in its handshake. */
    public record Verdict(Refusal refusal, boolean authenticated) {
        public boolean allowed() {
            return refusal == null;
        }
    }

    /** The outcome of a connection-init's pairing token. */
    public enum Handshake { OK, MISSING, INVALID, BLOCKED }

    private enum OriginClass { NONE, NULL, SAME, EXTENSION_CONFIGURED, EXTENSION_OTHER, WEB_ALLOWED, WEB_OTHER }

    private final Settings settings;
    private final PairingTokenStore tokens;
    private final Clock clock;
    private final WindowLimiter discovery;
    private final WindowLimiter upgradeFailures;
    private final WindowLimiter handshakeFailures;
    private final AtomicReference<HandshakeError> lastHandshakeError = new AtomicReference<>();

    public AccessPolicy(Settings settings, PairingTokenStore tokens, Clock clock) {
        this.settings = settings;
        this.tokens = tokens;
        this.clock = clock;
        this.discovery = new WindowLimiter(DISCOVERY_REQUESTS, WINDOW, clock);
        this.upgradeFailures = new WindowLimiter(UPGRADE_FAILURES, WINDOW, clock);
        this.handshakeFailures = new WindowLimiter(HANDSHAKE_FAILURES, WINDOW, clock);
    }

    public Settings settings() {
        return settings;
    }

    public boolean pairingRequired() {
        return settings.pairing();
    }

    /** For /status: the last refused extension handshake or upgrade, if any. */
    public Optional<HandshakeError> lastHandshakeError() {
        return Optional.ofNullable(lastHandshakeError.get());
    }

    /**
     * For endpoints added beside this policy ({@code /ops}, {@code /annotation}, {@code /tunnel}): empty when the
     * upgrade may proceed authenticated, else why not (answer it as an HTTP status on the upgrade). Tunnel
     * upgrades are only Host/Origin checked; their JWT is the tunnel's own check.
     */
    public Optional<Refusal> checkUpgrade(EndpointKind kind, RequestFacts facts) {
        Verdict verdict = decide(kind, facts);
        if (!verdict.allowed()) {
            return Optional.of(verdict.refusal());
        }
        return verdict.authenticated() ? Optional.empty()
                : Optional.of(Refusal.unauthorized("pairing-required", tokenHint()));
    }

    /** The whole decision for one request or upgrade; counts towards the rate limits. */
    public Verdict decide(EndpointKind kind, RequestFacts facts) {
        Verdict verdict = evaluate(kind, facts);
        if (kind == EndpointKind.EXTENSION_SOCKET && !verdict.allowed()) {
            Refusal r = verdict.refusal();
            String code = switch (r.status()) {
                case 429 -> "rate_limited";
                case 401 -> "pairing_invalid";
                default -> r.code().equals("host-not-allowed") ? "host_blocked" : "origin_blocked";
            };
            noteHandshakeError(code, r.message());
        }
        return verdict;
    }

    private Verdict evaluate(EndpointKind kind, RequestFacts facts) {
        Refusal host = hostRule(facts);
        if (host != null) {
            return refuse(host);
        }
        if ((kind == EndpointKind.DISCOVERY || kind == EndpointKind.PAIR) && !discovery.tryAcquire(facts.ip())) {
            return refuse(Refusal.tooMany("rate-limited", "more than " + DISCOVERY_REQUESTS
                    + " requests a minute to /config, /status and /pair from " + facts.ip(), discovery.retryAfterSeconds(facts.ip())));
        }
        OriginClass origin = classify(facts.origin(), facts.host());
        Refusal wrongOrigin = originRule(kind, origin, facts.origin());
        if (wrongOrigin != null) {
            return refuse(wrongOrigin);
        }
        return authenticate(kind, origin, facts);
    }

    /**
     * A CORS preflight: answered (with CORS headers) only when the Host is ours and the Origin is one this kind
     * of endpoint accepts; nothing is counted and no token is needed (browsers never send one on a preflight).
     */
    public Optional<Refusal> checkPreflight(EndpointKind kind, RequestFacts facts) {
        Refusal host = hostRule(facts);
        if (host != null) {
            return Optional.of(host);
        }
        OriginClass origin = classify(facts.origin(), facts.host());
        if (origin == OriginClass.NONE) {
            return Optional.of(Refusal.forbidden("not-a-preflight", "a CORS preflight needs an Origin"));
        }
        return Optional.ofNullable(originRule(kind, origin, facts.origin()));
    }

    private Refusal hostRule(RequestFacts facts) {
        String host = Hosts.hostOf(facts.host());
        if (host == null || !settings.allowedHosts().contains(host)) {
            return Refusal.forbidden("host-not-allowed", "Host '" + facts.host() + "' is not one of this relay's"
                    + " names (DNS-rebinding defence); allowed: " + settings.allowedHosts() + ", more with --allowed-host");
        }
        return null;
    }

    private Verdict authenticate(EndpointKind kind, OriginClass origin, RequestFacts facts) {
        boolean tokenFree = kind == EndpointKind.HEALTH || kind == EndpointKind.DISCOVERY || kind == EndpointKind.PAIR
                || kind == EndpointKind.TUNNEL_SOCKET;
        if (!settings.pairing() || tokenFree) {
            return admit(true);
        }
        boolean localTool = facts.loopbackPeer() && (origin == OriginClass.NONE
                || (origin == OriginClass.SAME && !kind.isSocket()));
        boolean pairedExtension = origin == OriginClass.EXTENSION_CONFIGURED;
        if ((localTool || pairedExtension) && kind != EndpointKind.OPS_SOCKET) {
            return admit(true);
        }
        String limitKey = (kind.isSocket() ? facts.path() : "http") + "|" + facts.ip();
        String presented = facts.presentedToken();
        if (upgradeFailures.isLimited(limitKey)
                || (kind == EndpointKind.EXTENSION_SOCKET && handshakeFailures.isLimited(facts.ip()))) {
            // Checked before the token is compared: a guesser learns nothing more until the window ends.
            long wait = Math.max(upgradeFailures.retryAfterSeconds(limitKey), handshakeFailures.retryAfterSeconds(facts.ip()));
            return refuse(Refusal.tooMany("rate-limited", "too many refused or unauthenticated attempts from "
                    + facts.ip() + " on " + (kind.isSocket() ? facts.path() : "the HTTP API") + "; wait " + wait + " s", wait));
        }
        if (presented != null) {
            if (tokens.current().matches(presented)) {
                return admit(true);
            }
            upgradeFailures.record(limitKey);
            return refuse(Refusal.unauthorized("invalid-token", "invalid pairing token"));
        }
        if (kind.isSocket()) {
            upgradeFailures.record(limitKey); // an unauthenticated upgrade counts; a plain request without a token is no guess
        }
        if (kind == EndpointKind.EXTENSION_SOCKET || kind == EndpointKind.OPS_SOCKET) {
            return admit(false); // may still pair with pairingToken in connection-init
        }
        return refuse(Refusal.unauthorized("pairing-required", tokenHint()));
    }

    /**
     * Checks the pairing token of an extension that was admitted unauthenticated; failures count per IP and,
     * past {@link #HANDSHAKE_FAILURES}, block further handshakes from it for the rest of the window.
     */
    public Handshake handshake(String ip, String pairingToken) {
        if (handshakeFailures.isLimited(ip)) {
            noteHandshakeError("rate_limited", "too many failed handshakes from " + ip);
            return Handshake.BLOCKED;
        }
        if (pairingToken != null && tokens.current().matches(pairingToken.strip())) {
            return Handshake.OK;
        }
        handshakeFailures.record(ip);
        boolean missing = pairingToken == null || pairingToken.isBlank();
        noteHandshakeError(missing ? "pairing_missing" : "pairing_invalid",
                missing ? "connection-init carried no pairingToken" : "invalid pairing token");
        return missing ? Handshake.MISSING : Handshake.INVALID;
    }

    /** Whether an actual response to this origin may carry CORS headers for it (origin present and accepted). */
    public boolean corsAllowed(EndpointKind kind, RequestFacts facts) {
        OriginClass origin = classify(facts.origin(), facts.host());
        return origin != OriginClass.NONE && origin != OriginClass.NULL && !kind.isSocket()
                && originRule(kind, origin, facts.origin()) == null;
    }

    private Refusal originRule(EndpointKind kind, OriginClass origin, String value) {
        if (origin == OriginClass.NULL) {
            return Refusal.forbidden("origin-null", "Origin 'null' (sandboxed frames, file:// pages) is never"
                    + " accepted by this relay");
        }
        boolean ok = switch (kind) {
            case EXTENSION_SOCKET -> origin == OriginClass.NONE || origin == OriginClass.EXTENSION_CONFIGURED
                    || (origin == OriginClass.EXTENSION_OTHER && settings.extensionIds().isEmpty());
            case MCP_SOCKET, OPS_SOCKET -> origin == OriginClass.NONE || origin == OriginClass.EXTENSION_CONFIGURED;
            case TUNNEL_SOCKET -> origin == OriginClass.NONE || origin == OriginClass.EXTENSION_CONFIGURED
                    || origin == OriginClass.WEB_ALLOWED;
            case PAIR -> origin == OriginClass.EXTENSION_CONFIGURED;
            case HTTP_API, ADMIN, DISCOVERY, HEALTH -> origin != OriginClass.WEB_OTHER;
        };
        if (ok) {
            return null;
        }
        if (kind == EndpointKind.PAIR) {
            return Refusal.forbidden("pair-refused", "/pair hands the pairing token only to the extension ids configured"
                    + " with --extension-id (Origin chrome-extension://<id>); local tools read the data directory's"
                    + " pairing-token file or run `tabrelay token`");
        }
        if (origin == OriginClass.EXTENSION_OTHER) {
            return Refusal.forbidden("extension-not-allowed", "extension origin " + value
                    + " is not configured (--extension-id) for this endpoint");
        }
        return Refusal.forbidden("foreign-origin", "requests from " + value + " are not accepted here"
                + (kind.isSocket() ? "" : "; a web UI must be listed with --allowed-origin"));
    }

    private OriginClass classify(String origin, String host) {
        if (origin == null || origin.isBlank()) {
            return OriginClass.NONE;
        }
        String value = origin.strip().toLowerCase(Locale.ROOT);
        if (value.equals("null")) {
            return OriginClass.NULL;
        }
        if (value.startsWith("chrome-extension://")) {
            String id = value.substring("chrome-extension://".length());
            return settings.extensionIds().contains(id) ? OriginClass.EXTENSION_CONFIGURED : OriginClass.EXTENSION_OTHER;
        }
        if (host != null && value.equals("http://" + host.strip().toLowerCase(Locale.ROOT))) {
            return OriginClass.SAME;
        }
        return settings.allowedOrigins().contains(value) ? OriginClass.WEB_ALLOWED : OriginClass.WEB_OTHER;
    }

    private String tokenHint() {
        return "pairing token required: send Authorization: Bearer <token> (`tabrelay token` on the relay's machine"
                + " prints it)";
    }

    private void noteHandshakeError(String code, String message) {
        lastHandshakeError.set(new HandshakeError(code, message, clock.millis()));
    }

    private static Verdict admit(boolean authenticated) {
        return new Verdict(null, authenticated);
    }

    private static Verdict refuse(Refusal refusal) {
        return new Verdict(refusal, false);
    }
}
