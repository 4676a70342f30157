package dev.tabrelay.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The server options the suite starts its own targets with (container: {@code TABRELAY_*} environment, process:
 * {@code --KEY VALUE} flags). The one place to add an option a suite needs and the admin API cannot set at runtime.
 * A {@code url} target runs with whatever its owner chose: tests relying on these values check {@link #configured}
 * and then verify only what does not depend on them (or skip with an assumption naming the option).
 */
final class ServerOptions {

    /** request-timeout-ms: the screenshot timeout (default 10 s), short so timeout checks finish quickly. */
    static final Duration SCREENSHOT_TIMEOUT = Duration.ofSeconds(3);

    static final Map<String, String> OPTIONS;

    static {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("request-timeout-ms", Long.toString(SCREENSHOT_TIMEOUT.toMillis()));
        OPTIONS = Map.copyOf(options);
    }

    private ServerOptions() {
    }

    /** {@code TABRELAY_REQUEST_TIMEOUT_MS=3000}, ... for the container. */
    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        OPTIONS.forEach((key, value) -> env.put("TABRELAY_" + key.toUpperCase(Locale.ROOT).replace('-', '_'), value));
        return env;
    }

    /** {@code --request-timeout-ms 3000}, ... for the process. */
    static List<String> flags() {
        List<String> flags = new ArrayList<>();
        OPTIONS.forEach((key, value) -> {
            flags.add("--" + key);
            flags.add(value);
        });
        return flags;
    }

    /** Whether the suite started this target with {@link #OPTIONS} (container and process), not a url target. */
    static boolean configured(ServerTarget target) {
        return !"url".equals(target.mode());
    }

    /** The screenshot timeout the target runs with: ours, or the documented default for a url target. */
    static Duration screenshotTimeout(ServerTarget target) {
        return Optional.of(target).filter(ServerOptions::configured).map(t -> SCREENSHOT_TIMEOUT)
                .orElse(Duration.ofSeconds(10));
    }
}
