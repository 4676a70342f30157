package dev.tabrelay.server;

import dev.tabrelay.server.security.DataDirectory;
import dev.tabrelay.server.security.PairingToken;
import dev.tabrelay.server.security.PairingTokenStore;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

/**
 * {@code java -jar tabrelay-server.jar [serve] [options]}: stdout carries only the listening lines and --help.
 * {@code --healthcheck} (with the same options/environment) probes a running server's /health and exits 0 or 1;
 * {@code token [--rotate]} prints (or first replaces) the pairing token.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        int code = run(Arrays.asList(args), System.getenv(), System.out, System.err);
        if (code != 0) {
            System.exit(code);
        }
    }

    /**
     * Runs until the server stops; returns the exit code: 0 after a clean stop, 2 for bad options, 1 when the
     * server cannot start (e.g. a corrupt {@code server-config.json}: the message names the file and the problem)
     * or a restart left it unable to listen.
     */
    static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        List<String> arguments = args;
        if (!arguments.isEmpty() && arguments.get(0).equals("token")) {
            return token(arguments.subList(1, arguments.size()), env, out, err);
        }
        if (!arguments.isEmpty() && arguments.get(0).equals("serve")) {
            arguments = arguments.subList(1, arguments.size());
        }
        boolean healthcheck = arguments.contains("--healthcheck");
        if (healthcheck) {
            arguments = arguments.stream().filter(a -> !a.equals("--healthcheck")).toList();
        }
        Options parsed = Options.parse(arguments, env, out, err);
        if (parsed.exit() != null) {
            return parsed.exit();
        }
        ConfigLoader.Result result = parsed.result();
        if (healthcheck) {
            return new HealthCheck(Duration.ofSeconds(3)).probe(HealthCheck.healthUri(result.config()));
        }
        RelayRuntime runtime;
        try {
            // Every generation (the first, and each admin restart) announces its listeners.
            runtime = RelayRuntime.start(result.config(), result.explicit(), server -> {
                listeningLines(server).forEach(out::println);
                out.flush();
            });
        } catch (RuntimeException e) {
            err.println("tabrelay: cannot start: " + e.getMessage());
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(runtime::stop, "tabrelay-shutdown"));
        try {
            runtime.stopped().join();
            return 0;
        } catch (CompletionException e) {
            err.println("tabrelay: " + e.getCause().getMessage());
            return 1;
        }
    }

    /**
     * {@code token [--rotate] [options]}: prints the pairing token of the data directory the options name (creating
     * it on first use), after replacing it with {@code --rotate}. A running server picks a rotation up at its next
     * check. Exit 0, 2 for bad options, 1 when the token cannot be read, written or rotated.
     */
    static int token(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        boolean rotate = args.contains("--rotate");
        List<String> options = args.stream().filter(a -> !a.equals("--rotate")).toList();
        Options parsed = Options.parse(options, env, out, err);
        if (parsed.exit() != null) {
            return parsed.exit();
        }
        ServerConfig config = parsed.result().config();
        try {
            DataDirectory.create(config.dataDir());
            PairingTokenStore store = new PairingTokenStore(config.dataDir(), config.security().pairingToken(),
                    new SecureRandom());
            PairingToken token = rotate ? store.rotate() : store.current();
            out.println(token.hex());
            err.println("tabrelay: " + (store.isFixed() ? "token from " + ConfigLoader.envName("pairing-token")
                    : (rotate ? "rotated; " : "") + "token file " + store.file().toAbsolutePath()));
            return 0;
        } catch (RuntimeException e) {
            err.println("tabrelay: " + e.getMessage());
            return 1;
        }
    }

    /** One {@code listening on http://HOST:PORT (NAME)} line per listener, the main one first. */
    static List<String> listeningLines(RelayServer server) {
        return server.listeners().stream().map(l -> "listening on http://"
                + (l.host().contains(":") ? "[" + l.host() + "]" : l.host()) + ":" + l.port() + " (" + l.name() + ")").toList();
    }

    /** Parsed options, or the exit code when they were bad (2, explained on err) or asked for --help (0). */
    private record Options(ConfigLoader.Result result, Integer exit) {

        static Options parse(List<String> arguments, Map<String, String> env, PrintStream out, PrintStream err) {
            ConfigLoader.Result result;
            try {
                result = ConfigLoader.load(arguments, env);
            } catch (IllegalArgumentException e) {
                err.println("tabrelay: " + e.getMessage());
                err.println("Try --help.");
                return new Options(null, 2);
            }
            if (result.help()) {
                out.print(ConfigLoader.usage());
                return new Options(null, 0);
            }
            return new Options(result, null);
        }
    }
}
