package dev.slipway.process;

import java.time.Duration;

/**
 * How a run ended. {@code exitCode} is the process's own code, or 128 + the signal's number when a
 * signal ended it (so 143 or 137 after a timeout or a cancel), or -1 when it could not be learnt.
 * {@code cancelled} says that {@link RunningProcess#cancel()} stopped it before it ended by itself.
 */
public record ProcessResult(int exitCode, boolean timedOut, boolean cancelled, Duration duration) {

    /** A run that was not cancelled: what {@link ProcessRunner#run} returned before cancelling existed. */
    public ProcessResult(int exitCode, boolean timedOut, Duration duration) {
        this(exitCode, timedOut, false, duration);
    }

    /** Exited with 0 within its time, and was not cancelled. */
    public boolean succeeded() {
        return !timedOut && !cancelled && exitCode == 0;
    }
}
