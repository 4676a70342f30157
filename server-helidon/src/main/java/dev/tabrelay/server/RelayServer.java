package dev.tabrelay.server;

import dev.tabrelay.protocol.Message;
import dev.tabrelay.protocol.codec.FrameCodec;
import dev.tabrelay.protocol.control.ConnectionClose;
import dev.tabrelay.protocol.control.Heartbeat;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.protocol.dialect.LegacyJson;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsExtensionFrames;
import dev.tabrelay.protocol.dialect.browsertools.BrowserToolsServerFrames;
import dev.tabrelay.server.compat.BrowserToolsRoutes;
import dev.tabrelay.server.compat.LegacyState;
import dev.tabrelay.server.compat.ScreenshotFiles;
import dev.tabrelay.server.compat.browcall.BrowcallDialect;
import dev.tabrelay.server.compat.chatrelay.ChatRelayDialect;
import dev.tabrelay.server.compat.chatrelay.ChatRelayHealth;
import dev.tabrelay.protocol.dialect.Envelopes;
import dev.tabrelay.server.admin.AdminContext;
import dev.tabrelay.server.admin.AdminPage;
import dev.tabrelay.server.admin.AdminRoutes;
import dev.tabrelay.server.admin.AdminSettings;
import dev.tabrelay.server.admin.LiveServer;
import dev.tabrelay.server.admin.Restarter;
import dev.tabrelay.server.admin.SettingsStore;
import dev.tabrelay.server.chat.ChatFrames;
import dev.tabrelay.server.chat.ChatPolicy;
import dev.tabrelay.server.chat.ChatPolicyHolder;
import dev.tabrelay.server.chat.ChatRouter;
import dev.tabrelay.server.chat.ChatRoutes;
import dev.tabrelay.server.chat.NewRequestBehavior;
import dev.tabrelay.server.connection.LegacyDialect;
import dev.tabrelay.server.session.SessionCommands;
import dev.tabrelay.server.session.SessionRegistry;
import dev.tabrelay.server.session.SessionRoutes;
import dev.tabrelay.server.connection.Connection;
import dev.tabrelay.server.connection.ConnectionKind;
import dev.tabrelay.server.connection.ConnectionRegistry;
import dev.tabrelay.server.connection.ConnectionSettings;
import dev.tabrelay.server.connection.FrameHandler;
import dev.tabrelay.server.connection.Ids;
import dev.tabrelay.server.connection.LegacyDialect;
import dev.tabrelay.server.connection.LivenessMonitor;
import dev.tabrelay.server.connection.PendingRequests;
import dev.tabrelay.server.connection.RelayListener;
import dev.tabrelay.server.connection.RequestFailure;
import dev.tabrelay.server.events.EventHub;
import dev.tabrelay.server.events.EventStore;
import dev.tabrelay.server.events.Subscriptions;
import dev.tabrelay.server.http.ApiRoutes;
import dev.tabrelay.server.http.ClientWatch;
import dev.tabrelay.server.http.FrameValues;
import dev.tabrelay.server.http.HttpErrors;
import dev.tabrelay.server.http.Json;
import dev.tabrelay.server.mcp.McpHandler;
import dev.tabrelay.server.ops.AnnotationHandler;
import dev.tabrelay.server.ops.AnnotationRelay;
import dev.tabrelay.server.ops.CdpRelay;
import dev.tabrelay.server.ops.CdpSessions;
import dev.tabrelay.server.ops.ExtensionOpsFrames;
import dev.tabrelay.server.ops.LeaseFrames;
import dev.tabrelay.server.ops.LeaseManager;
import dev.tabrelay.server.ops.LeaseRoutes;
import dev.tabrelay.server.ops.LeaseSettings;
import dev.tabrelay.server.ops.OpsHandler;
import dev.tabrelay.server.ops.OpsHandshake;
import dev.tabrelay.server.ops.PairingCheck;
import dev.tabrelay.server.ops.Timers;
import dev.tabrelay.server.tunnel.Jwt;
import dev.tabrelay.server.tunnel.TunnelGate;
import dev.tabrelay.server.tunnel.TunnelHandler;
import dev.tabrelay.server.tunnel.TunnelTokenRoutes;
import dev.tabrelay.server.security.AccessPolicy;
import dev.tabrelay.server.security.DataDirectory;
import dev.tabrelay.server.security.EndpointKind;
import dev.tabrelay.server.security.HandshakeGate;
import dev.tabrelay.server.security.HttpGuard;
import dev.tabrelay.server.security.PairingTokenStore;
import dev.tabrelay.server.security.PeerStampingUpgrader;
import dev.tabrelay.server.security.Redactor;
import dev.tabrelay.server.security.SecurityRoutes;
import dev.tabrelay.server.security.UpgradeGuard;
import dev.tabrelay.server.tabs.ExtensionHandler;
import dev.tabrelay.server.tabs.ScreenshotService;
import dev.tabrelay.server.tabs.TabDirectory;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsCloseCodes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * The wiring: the only class that knows every feature. It builds the shared mechanisms (connection registry,
 * request correlation, event hub, tab directory), plugs the endpoints into them and owns the lifecycle.
 */
