package dev.slipway.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to run: the command and its arguments (no shell involved), the working directory, the
 * complete environment the process sees (nothing is inherited from the caller, DEP-10), how long it
 * may take, and how long it gets between TERM and KILL once it must stop.
 */
public record ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment,
        Duration timeout, Duration killGrace) {

    /** Long enough for a script to clean up after TERM, short enough not to hold up a deployment. */
    public static final Duration DEFAULT_KILL_GRACE = Duration.ofSeconds(5);

    public ProcessSpec {
        command = List.copyOf(command);
        if (command.isEmpty() || command.get(0).isEmpty()) {
            throw new IllegalArgumentException("command must name a program");
        }
        Objects.requireNonNull(workingDirectory, "workingDirectory");
        environment = Map.copyOf(environment);
        requirePositive(timeout, "timeout");
        requirePositive(killGrace, "killGrace");
    }

    public ProcessSpec(List<String> command, Path workingDirectory, Map<String, String> environment, Duration timeout) {
        this(command, workingDirectory, environment, timeout, DEFAULT_KILL_GRACE);
    }

    public ProcessSpec withKillGrace(Duration killGrace) {
        return new ProcessSpec(command, workingDirectory, environment, timeout, killGrace);
    }

    private static void requirePositive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive, was " + duration);
        }
    }
}
