package dev.tabrelay.simulator;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/** Parses the command line into a {@link Simulator.Builder} plus the run's own options. */
record CliOptions(Simulator.Builder builder, Duration duration, boolean help) {

    static final String USAGE = """
            Usage: java -jar tabrelay-simulator.jar [options]
              A headless browser extension for TabRelay: simulated tabs that answer chat and screenshots,
              generate events and inject faults. One line per event on stdout, a summary when it stops.

              --url URL                 relay base URL (default http://127.0.0.1:3025); for chat-relay the
                                        Chat Relay listener (e.g. ws://127.0.0.1:PORT)
              --token T                 the relay's pairing token (Authorization: Bearer on every connection)
              --tabs N                  number of tabs (default 1): sim-tab-1..N
              --tab-prefix P            tab id prefix (default sim-tab-; browcall: 100 → 1001, 1002…)
              --page-url URL            page the tabs show (default https://shop.example.com/products)
              --dialect D               canonical | chat-relay | browser-tools | browcall (default canonical)
              --chat B                  echo | fixed:TEXT | file:PATH | error:MSG | silent (default echo)
              --chunks N                stream each answer in N chunks (default 1 = whole)
              --chunk-delay-ms MS       delay between chunks (default 50)
              --model ID                advertise a chat model (repeatable; none = serve any model)
              --events-per-second R     events per tab per second, spread over --event-kinds (default 0)
              --event-kinds K,K         console,network,element (default all three)
              --screenshot WxH          screenshot size (default 1280x720)
              --no-sessions             do not answer ConnectWindow session commands
              --no-cdp                  do not answer CDP and annotation commands (default: answer
                                        Browser.getVersion, Runtime.evaluate of arithmetic, Target.attachToTarget,
                                        Page.navigate, *.enable; emit the matching cdp-events)
              --connect-window API:WS   open a ConnectWindow session per tab on connect (e.g. 8766:8765)
              --duration-s S            stop by itself after S seconds (default: run until Ctrl-C/SIGTERM)
              --disconnect-after N      fault: drop each tab's connection after N sent messages, then reconnect
              --disconnect-random P     fault: drop with probability P (0..1) per sent message
              --reply-delay-ms MS       fault: delay every chat answer and screenshot
              --malformed-frames N      fault: send N frames of broken JSON on a raw connection
              --oversize-frames N       fault: send N frames over the 1 MiB limit (the relay closes with 1009)
              --stale-frames N          fault: send N frames with a ten-minute-old timestamp
              --help                    this text
            """;

    static CliOptions parse(String[] args) {
        Simulator.Builder b = Simulator.builder();
        Duration duration = null;
        ChatBehaviour chat = ChatBehaviour.echo();
        int chunks = 1;
        long chunkDelay = 50;
        double rate = 0;
        List<EventKind> kinds = List.of(EventKind.values());
        Faults faults = Faults.none();
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                return new CliOptions(b, null, true);
            }
            if (flag.equals("--no-sessions")) {
                b.sessions(false);
                continue;
            }
            if (flag.equals("--no-cdp")) {
                b.cdp(false);
                continue;
            }
            if (i + 1 >= args.length) {
                throw new IllegalArgumentException(flag + " needs a value (see --help)");
            }
            String v = args[++i];
            switch (flag) {
                case "--url" -> b.url(v);
                case "--token" -> b.pairingToken(v);
                case "--tabs" -> b.tabs(Integer.parseInt(v));
                case "--tab-prefix" -> b.tabPrefix(v);
                case "--page-url" -> b.pageUrl(v);
                case "--dialect" -> b.dialect(Dialect.parse(v));
                case "--connect-window" -> b.connectWindow(ConnectWindow.parse(v));
                case "--chat" -> chat = ChatBehaviour.parse(v);
                case "--chunks" -> chunks = Integer.parseInt(v);
                case "--chunk-delay-ms" -> chunkDelay = Long.parseLong(v);
                case "--model" -> b.models(v);
                case "--events-per-second" -> rate = Double.parseDouble(v);
                case "--event-kinds" -> kinds = split(v, EventKind::parse);
                case "--screenshot" -> {
                    String[] wh = v.toLowerCase(java.util.Locale.ROOT).split("x");
                    if (wh.length != 2) {
                        throw new IllegalArgumentException("--screenshot wants WIDTHxHEIGHT, e.g. 800x600");
                    }
                    b.screenshots(Integer.parseInt(wh[0]), Integer.parseInt(wh[1]));
                }
                case "--duration-s" -> duration = Duration.ofMillis(Math.round(Double.parseDouble(v) * 1000));
                case "--disconnect-after" -> faults = faults.disconnectAfter(Integer.parseInt(v));
                case "--disconnect-random" -> faults = faults.disconnectRandomly(Double.parseDouble(v));
                case "--reply-delay-ms" -> faults = faults.replyDelay(Duration.ofMillis(Long.parseLong(v)));
                case "--malformed-frames" -> faults = faults.malformedFrames(Integer.parseInt(v));
                case "--oversize-frames" -> faults = faults.oversizeFrames(Integer.parseInt(v));
                case "--stale-frames" -> faults = faults.staleFrames(Integer.parseInt(v));
                default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
            }
        }
        b.chat(chat.inChunks(chunks, Duration.ofMillis(chunkDelay))).faults(faults);
        if (rate > 0) {
            // The rate is per tab, shared by the chosen kinds.
            for (EventKind kind : kinds) {
                b.events(new EventRate(kind, rate / kinds.size()));
            }
        }
        return new CliOptions(b, duration, false);
    }

    private static <T> List<T> split(String csv, java.util.function.Function<String, T> parse) {
        List<T> values = new ArrayList<>();
        for (String part : csv.split(",")) {
            if (!part.isBlank()) {
                values.add(parse.apply(part));
            }
        }
        return values;
    }

    static void printUsage(Consumer<String> out) {
        out.accept(USAGE.stripTrailing());
    }
}
