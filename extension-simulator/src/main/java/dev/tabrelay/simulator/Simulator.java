package dev.tabrelay.simulator;

import okhttp3.OkHttpClient;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;

/**
 * A headless browser extension: one or more simulated tabs connected to a relay, answering chat and screenshots
 * and generating events as configured. Usable from tests and from the CLI ({@link Main}).
 *
 * <pre>{@code
 * try (Simulator sim = Simulator.builder().url("http://127.0.0.1:3025").tabs(2)
 *         .chat(ChatBehaviour.streamed(3, Duration.ofMillis(50)))
 *         .events(EventRate.console(5), EventRate.network(1)).screenshots(640, 480).build()) {
 *     sim.start();
 *     ...
 * }   // stop(): closes every connection and prints the summary
 * }</pre>
 */
public final class Simulator implements AutoCloseable {

    /** Everything a run is configured with. */
    public record Settings(String url, List<TabSpec> tabs, Dialect dialect, ChatBehaviour chat, List<String> models,
                           List<EventRate> events, int screenshotWidth, int screenshotHeight, Faults faults,
                           boolean sessions, ConnectWindow connectWindow, boolean cdp, String pairingToken) {
        public Settings {
            tabs = List.copyOf(tabs);
            models = List.copyOf(models);
            events = List.copyOf(events);
        }
    }

    private final Settings settings;
    private final Output out;
    private final Stats stats = new Stats();
    private final ScheduledExecutorService scheduler;
    private final Context ctx;
    private final List<SimulatedTab> running = new ArrayList<>();
    private final OkHttpClient rawHttp;
    private FaultSocket faultSocket;
    private boolean started;
    private boolean stopped;

