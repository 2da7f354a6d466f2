package dev.slipway.process;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A process started by {@link ProcessRunner#start} or {@link ProcessRunner#attach}, supervised on a
 * thread of its own from the moment it started: its timeout holds whether anyone awaits it or not,
 * and whatever is left of its tree is stopped once it ended, timed out or was cancelled.
 *
 * <p>{@link #pid()} and {@link #processGroupId()} are known at once, so a caller can record them
 * (in a database, say) before awaiting the end; after a crash of the JVM,
 * {@link ProcessTree#killGroup(long, Duration)} stops the recorded group. Thread-safe: one thread
 * may await while another cancels or sends a signal.
 */
public final class RunningProcess {

    /** What becomes of the process's output once it ended; for a sink, the pumps feeding it. */
    interface Output {

        /**
         * Waits for the output to end, giving up after {@code idle} without progress or at
         * {@code deadlineNanos}; returns the sink's failure, if it failed.
         */
        Optional<RuntimeException> finish(Duration idle, long deadlineNanos) throws InterruptedException;

        /** Stops delivery at once: the caller no longer waits for it. */
        void abandon();

        Output NONE = new Output() {
            @Override
            public Optional<RuntimeException> finish(Duration idle, long deadlineNanos) {
                return Optional.empty();
            }

            @Override
            public void abandon() {
            }
        };
    }

    private final Process process;
    private final ProcessTree tree;
    private final ProcessSpec spec;
    private final boolean ownGroup;
    private final long startedNanos;
    private final CompletableFuture<Void> cancelRequested = new CompletableFuture<>();
    private final CompletableFuture<Ended> ended = new CompletableFuture<>();
    private Output output = Output.NONE;

    /** The result and, separately, what the sink threw: the result stands, the failure is rethrown. */
    private record Ended(ProcessResult result, Optional<RuntimeException> sinkFailure) {
    }

    RunningProcess(Process process, ProcessTree tree, ProcessSpec spec, boolean ownGroup, long startedNanos) {
        this.process = process;
        this.tree = tree;
        this.spec = spec;
        this.ownGroup = ownGroup;
        this.startedNanos = startedNanos;
    }

    /** Starts supervising; {@code output} is finished once the tree is stopped. */
    RunningProcess supervise(Output output) {
        this.output = output;
        Thread supervisor = new Thread(this::superviseToTheEnd, "process-" + process.pid() + "-supervisor");
        supervisor.setDaemon(true);
        supervisor.start();
        return this;
    }

    /** The process's id. */
    public long pid() {
        return process.pid();
    }

    /**
     * The id of the process group the command leads: its pid, since it was started through setsid.
     * Empty where there are no process groups (not Linux); then only its descendants can be stopped.
     */
    public OptionalLong processGroupId() {
        return ownGroup ? OptionalLong.of(process.pid()) : OptionalLong.empty();
    }

    /** The spec it was started with. */
    public ProcessSpec spec() {
        return spec;
    }

    /** Whether it has ended and its end has been handled (the tree stopped, the output delivered). */
    public boolean isDone() {
        return ended.isDone();
    }

    /**
     * Stops the process and everything it started: TERM to its group and descendants, KILL after the
     * spec's kill grace. Returns at once; {@link #await()} then reports {@code cancelled} (unless the
     * process had already ended by itself). Idempotent.
     */
    public void cancel() {
        cancelRequested.complete(null);
    }

    /**
     * Sends {@code signal} (a name without {@code SIG}: {@code INT}, {@code TERM}, {@code HUP}, ...)
     * to the process's group, as {@code kill -<signal> -<pgid>} does. Without process groups only
     * TERM and KILL can be sent, to the process itself. Returns whether it was delivered.
     *
     * @throws IllegalArgumentException when {@code signal} is not a signal name
     */
    public boolean signal(String signal) {
        ProcessTree.requireSignalName(signal);
        return !ended.isDone() && tree.send(signal);
    }

    /**
     * Waits for the end: the process ended, timed out or was cancelled, what was left of its tree is
     * stopped and its output delivered.
     *
     * @throws InterruptedException when the waiting thread is interrupted; as with
     *         {@link ProcessRunner#run}, the tree is killed (KILL, no grace) first
     * @throws RuntimeException what the sink threw; the sink received nothing after its first failure
     */
    public ProcessResult await() throws InterruptedException {
        Ended end;
        try {
            end = ended.get();
        } catch (InterruptedException e) {
            cancelRequested.complete(null);
            tree.kill(spec.killGrace());
            output.abandon();
            throw e;
        } catch (ExecutionException e) {
            throw rethrow(e.getCause());
        }
        if (end.sinkFailure().isPresent()) {
            throw end.sinkFailure().get();
        }
        return end.result();
    }

    private void superviseToTheEnd() {
        try {
            boolean timedOut = false;
            try {
                CompletableFuture.anyOf(process.onExit(), cancelRequested)
                        .get(Math.max(0, startedNanos + spec.timeout().toNanos() - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                timedOut = true;
            }
            // Cancelled only when the cancel found it still running: a process that ended by itself
            // a moment before keeps its own result.
            boolean cancelled = !timedOut && process.isAlive();
            // Also after a normal exit: a child left behind would keep running and, holding the pipes
            // open, keep the output from ever ending.
            tree.terminate(spec.killGrace());
            int exitCode = process.waitFor(spec.killGrace().toNanos(), TimeUnit.NANOSECONDS) ? process.exitValue() : -1;
            // A slow sink may still be working through what the pipes held; a process outside the
            // tree holding a pipe open shows as no progress at all, and is not waited for.
            long deadline = Math.max(System.nanoTime(), startedNanos + spec.timeout().toNanos()) + spec.killGrace().toNanos();
            Optional<RuntimeException> sinkFailure = output.finish(spec.killGrace(), deadline);
            Duration duration = Duration.ofNanos(System.nanoTime() - startedNanos);
            ended.complete(new Ended(new ProcessResult(exitCode, timedOut, cancelled, duration), sinkFailure));
        } catch (Throwable e) {
            // Whatever went wrong (no thread to be had, say), nothing of the run outlives it.
            tree.kill(spec.killGrace());
            output.abandon();
            ended.completeExceptionally(e);
        }
    }

    private static RuntimeException rethrow(Throwable cause) {
        if (cause instanceof RuntimeException runtime) {
            return runtime;
        }
        if (cause instanceof Error error) {
            throw error;
        }
        return new IllegalStateException("supervising the process failed", cause);
    }
}
