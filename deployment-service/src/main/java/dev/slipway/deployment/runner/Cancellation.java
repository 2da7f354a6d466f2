package dev.slipway.deployment.runner;

import dev.slipway.process.RunningProcess;

/**
 * Cancels the runner's work for one deployment (DEP-3), from any thread: the hook that runs now is
 * stopped with its whole process tree and reports {@code cancelled}; a hook asked to start after
 * the cancel does not start and reports {@code cancelled} as well. One per deployment.
 */
public final class Cancellation {

    private boolean cancelled;
    private RunningProcess current;

    public synchronized void cancel() {
        cancelled = true;
        if (current != null) {
            current.cancel();
        }
    }

    public synchronized boolean isCancelled() {
        return cancelled;
    }

    /** Makes {@code process} the one a cancel stops; stops it at once when already cancelled. */
    synchronized void attach(RunningProcess process) {
        current = process;
        if (cancelled) {
            process.cancel();
        }
    }

    synchronized void detach(RunningProcess process) {
        if (current == process) {
            current = null;
        }
    }
}
