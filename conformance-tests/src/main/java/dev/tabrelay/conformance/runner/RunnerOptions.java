package dev.tabrelay.conformance.runner;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runner's command line.
 *
 * @param targets   --target values (container, process, url=http://HOST:PORT); several allowed
 * @param extension --extension: wait for a third-party extension instead of checking a server
 * @param listen    --listen HOST:PORT for extension mode (default 127.0.0.1:3025)
 * @param reportDir --report-dir (default conformance-report)
 * @param suites    --suite filters (simple class names, with or without the ConformanceIT suffix)
 * @param token     --token: pairing token for url targets
 * @param serverJar --server-jar: the jar process mode runs (default: this runner jar, which carries the server)
 * @param dockerContext --docker-context: the staged server image context for container mode
 * @param image     --image: run this existing server image in container mode instead of building one
 * @param waitSeconds --wait-s: how long extension mode waits for the extension (default 300)
 * @param help      --help
 */
record RunnerOptions(List<String> targets, boolean extension, String listen, Path reportDir, List<String> suites,
                     Optional<String> token, Optional<Path> serverJar, Optional<Path> dockerContext,
                     Optional<String> image, long waitSeconds, boolean help) {

    static final String USAGE = """
            usage: java -jar tabrelay-conformance.jar (--target TARGET ... | --extension) [options]

            Checks a relay server (or a browser extension) against the TabRelay protocol, prints one line per
            check, a summary table, and writes JUnit XML (one file per suite) and one HTML report.

            what to check:
              --target url=http://HOST:PORT   a running server (yours or anyone's)
              --target process                TabRelay's server as a child process (bundled in this jar)
              --target container              TabRelay's server image in Docker (Testcontainers; built from
                                              --docker-context, or --image NAME)
              --extension                     play the relay for a browser extension: listen on --listen and wait
                                              for it to connect, then send it the protocol's commands
            options:
              --report-dir DIR                where reports go (default conformance-report)
              --suite NAME                    only this suite (e.g. Handshake or ChatConformanceIT); repeatable
              --token TOKEN                   pairing token for url targets (Authorization: Bearer, HTTP and WS)
              --listen HOST:PORT              extension mode's address (default 127.0.0.1:3025)
              --wait-s N                      how long extension mode waits for the extension (default 300)
              --server-jar JAR                the server jar process mode runs (default: this jar)
              --docker-context DIR            staged server image context (default ../server-helidon/target/docker-context)
              --image NAME                    an existing server image for container mode
              --help                          this text

            exit code: 0 every check passed (or was skipped), 1 a check failed, 2 bad arguments.
            """;

    static RunnerOptions parse(String... args) {
        List<String> targets = new ArrayList<>();
        List<String> suites = new ArrayList<>();
        boolean extension = false;
        boolean help = false;
        String listen = "127.0.0.1:3025";
        Path reportDir = Path.of("conformance-report");
        String token = null;
        Path serverJar = null;
        Path dockerContext = null;
        String image = null;
        long wait = 300;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> help = true;
                case "--extension" -> extension = true;
                case "--target" -> targets.add(value(args, ++i, arg));
                case "--suite" -> suites.add(value(args, ++i, arg));
                case "--report-dir" -> reportDir = Path.of(value(args, ++i, arg));
                case "--token" -> token = value(args, ++i, arg);
                case "--listen" -> listen = value(args, ++i, arg);
                case "--server-jar" -> serverJar = Path.of(value(args, ++i, arg));
                case "--docker-context" -> dockerContext = Path.of(value(args, ++i, arg));
                case "--image" -> image = value(args, ++i, arg);
                case "--wait-s" -> wait = Long.parseLong(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown option '" + arg + "' (see --help)");
            }
        }
        if (!help && targets.isEmpty() && !extension) {
            throw new IllegalArgumentException("say what to check: --target url=http://HOST:PORT, --target process,"
                    + " --target container, or --extension (see --help)");
        }
        if (!targets.isEmpty() && extension) {
            throw new IllegalArgumentException("--target and --extension are separate runs; pick one");
        }
        return new RunnerOptions(List.copyOf(targets), extension, listen, reportDir, List.copyOf(suites),
                Optional.ofNullable(token), Optional.ofNullable(serverJar), Optional.ofNullable(dockerContext),
                Optional.ofNullable(image), wait, help);
    }

    private static String value(String[] args, int i, String flag) {
        if (i >= args.length || args[i].startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return args[i];
    }

    boolean containerTarget() {
        return targets.contains("container");
    }
}
