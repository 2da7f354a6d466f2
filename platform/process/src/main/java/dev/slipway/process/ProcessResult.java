package dev.slipway.process;

import java.time.Duration;

/**
 * How a run ended. {@code exitCode} is the process's own code, or 128 + the signal's number when a
 * signal ended it (so 143 or 137 after a timeout), or -1 when it could not be learnt.
 */
public record ProcessResult(int exitCode, boolean timedOut, Duration duration) {

    /** Exited with 0 within its time. */
    public boolean succeeded() {
        return !timedOut && exitCode == 0;
    }
}
