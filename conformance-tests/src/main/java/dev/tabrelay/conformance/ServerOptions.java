package dev.tabrelay.conformance;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
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

    /** lease-ttl-ms: short, so the lease suite sees an expiry without long waits (holders that need longer renew). */
    static final Duration LEASE_TTL = Duration.ofSeconds(4);
    /** lease-renew-after-ms: what auto-renewing ops clients wait before renewing. */
    static final Duration LEASE_RENEW_AFTER = Duration.ofSeconds(1);
    /** lease-queue-wait-ms: the longest wait in the lease queue. */
    static final Duration LEASE_QUEUE_WAIT = Duration.ofSeconds(20);
    /** redact-header: a header the simulator fills with secrets beyond the four redacted by default. */
    static final String EXTRA_REDACTED_HEADER = "X-Api-Key";

    /**
     * tunnel-secret: the HS256 key of /tunnel JWTs, random per run. The tunnel suite signs its own (good and bad)
     * tokens with it. Passed in the environment, never as a flag (flags show in {@code ps}).
     */
    static final String TUNNEL_SECRET = ContainerTarget.randomToken();

    static final Map<String, String> OPTIONS;

    static {
        Map<String, String> options = new LinkedHashMap<>();
        options.put("request-timeout-ms", Long.toString(SCREENSHOT_TIMEOUT.toMillis()));
        options.put("lease-ttl-ms", Long.toString(LEASE_TTL.toMillis()));
        options.put("lease-renew-after-ms", Long.toString(LEASE_RENEW_AFTER.toMillis()));
        options.put("lease-queue-wait-ms", Long.toString(LEASE_QUEUE_WAIT.toMillis()));
        options.put("redact-header", EXTRA_REDACTED_HEADER);
        OPTIONS = Collections.unmodifiableMap(options);
    }

    private ServerOptions() {
    }

    /** {@code TABRELAY_REQUEST_TIMEOUT_MS=3000}, ... plus {@link #secretEnvironment()}, for the container. */
    static Map<String, String> environment() {
        Map<String, String> env = new LinkedHashMap<>();
        OPTIONS.forEach((key, value) -> env.put(envName(key), value));
        env.putAll(secretEnvironment());
        return env;
    }

    /** The options that are secrets: environment only, for the container and the process alike. */
    static Map<String, String> secretEnvironment() {
        return Map.of(envName("tunnel-secret"), TUNNEL_SECRET);
    }

    private static String envName(String key) {
        return "TABRELAY_" + key.toUpperCase(Locale.ROOT).replace('-', '_');
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