    private Simulator(Settings settings, Consumer<String> sink) {
        this.settings = settings;
        this.out = new Output(sink);
        OkHttpClient.Builder http = new OkHttpClient.Builder();
        if (settings.pairingToken() != null) {
            // Every raw socket (legacy dialects, BrowserTools, faults) and HTTP post presents the pairing token.
            String bearer = "Bearer " + settings.pairingToken();
            http.addInterceptor(chain -> chain.proceed(chain.request().newBuilder().header("Authorization", bearer).build()));
        }
        this.rawHttp = http.build();
        // One thread keeps each stream's chunks in order and event timing simple.
        this.scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "tabrelay-simulator");
            t.setDaemon(true);
            return t;
        });
        this.ctx = new Context(settings, scheduler, stats, out, new AtomicLong(), rawHttp);
    }

    public static Builder builder() {
        return new Builder();
    }

    public Settings settings() {
        return settings;
    }

    /** Connects every tab (waiting for each handshake), then starts event generators and fault injection. */
    public synchronized Simulator start() {
        if (started) {
            throw new IllegalStateException("already started");
        }
        started = true;
        out.line(null, "starting " + settings.tabs().size() + " tab(s), dialect " + settings.dialect().cliName()
                + ", relay " + settings.url());
        long seed = 1;
        try {
            for (TabSpec tab : settings.tabs()) {
                SimulatedTab simulated = Dialects.create(tab, ctx, seed++);
                running.add(simulated);
                simulated.start();
            }
        } catch (RuntimeException e) {
            stop(); // tabs already connected must not outlive a failed start
            throw e;
        }
        for (SimulatedTab tab : running) {
            for (EventRate rate : settings.events()) {
                long period = rate.periodMillis();
                scheduler.scheduleAtFixedRate(() -> safely(() -> tab.publish(rate.kind())), period, period,
                        TimeUnit.MILLISECONDS);
            }
        }
        if (settings.faults().needsRawSocket()) {
            faultSocket = new FaultSocket(ctx, rawHttp);
            faultSocket.start();
        }
        return this;
    }

    private void safely(Runnable step) {
        try {
            step.run();
        } catch (RuntimeException e) {
            out.line(null, "generator step failed: " + e);
        }
    }

    /** Publishes one event of {@code kind} on every tab now (tests use it instead of waiting for a rate). */
    public void publishNow(EventKind kind) {
        running.forEach(tab -> tab.publish(kind));
    }

    /** Completes when the frame-level faults were all answered (or at once when none were configured). */
    public CompletableFuture<Stats.Summary> faultsDone() {
        return faultSocket == null ? CompletableFuture.completedFuture(stats.summary())
                : faultSocket.done().thenApply(r -> stats.summary());
    }

    /** The counters so far. */
    public Stats.Summary summary() {
        return stats.summary();
    }

    /** Closes every connection and stops the generators; prints and returns the summary. Idempotent. */
    public synchronized Stats.Summary stop() {
        if (stopped) {
            return stats.summary();
        }
        stopped = true;
        scheduler.shutdownNow();
        running.forEach(SimulatedTab::close);
        rawHttp.dispatcher().executorService().shutdown();
        rawHttp.connectionPool().evictAll();
        Stats.Summary summary = stats.summary();
        out.line(null, summary.line());
        return summary;
    }

    @Override
    public void close() {
        stop();
    }

    /** Configures a {@link Simulator}; defaults: one tab, canonical dialect, echo chat, no events, 1280x720 shots. */
    public static final class Builder {
        private String url = "http://127.0.0.1:3025";
        private final List<TabSpec> explicitTabs = new ArrayList<>();
        private int tabCount = 1;
        private String tabPrefix;
        private String pageUrl = "https://shop.example.com/products";
        private Dialect dialect = Dialect.CANONICAL;
        private ChatBehaviour chat = ChatBehaviour.echo();
        private final List<String> models = new ArrayList<>();
        private final List<EventRate> events = new ArrayList<>();
        private int width = 1280;
        private int height = 720;
        private Faults faults = Faults.none();
        private boolean sessions = true;
        private boolean cdp = true;
        private ConnectWindow connectWindow;
        private Consumer<String> output = System.out::println;
        private String pairingToken;

        private Builder() {
        }

        /** The relay's base URL (http or ws; for legacy dialects, the legacy listener's URL). */
        public Builder url(String value) {
            this.url = Objects.requireNonNull(value);
            return this;
        }

        /** Simulates {@code n} tabs named {@code sim-tab-1}… on pages {@code pageUrl?tab=1}… (unless tabs are given). */
        public Builder tabs(int n) {
            if (n < 1) {
                throw new IllegalArgumentException("tabs must be at least 1");
            }
            this.tabCount = n;
            return this;
        }

        public Builder tabPrefix(String value) {
            this.tabPrefix = Objects.requireNonNull(value);
            return this;
        }

        public Builder pageUrl(String value) {
            this.pageUrl = Objects.requireNonNull(value);
            return this;
        }

        /** Adds one explicit tab; when any are given, {@link #tabs(int)} is ignored. */
        public Builder tab(String tabId, String pageUrl) {
            explicitTabs.add(new TabSpec(tabId, pageUrl));
            return this;
        }

        public Builder dialect(Dialect value) {
            this.dialect = Objects.requireNonNull(value);
            return this;
        }

        public Builder chat(ChatBehaviour value) {
            this.chat = Objects.requireNonNull(value);
            return this;
        }

        /** Chat models to advertise (none: the tabs serve any model). */
        public Builder models(String... ids) {
            models.addAll(List.of(ids));
            return this;
        }

        public Builder events(EventRate... rates) {
            events.addAll(List.of(rates));
            return this;
        }

        public Builder screenshots(int width, int height) {
            PngImages.render(1, 1, ""); // fail fast in odd headless setups rather than on the first request
            if (width < 1 || height < 1) {
                throw new IllegalArgumentException("screenshot size must be positive");
            }
            this.width = width;
            this.height = height;
            return this;
        }

        public Builder faults(Faults value) {
            this.faults = Objects.requireNonNull(value);
            return this;
        }

        /** Whether tabs answer ConnectWindow session commands (default true). */
        public Builder sessions(boolean value) {
            this.sessions = value;
            return this;
        }

        /** Whether tabs answer CDP and annotation commands (default true). */
        public Builder cdp(boolean value) {
            this.cdp = value;
            return this;
        }

        /** Opens a ConnectWindow session per tab on connect (canonical dialect; null: none, the default). */
        public Builder connectWindow(ConnectWindow value) {
            this.connectWindow = value;
            return this;
        }

        /**
         * The relay's pairing token: sent as {@code Authorization: Bearer} on every WebSocket upgrade and HTTP
         * request, and in canonical {@code connection-init} (null: none, the default).
         */
        public Builder pairingToken(String value) {
            this.pairingToken = value;
            return this;
        }

        /** Where the one-line-per-event output goes (default stdout). */
        public Builder output(Consumer<String> value) {
            this.output = Objects.requireNonNull(value);
            return this;
        }

        public Simulator build() {
            List<TabSpec> tabs = new ArrayList<>(explicitTabs);
            if (tabs.isEmpty()) {
                // Browcall registers Chrome's numeric tab ids, so its default ids are numbers.
                String prefix = tabPrefix != null ? tabPrefix : dialect == Dialect.BROWCALL ? "100" : "sim-tab-";
                for (int i = 1; i <= tabCount; i++) {
                    tabs.add(new TabSpec(prefix + i, pageUrl + (pageUrl.contains("?") ? "&" : "?") + "tab=" + i));
                }
            }
            if (dialect == Dialect.BROWCALL && tabs.stream().anyMatch(t -> !t.tabId().matches("\\d{1,15}"))) {
                throw new IllegalArgumentException("browcall tab ids must be numbers (Chrome tab ids): " + tabs);
            }
            return new Simulator(new Settings(url, tabs, dialect, chat, models, events, width, height, faults,
                    sessions, connectWindow, cdp, pairingToken), output);
        }
    }
}
