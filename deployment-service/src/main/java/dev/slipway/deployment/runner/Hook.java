package dev.slipway.deployment.runner;

import java.time.Duration;
import java.util.Objects;

/**
 * A hook of app.yaml (CFG-2): a bash script, run with {@code bash -e}, and the time it may take.
 * A null or blank script is no hook: running it does nothing and succeeds.
 */
public record Hook(String script, Duration timeout) {

    /** What a hook gets when the service configures nothing else. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(30);

    public Hook {
        Objects.requireNonNull(timeout, "timeout");
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive, was " + timeout);
        }
    }

    public static Hook of(String script) {
        return new Hook(script, DEFAULT_TIMEOUT);
    }

    public static Hook none() {
        return new Hook(null, DEFAULT_TIMEOUT);
    }

    public boolean isEmpty() {
        return script == null || script.isBlank();
    }
}