public final class RelayServer implements AutoCloseable {

    public static final String VERSION = "0.1.0";
    public static final List<String> EXTENSION_PROTOCOLS =
            List.of("rapidtriage-extension-v1", "rapidtriage-v1", "tabrelay-extension-v1");
    public static final List<String> MCP_PROTOCOLS = List.of("mcp-server-v1", "rapidtriage-v1", "tabrelay-mcp-v1");
    public static final List<String> OPS_PROTOCOLS = List.of("tabrelay-ops-v1");
    public static final List<String> ANNOTATION_PROTOCOLS = List.of("tabrelay-annotation-v1");

    private static final System.Logger LOG = System.getLogger(RelayServer.class.getName());

    private final ServerConfig config;
    private final ExecutorService writers = Executors.newVirtualThreadPerTaskExecutor();
    private final ScheduledExecutorService scheduler = timers();
    private final ConnectionRegistry registry = new ConnectionRegistry();
    private final PendingRequests pending = new PendingRequests(scheduler);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private final AtomicInteger port = new AtomicInteger();
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();
    private final LivenessMonitor liveness;
    private final WebServer webServer;
    private final ChatPolicyHolder chatPolicy;
    private final ChatRouter chatRouter;
    private final SessionRegistry sessions;
    /** Sees plain chat requests' clients leave; its HTTP/1 config goes on every listener that serves chat. */
    private final ClientWatch clientWatch = new ClientWatch();
    private final PairingTokenStore pairingTokens;
    private final AccessPolicy accessPolicy;
    /** The optional compatibility listeners, started after the main one, in this order. */
    private final List<NamedServer> legacyServers = new ArrayList<>();

    /** A listener as printed on stdout: {@code listening on http://HOST:PORT (NAME)}. */
    public record Listener(String name, String host, int port) {
    }

    private record NamedServer(String name, WebServer server) {
    }

    /** Why the server stops: shutdown or an in-process restart (the code and message peers and clients see). */
    private record StopReason(String code, String message) {
        static final StopReason SHUTDOWN = new StopReason("server-shutdown", "the relay server is shutting down");
        static final StopReason RESTART = new StopReason("server-restart", "the relay server is restarting");
    }

