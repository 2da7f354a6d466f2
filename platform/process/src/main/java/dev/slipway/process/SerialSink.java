package dev.slipway.process;

import java.util.Optional;

/**
 * Stands between a run's two output readers and the caller's sink: one line at a time, nothing
 * after the run returned (a process outside the tree may still hold a pipe open), and nothing after
 * the sink first failed, so that a broken sink neither blocks the process nor hides the failure.
 */
final class SerialSink implements LineSink {

    private final LineSink target;
    private boolean closed;
    private RuntimeException failure;

    SerialSink(LineSink target) {
        this.target = target;
    }

    @Override
    public synchronized void line(Channel channel, String text) {
        if (closed || failure != null) {
            return;
        }
        try {
            target.line(channel, text);
        } catch (RuntimeException e) {
            failure = e;
        }
    }

    /** Stops delivery; the sink's first failure, if it failed. */
    synchronized Optional<RuntimeException> close() {
        closed = true;
        return Optional.ofNullable(failure);
    }
}
