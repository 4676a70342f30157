package dev.tabrelay.simulator;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/** The CLI: {@code java -jar tabrelay-simulator.jar --help}. */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws InterruptedException {
        System.exit(run(args, System.out::println, System.err::println));
    }

    /** Runs the CLI and returns its exit code: 0 done, 1 could not start, 2 bad arguments. */
    static int run(String[] args, Consumer<String> out, Consumer<String> err) throws InterruptedException {
        CliOptions options;
        try {
            options = CliOptions.parse(args);
        } catch (RuntimeException e) {
            err.accept("error: " + e.getMessage());
            return 2;
        }
        if (options.help()) {
            CliOptions.printUsage(out);
            return 0;
        }
        Simulator simulator = options.builder().output(out).build();
        CountDownLatch stopped = new CountDownLatch(1);
        // SIGTERM and Ctrl-C run shutdown hooks: stop there so the summary is always printed.
        Thread hook = new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }, "tabrelay-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            simulator.start();
            if (options.duration() == null) {
                stopped.await();
            } else {
                stopped.await(options.duration().toMillis(), TimeUnit.MILLISECONDS);
            }
            return 0;
        } catch (RuntimeException e) {
            err.accept("error: could not start: " + e.getMessage());
            return 1;
        } finally {
            simulator.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is already running and prints the summary itself
            }
        }
    }
}