    private RelayServer(ServerConfig config, AdminContext admin) {
        this.config = config;
        Clock clock = Clock.systemUTC();
        long startedAt = clock.millis();
        DataDirectory.create(config.dataDir());
        ServerConfig.Security security = config.security();
        this.pairingTokens = new PairingTokenStore(config.dataDir(), security.pairingToken(), new SecureRandom());
        if (security.pairing()) {
            pairingTokens.current(); // created (or checked) now: a corrupt file stops the start, not the first client
            LOG.log(System.Logger.Level.INFO, pairingTokens.isFixed() ? "pairing on; token from TABRELAY_PAIRING_TOKEN"
                    : "pairing on; token in " + pairingTokens.file().toAbsolutePath() + " (`tabrelay token` prints it)");
        } else {
            LOG.log(System.Logger.Level.WARNING, "pairing off: any local process or page that passes the origin rules"
                    + " may use the relay without a token");
        }
        this.accessPolicy = new AccessPolicy(new AccessPolicy.Settings(security.pairing(),
                new LinkedHashSet<>(security.extensionIds()), new LinkedHashSet<>(security.allowedHosts()),
                new LinkedHashSet<>(security.allowedOrigins()), config.host()), pairingTokens, clock);
        FrameCodec codec = FrameCodec.builder().maxFrameBytes(config.maxFrameBytes())
                .maxAge(config.maxMessageAge()).clock(clock).build();
        Ids ids = new Ids();
        TabDirectory tabs = new TabDirectory(clock);
        EventStore store = new EventStore(config.logsPerTab(), config.maxTabs());
        Subscriptions subscriptions = new Subscriptions();
        EventHub hub = new EventHub(store, subscriptions, registry, codec, new Redactor(security.redactHeaders()));
        ScreenshotService screenshots = new ScreenshotService(tabs, pending, ids, clock, config.requestTimeout());
        Json json = new Json(codec.moshi());
        HttpErrors errors = new HttpErrors(json);
        HttpGuard guard = new HttpGuard(accessPolicy, errors);
        SecurityRoutes securityRoutes = new SecurityRoutes(accessPolicy, pairingTokens,
                new SecurityRoutes.Identity(UUID.randomUUID().toString(), startedAt, VERSION), port::get, registry, json, errors);
        // Legacy frames and bodies have no envelope: the dialect mints ids like the relay's and stamps our clock.
        Envelopes envelopes = new Envelopes(() -> ids.next("bt"), clock);
        BrowserToolsRoutes browserTools = new BrowserToolsRoutes(hub, screenshots, new LegacyState(), json, envelopes,
                new ScreenshotFiles(config.dataDir().resolve("screenshots"), clock), port::get);

        ServerConfig.Chat chat = config.chat();
        this.chatPolicy = new ChatPolicyHolder(chatPolicyOf(config));
        this.chatRouter = new ChatRouter(tabs, pending, chatPolicy, clock, admin.recorder());
        ApiRoutes api = new ApiRoutes(new ApiRoutes.ServerFacts(VERSION, startedAt, chatRouter::queued,
                chatRouter::runningCount), registry, tabs, store, pending, screenshots, json, errors,
                new FrameValues(codec), clock);
        this.sessions = new SessionRegistry(chatRouter::busy);
        SessionRoutes sessionRoutes = new SessionRoutes(sessions, json);

        ServerConfig.Ops ops = config.ops();
        PairingCheck pairing = new PairingCheck(security.pairing(), pairingTokens::current);
        LeaseManager leases = new LeaseManager(new LeaseSettings(ops.leaseTtl(), ops.leaseRenewAfter(),
                ops.leaseQueueWait()), clock, Timers.of(scheduler), () -> ids.next("lease"),
                new LeaseFrames(registry, ids, clock));
        CdpRelay cdp = new CdpRelay(tabs, pending, registry, new CdpSessions(), leases, ids, clock, ops.cdpTimeout());
        AnnotationRelay annotations = new AnnotationRelay(tabs, pending, ids, clock, ops.annotationTimeout());
        Optional<Jwt> tunnelJwt = Optional.ofNullable(ops.tunnelSecret())
                .map(secret -> new Jwt(secret.getBytes(StandardCharsets.UTF_8), codec.moshi()));
        TunnelTokenRoutes tunnelTokens = new TunnelTokenRoutes(tunnelJwt, pairing, tabs, ops.tunnelAudience(),
                ops.tunnelMaxTtl(), json, errors, clock);
        LeaseRoutes leaseRoutes = new LeaseRoutes(leases, json, clock);

        // Whatever waited on a socket fails the moment it goes, however it went.
        registry.onClose(connection -> pending.failConnection(connection.id(), RequestFailure.disconnected(connection)));
        registry.onClose(connection -> {
            if (connection.kind() == ConnectionKind.EXTENSION) { // before tabs::remove: the notice names the tabs
                cdp.extensionGone(connection, tabIdsOf(tabs, connection));
                endTunnels(connection.id());
            }
        });
        registry.onClose(connection -> leases.connectionClosed(connection.id()));
        registry.onClose(tabs::remove);
        registry.onClose(connection -> subscriptions.forget(connection.id()));
        registry.onClose(connection -> sessions.connectionClosed(connection.id()));
        chatRouter.watch(registry); // after tabs::remove, so queued requests see the tab gone
        registry.onClose(connection -> {
            if (connection.kind() == ConnectionKind.EXTENSION && connection.isAuthenticated()) {
                admin.recorder().extensionDisconnected(connection.id(), describe(connection));
            }
        });
        AdminRoutes adminRoutes = new AdminRoutes(admin, new LiveServer(VERSION, config.host(), port::get,
                config.port(), startedAt, registry, tabs, sessions, chatRouter, chatPolicy), json, errors, clock);
        AdminPage adminPage = new AdminPage();

        long heartbeatMs = config.heartbeatInterval().toMillis();
        String serverId = "tabrelay-server-" + VERSION;
        ExtensionHandler extensions = new ExtensionHandler(tabs, hub, pending, registry,
                new ExtensionHandler.AckInfo(serverId, EXTENSION_PROTOCOLS, config.maxFrameBytes(), heartbeatMs),
                clock, store::clear, browserTools::onNavigation);
        McpHandler mcp = new McpHandler(subscriptions, screenshots, registry,
                new ExtensionHandler.AckInfo(serverId, MCP_PROTOCOLS, config.maxFrameBytes(), heartbeatMs),
                clock, store::clear);
        RelayListener.Services services = new RelayListener.Services(registry, codec,
                new ConnectionSettings(config.maxFrameBytes(), config.messagesPerSecond(), config.outboundQueue(),
                        config.heartbeatInterval()),
                writers, ids, () -> new Heartbeat("alive", clock.millis() - startedAt, registry.size()));
        LegacyJson legacyFrames = LegacyJson.withMaxFrameBytes(config.maxFrameBytes());
        FrameHandler recordedExtensions = new FrameHandler() {
            @Override
            public void onOpen(Connection connection) {
                extensions.onOpen(connection);
                admin.recorder().extensionConnected(connection.id(), describe(connection));
            }

            @Override
            public void onFrame(Connection connection, dev.tabrelay.protocol.Message message) {
                extensions.onFrame(connection, message);
            }
        };
        // An extension that did not authenticate at the upgrade reaches none of these before its handshake pairs it.
        FrameHandler extensionFrames = new HandshakeGate(new ExtensionFrames(recordedExtensions,
                new ChatFrames(pending, clock), new SessionCommands(sessions, tabs, chatRouter, registry, subscriptions,
                clock), new ExtensionOpsFrames(cdp, annotations, clock), chatRouter::tabsChanged), accessPolicy, registry);
        UpgradeGuard extensionGuard = new UpgradeGuard(accessPolicy, EndpointKind.EXTENSION_SOCKET);
        RelayListener.Endpoint extensionEndpoint = new RelayListener.Endpoint(ConnectionKind.EXTENSION,
                EXTENSION_PROTOCOLS, extensionFrames, () -> new LegacyDialect("browsertools",
                        new BrowserToolsExtensionFrames(legacyFrames, envelopes),
                        new BrowserToolsServerFrames(legacyFrames, envelopes)), extensionGuard);
        ChatRoutes chatRoutes = new ChatRoutes(chatRouter, json, errors, clock, chat.keepAlive(), ChatRoutes.Flavor.OPENAI,
                clientWatch, scheduler);
        RelayListener.Endpoint mcpEndpoint = new RelayListener.Endpoint(ConnectionKind.MCP, MCP_PROTOCOLS, mcp, null,
                new UpgradeGuard(accessPolicy, EndpointKind.MCP_SOCKET));
        OpsHandshake opsHandshake = new OpsHandshake(pairing, registry,
                new ExtensionHandler.AckInfo(serverId, OPS_PROTOCOLS, config.maxFrameBytes(), heartbeatMs), clock);
        UpgradeGuard opsGuard = new UpgradeGuard(accessPolicy, EndpointKind.OPS_SOCKET);
        RelayListener.Endpoint opsEndpoint = new RelayListener.Endpoint(ConnectionKind.OPS, OPS_PROTOCOLS,
                new OpsHandler(opsHandshake, leases, cdp, annotations, clock), null, opsGuard);
        RelayListener.Endpoint annotationEndpoint = new RelayListener.Endpoint(ConnectionKind.ANNOTATION,
                ANNOTATION_PROTOCOLS, new AnnotationHandler(opsHandshake, annotations, clock), null, opsGuard);
        UpgradeGuard tunnelGuard = new UpgradeGuard(accessPolicy, EndpointKind.TUNNEL_SOCKET);
        Optional<RelayListener.Endpoint> tunnelEndpoint = tunnelJwt.map(jwt -> new RelayListener.Endpoint(
                ConnectionKind.TUNNEL, List.of(TunnelGate.SUBPROTOCOL),
                new TunnelHandler(mcp, subscriptions, tabs, store, registry, clock), null,
                tunnelGuard.then(new TunnelGate(jwt, ops.tunnelAudience(), ops.tunnelClockSkew(), clock, tabs))));
        WsRouting.Builder wsRouting = WsRouting.builder()
                .endpoint("/extension-ws", () -> new RelayListener(extensionEndpoint, services))
                .endpoint("/extension", () -> new RelayListener(extensionEndpoint, services))
                .endpoint("/mcp-ws", () -> new RelayListener(mcpEndpoint, services))
                .endpoint("/ops", () -> new RelayListener(opsEndpoint, services))
                .endpoint("/annotation", () -> new RelayListener(annotationEndpoint, services));
        tunnelEndpoint.ifPresent(endpoint -> wsRouting.endpoint("/tunnel/*", () -> new RelayListener(endpoint, services)));
        WsConfig wsConfig = WsConfig.builder().maxFrameLength(transportFrameLimit(config.maxFrameBytes())).build();

        this.webServer = WebServer.builder()
                .host(config.host())
                .port(config.port())
                .shutdownHook(false) // Main's hook closes sockets with 1001 before Helidon stops
                // Subscribers only read: with Nagle on, each small event waits for the delayed ACK (p99 ~45 ms).
                .connectionOptions(options -> options.tcpNoDelay(true))
                .shutdownGracePeriod(config.shutdownGrace())
                .maxPayloadSize(BrowserToolsRoutes.MAX_BODY_BYTES) // BrowserTools accepted 50 MB bodies
                .addProtocol(clientWatch.http1Config())
                .addProtocol(wsConfig)
                // upgrades see the peer's address; the same HTTP/1 settings so chat requests keep their client watch
                .addConnectionSelector(PeerStampingUpgrader.selector(clientWatch.http1Config(), wsConfig))
                .routing(routing -> {
                    routing.addFilter(guard); // Host, Origin, token, rate limits and CORS before any route
                    securityRoutes.register(routing);
                    api.register(routing);
                    chatRoutes.register(routing);
                    sessionRoutes.register(routing);
                    browserTools.register(routing);
                    adminRoutes.register(routing);
                    adminPage.register(routing);
                    leaseRoutes.register(routing);
                    tunnelTokens.register(routing);
                    fallbacks(routing, errors);
                })
                .addRouting(wsRouting)
                .build();
        Envelopes legacyEnvelopes = new Envelopes(() -> ids.next("legacy"), clock);
        if (chat.chatRelayPort() != null) {
            // The Chat Relay extension dials any path of its server's HTTP port; the API lives beside it.
            Supplier<LegacyDialect> dialect = () -> ChatRelayDialect.forOneConnection(legacyFrames, legacyEnvelopes);
            ChatRelayHealth health = new ChatRelayHealth(json, clock, () -> countDialect("chat-relay"));
            legacyServers.add(new NamedServer("chat-relay", legacyServer(chat.chatRelayPort(), routing -> {
                health.register(routing);
                chatRoutes.register(routing);
            }, errors, guard, extensionFrames, extensionGuard, dialect, services)));
        }
        if (chat.browcallWsPort() != null) {
            Supplier<LegacyDialect> dialect = () -> BrowcallDialect.forOneConnection(legacyFrames, legacyEnvelopes);
            ChatRelayHealth health = new ChatRelayHealth(json, clock, () -> countDialect("browcall"));
            ChatRoutes browcallRoutes = new ChatRoutes(chatRouter, json, errors, clock, chat.keepAlive(),
                    ChatRoutes.Flavor.BROWCALL, clientWatch, scheduler);
            legacyServers.add(new NamedServer("browcall-ws", legacyServer(chat.browcallWsPort(), health::register,
                    errors, guard, extensionFrames, extensionGuard, dialect, services)));
            legacyServers.add(new NamedServer("browcall-api", legacyServer(chat.browcallApiPort(), routing -> {
                health.register(routing);
                browcallRoutes.register(routing);
            }, errors, guard, null, null, null, services)));
        }
        this.liveness = new LivenessMonitor(registry, clock, config.heartbeatInterval(), scheduler);
    }

