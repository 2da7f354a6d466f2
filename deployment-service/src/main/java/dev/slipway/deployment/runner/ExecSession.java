package dev.slipway.deployment.runner;

import dev.slipway.process.AttachedProcess;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.OptionalLong;

/**
 * A command or shell running in a node's current release (SSH-3), driven through its streams:
 * write to {@link #stdin()} and close it at the client's end of input; read {@link #stdout()} and
 * {@link #stderr()} (both, or the process blocks once a pipe is full) until they end. No pty.
 */
public final class ExecSession {

    private final AttachedProcess process;
    private final Path releaseDirectory;

    ExecSession(AttachedProcess process, Path releaseDirectory) {
        this.process = process;
        this.releaseDirectory = releaseDirectory;
    }

    public OutputStream stdin() {
        return process.stdin();
    }

    public InputStream stdout() {
        return process.stdout();
    }

    public InputStream stderr() {
        return process.stderr();
    }

    public long pid() {
        return process.process().pid();
    }

    public OptionalLong processGroupId() {
        return process.process().processGroupId();
    }

    /** The release it runs in, as the node's {@code current} link resolved when it started. */
    public Path releaseDirectory() {
        return releaseDirectory;
    }

    /** Sends a signal by name ({@code INT}, {@code TERM}, ...) to the session's process group. */
    public boolean signal(String signal) {
        return process.process().signal(signal);
    }

    /** Ends the session and everything it started with KILL, as a closed connection must. */
    public void kill() {
        process.process().signal("KILL");
        process.process().cancel();
    }

    /**
     * Waits for the end; the exit code, or 128 + the signal's number when a signal ended it. An
     * interrupted wait kills the session first.
     */
    public int await() throws InterruptedException {
        return process.process().await().exitCode();
    }
}
