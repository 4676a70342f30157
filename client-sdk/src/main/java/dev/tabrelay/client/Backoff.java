package dev.tabrelay.client;

import java.time.Duration;
import java.util.Objects;

/**
 * When to reconnect after a connection drops: {@code initialDelay × multiplier^attempt}, capped at
 * {@code maxDelay}, spread by ± {@code jitter} (a fraction) so many clients do not reconnect in lock step,
 * for at most {@code maxAttempts} attempts in a row. The default matches the seed clients (1 s, 2 s, 4 s, 8 s,
 * 16 s: five tries) plus 20 % jitter. Immutable; {@code with…} methods return a new policy.
 *
 * @param maxAttempts 0 disables reconnecting; {@link Integer#MAX_VALUE} retries forever
 */
public record Backoff(Duration initialDelay, double multiplier, Duration maxDelay, int maxAttempts, double jitter) {

    public Backoff {
        Objects.requireNonNull(initialDelay, "initialDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        if (initialDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("delays must not be negative");
        }
        if (multiplier < 1.0) {
            throw new IllegalArgumentException("multiplier must be at least 1: " + multiplier);
        }
        if (maxAttempts < 0) {
            throw new IllegalArgumentException("maxAttempts must not be negative: " + maxAttempts);
        }
        if (jitter < 0 || jitter > 1) {
            throw new IllegalArgumentException("jitter must be within 0..1: " + jitter);
        }
    }

    /** 1 s doubling up to 30 s, five attempts, 20 % jitter. */
    public static Backoff exponential() {
        return new Backoff(Duration.ofSeconds(1), 2.0, Duration.ofSeconds(30), 5, 0.2);
    }

    /** Never reconnect: a drop closes the client. */
    public static Backoff none() {
        return new Backoff(Duration.ZERO, 1.0, Duration.ZERO, 0, 0);
    }

    public Backoff withInitialDelay(Duration value) {
        return new Backoff(value, multiplier, maxDelay, maxAttempts, jitter);
    }

    public Backoff withMaxDelay(Duration value) {
        return new Backoff(initialDelay, multiplier, value, maxAttempts, jitter);
    }

    public Backoff withMaxAttempts(int value) {
        return new Backoff(initialDelay, multiplier, maxDelay, value, jitter);
    }

    public Backoff withJitter(double value) {
        return new Backoff(initialDelay, multiplier, maxDelay, maxAttempts, value);
    }

    public boolean enabled() {
        return maxAttempts > 0;
    }

    /**
     * The delay before attempt {@code attempt} (0-based).
     *
     * @param random a uniform value in [0, 1) that places the jitter
     */
    public Duration delay(int attempt, double random) {
        double base = initialDelay.toMillis() * Math.pow(multiplier, Math.min(attempt, 62));
        double capped = Math.min(base, maxDelay.toMillis());
        double spread = capped * jitter * (2 * random - 1);
        return Duration.ofMillis(Math.max(0, Math.round(capped + spread)));
    }
}