    /**
     * A compatibility listener: its HTTP routes and, when {@code frames} is given, extension WebSockets on any
     * path speaking a legacy dialect (one dialect instance per socket: the legacy ids are per connection).
     */
    private WebServer legacyServer(int listenPort, java.util.function.Consumer<HttpRouting.Builder> routes,
                                   HttpErrors errors, HttpGuard guard, FrameHandler frames, UpgradeGuard gate,
                                   Supplier<LegacyDialect> dialect, RelayListener.Services services) {
        WsConfig wsConfig = WsConfig.builder().maxFrameLength(transportFrameLimit(config.maxFrameBytes())).build();
        io.helidon.webserver.WebServerConfig.Builder builder = WebServer.builder()
                .host(config.host())
                .port(listenPort)
                .shutdownHook(false)
                .shutdownGracePeriod(config.shutdownGrace())
                .addProtocol(clientWatch.http1Config())
                .addProtocol(wsConfig)
                .addConnectionSelector(PeerStampingUpgrader.selector(clientWatch.http1Config(), wsConfig))
                .routing(routing -> {
                    routing.addFilter(guard); // the same policy on every listener
                    routes.accept(routing);
                    fallbacks(routing, errors);
                });
        if (frames != null) {
            Supplier<io.helidon.websocket.WsListener> listener = () -> new RelayListener(new RelayListener.Endpoint(
                    ConnectionKind.EXTENSION, EXTENSION_PROTOCOLS, frames, dialect, gate), services);
            builder.addRouting(WsRouting.builder().endpoint("/", listener).endpoint("/*", listener));
        }
        return builder.build();
    }

