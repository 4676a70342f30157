package dev.tabrelay.server;

import java.util.Arrays;
import java.util.List;

/** {@code java -jar tabrelay-server.jar [serve] [options]}: stdout carries only the listening line and --help. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) {
        List<String> arguments = Arrays.asList(args);
        if (!arguments.isEmpty() && arguments.get(0).equals("serve")) {
            arguments = arguments.subList(1, arguments.size());
        }
        ConfigLoader.Result result;
        try {
            result = ConfigLoader.load(arguments, System.getenv());
        } catch (IllegalArgumentException e) {
            System.err.println("tabrelay: " + e.getMessage());
            System.err.println("Try --help.");
            System.exit(2);
            return;
        }
        if (result.help()) {
            System.out.print(ConfigLoader.usage());
            return;
        }
        RelayServer server;
        try {
            server = RelayServer.start(result.config());
        } catch (RuntimeException e) {
            System.err.println("tabrelay: cannot start: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(server::stop, "tabrelay-shutdown"));
        listeningLines(server).forEach(System.out::println);
        System.out.flush();
        server.stopped().join();
    }

    /** One {@code listening on http://HOST:PORT (NAME)} line per listener, the main one first. */
    static java.util.List<String> listeningLines(RelayServer server) {
        return server.listeners().stream().map(l -> "listening on http://"
                + (l.host().contains(":") ? "[" + l.host() + "]" : l.host()) + ":" + l.port() + " (" + l.name() + ")").toList();
    }
}