    private static List<String> tabIdsOf(TabDirectory tabs, Connection extension) {
        return tabs.offers().stream().filter(o -> o.connection() == extension).findFirst()
                .map(TabDirectory.Offer::tabIds).orElse(List.of());
    }

    /** The session's extension left: its tunnels have nothing more to see (reconnecting gets 404). */
    private void endTunnels(String sessionId) {
        if (stopping.get()) {
            return; // shutdown closes every socket itself, with its notice and 1001; this would race it with 1000
        }
        for (Connection tunnel : registry.ofKind(ConnectionKind.TUNNEL)) {
            if (sessionId.equals(tunnel.admission().scope())) {
                registry.terminate(tunnel, WsCloseCodes.NORMAL_CLOSE, "session " + sessionId + " ended");
            }
        }
    }

    private int countDialect(String dialect) {
        return (int) registry.ofKind(ConnectionKind.EXTENSION).stream().filter(c -> dialect.equals(c.dialect())).count();
    }

    private static void fallbacks(HttpRouting.Builder routing, HttpErrors errors) {
        routing.error(Json.BadRequest.class, (req, res, e) -> errors.badRequest(res, e.getMessage()));
        routing.error(RuntimeException.class, (req, res, e) -> {
            LOG.log(System.Logger.Level.WARNING, "request failed: " + req.prologue(), e);
            errors.serverError(res, "internal error: " + e.getMessage());
        });
        routing.any((req, res) -> errors.notFound(res,
                "no endpoint " + req.prologue().method().text() + " " + req.path().path()));
    }

    private static String describe(Connection connection) {
        String from = connection.remoteAddress() == null ? "?" : connection.remoteAddress().replaceFirst("^/", "");
        return "from " + from + (connection.dialect() == null ? "" : ", dialect " + connection.dialect());
    }

    static ChatPolicy chatPolicyOf(ServerConfig config) {
        ServerConfig.Chat chat = config.chat();
        return new ChatPolicy(chat.timeout(), NewRequestBehavior.parse(chat.newRequestBehavior()), chat.maxQueueLength());
    }

    /**
     * Builds and starts a server on its own (embedded use, tests): admin settings are taken from the config,
     * not from {@code server-config.json}, and the admin API cannot restart it. {@link RelayRuntime} is the
     * full version.
     */
    /**
     * One timer thread. Every chat request and screenshot arms a timeout that is cancelled when the answer comes;
     * cancelled timers are removed at once, or a busy relay would keep each one (and what it captured) for the
     * whole timeout, ~2 minutes for chat.
     */
    private static ScheduledExecutorService timers() {
        ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, r -> {
            Thread thread = new Thread(r, "tabrelay-timers");
            thread.setDaemon(true);
            return thread;
        });
        timers.setRemoveOnCancelPolicy(true);
        return timers;
    }

    public static RelayServer start(ServerConfig config) {
        AdminContext admin = AdminContext.create(new SettingsStore(config.dataDir()),
                AdminSettings.of(config.port(), chatPolicyOf(config)), Clock.systemUTC(), Restarter.UNAVAILABLE);
        return start(config, admin);
    }

    /** Builds and starts a server generation on shared admin state; the returned instance knows its real port. */
    public static RelayServer start(ServerConfig config, AdminContext admin) {
        RelayServer server = new RelayServer(config, admin);
        try {
            started(server.webServer.start(), "tabrelay", config.host(), config.port());
            server.port.set(server.webServer.port());
            server.legacyServers.forEach(named -> started(named.server().start(), named.name(), config.host(),
                    named.server().prototype().port()));
        } catch (RuntimeException e) {
            server.stop();
            throw e;
        }
        return server;
    }

    /** Helidon 4.3.1 logs a failed bind and returns a stopped server (port -1) instead of throwing. */
    private static void started(WebServer server, String name, String host, int requestedPort) {
        if (!server.isRunning() || server.port() < 0) {
            throw new IllegalStateException("cannot listen on " + host + ":" + requestedPort + " (" + name
                    + "); is the port in use?");
        }
    }

    public int port() {
        return port.get();
    }

    public String host() {
        return config.host();
    }

    /** Every listener with its real port, the main one first. */
    public List<Listener> listeners() {
        List<Listener> list = new ArrayList<>();
        list.add(new Listener("tabrelay", config.host(), port()));
        legacyServers.forEach(named -> list.add(new Listener(named.name(), config.host(), named.server().port())));
        return list;
    }

    /** The live chat settings (timeout, queue or drop, queue length); the admin API changes them here. */
    public ChatPolicyHolder chatPolicy() {
        return chatPolicy;
    }

    ChatRouter chatRouter() {
        return chatRouter;
    }

    ClientWatch clientWatch() {
        return clientWatch;
    }

    SessionRegistry sessions() {
        return sessions;
    }

    public ServerConfig config() {
        return config;
    }

    /** The one access policy (Host, Origin, token, rate limits); endpoints added later plug into it. */
    public AccessPolicy accessPolicy() {
        return accessPolicy;
    }

    /** Where the pairing token lives (the file, or the fixed one from the environment). */
    public PairingTokenStore pairingTokens() {
        return pairingTokens;
    }

    public boolean isRunning() {
        return webServer.isRunning() && !stopping.get();
    }

    /** Completes when {@link #stop()} has finished. */
    public CompletableFuture<Void> stopped() {
        return stopped;
    }

    /**
     * Fails every pending request with a clear error, closes every socket with 1001 after its queued frames,
     * then stops Helidon (whose own stop would drop sockets without a close frame).
     */
    public void stop() {
        stop(StopReason.SHUTDOWN);
    }

    /** As {@link #stop()}, telling clients and peers that the server restarts (they may come back at once). */
    void stopForRestart() {
        stop(StopReason.RESTART);
    }

    private void stop(StopReason reason) {
        if (!stopping.compareAndSet(false, true)) {
            stopped.join();
            return;
        }
        try {
            liveness.close();
            registry.shutdown();
            chatRouter.shutdown(reason.message()); // queued chats fail first, so finishing ones cannot start them
            pending.failAll(new RequestFailure(RequestFailure.SHUTDOWN, reason.message()));
            List<Connection> connections = List.copyOf(registry.all());
            for (Connection connection : connections) {
                connection.send(Message.of("close_" + connection.id(), System.currentTimeMillis(),
                        new ConnectionClose(reason.code(), WsCloseCodes.GOING_AWAY, reason.message())));
                registry.terminate(connection, WsCloseCodes.GOING_AWAY, "server shutdown");
            }
            awaitFlush(connections, config.shutdownGrace());
            legacyServers.forEach(named -> {
                if (named.server().isRunning()) {
                    named.server().stop();
                }
            });
            webServer.stop();
        } finally {
            writers.shutdownNow();
            scheduler.shutdownNow();
            stopped.complete(null);
        }
    }

    private static void awaitFlush(List<Connection> connections, Duration grace) {
        try {
            // Our close frame written, then the peer's reply read: see Connection#peerGone.
            CompletableFuture.allOf(connections.stream().map(c -> c.closed().thenCompose(written -> c.peerGone()))
                            .toArray(CompletableFuture[]::new))
                    .get(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            LOG.log(System.Logger.Level.WARNING, "some sockets did not flush within " + grace + "; dropping them");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            LOG.log(System.Logger.Level.DEBUG, "flush wait failed", e);
        }
    }

    @Override
    public void close() {
        stop();
    }

    /**
     * Helidon aborts a frame over its limit mid-read, and closing with unread input makes TCP reset the socket,
     * so the peer may never see the 1009. Let Helidon read up to twice our limit; the codec then refuses the
     * frame and the close is clean.
     */
    static int transportFrameLimit(int maxFrameBytes) {
        return (int) Math.min(Integer.MAX_VALUE - 8, 2L * maxFrameBytes + 64 * 1024);
    }

}
