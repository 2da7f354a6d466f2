package dev.slipway.process;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs a command to completion the way a deployment hook must run (DEP-10): in a clean environment
 * with only the given variables, stdin from /dev/null, output streamed line by line to a sink, and
 * a timeout that holds whatever the process does. Nothing it started outlives the run: when the
 * command exits, or when its time is up, what is left of its process tree gets TERM and, after the
 * spec's grace, KILL.
 *
 * <p>A run takes at most about the timeout plus three times the kill grace. A non-zero exit is a
 * result, not an exception: what it means is the caller's decision. An instance holds no state
 * between runs and may be shared by any number of threads.
 *
 * <p>Limits: process groups need Linux ({@code setsid}, {@code kill}, /proc); elsewhere only the
 * descendants the JDK can see while the command runs are stopped. A process that starts a session
 * of its own (a daemon) leaves the group: it is stopped on timeout while its parent still runs, but
 * survives a command that exited normally, which is what {@code pg_ctl start} relies on.
 */
public final class ProcessRunner {

    /** Long enough for any sensible log line, short enough that a tail of lines stays small. */
    public static final int DEFAULT_MAX_LINE_BYTES = 8 * 1024;
    /** The search path execvp(3) uses when the environment has no PATH. */
    private static final String DEFAULT_PATH = "/bin:/usr/bin";

    private final int maxLineBytes;

    public ProcessRunner() {
        this(DEFAULT_MAX_LINE_BYTES);
    }

    /** A runner that hands on lines longer than {@code maxLineBytes} bytes in pieces of that size. */
    public ProcessRunner(int maxLineBytes) {
        if (maxLineBytes < 16) {
            throw new IllegalArgumentException("maxLineBytes must be at least 16, was " + maxLineBytes);
        }
        this.maxLineBytes = maxLineBytes;
    }

    /**
     * Runs {@code spec} and returns once it ended and its output was handed to {@code sink}:
     * {@code start(spec, sink).await()}.
     *
     * @throws IOException when the command cannot be started (no such program or working
     *         directory); the message names the command and the directory
     * @throws InterruptedException when the calling thread is interrupted; the tree is killed (KILL,
     *         no grace) first
     * @throws RuntimeException what {@code sink} threw, once the process has been stopped; the sink
     *         receives nothing after its first failure
     */
    public ProcessResult run(ProcessSpec spec, LineSink sink) throws IOException, InterruptedException {
        return start(spec, sink).await();
    }

    /**
     * Starts {@code spec} and returns at once with its handle: its pid and process group are known,
     * its output goes to {@code sink} line by line, its timeout runs, and it can be cancelled. The
     * guarantees of {@link #run} hold; {@link RunningProcess#await()} returns what {@code run} would.
     *
     * @throws IOException when the command cannot be started; the message names the command and the
     *         directory
     */
    public RunningProcess start(ProcessSpec spec, LineSink sink) throws IOException {
        Objects.requireNonNull(sink, "sink");
        long started = System.nanoTime();
        Optional<String> wrapper = ProcessTree.groupWrapper();
        Process process = launch(spec, wrapper, false);
        ProcessTree tree = ProcessTree.of(process, wrapper.isPresent());
        try {
            SerialSink output = new SerialSink(sink);
            String name = "process-" + process.pid();
            LinePump stdout = new LinePump(process.getInputStream(), Channel.STDOUT, output, maxLineBytes).start(name + "-stdout");
            LinePump stderr = new LinePump(process.getErrorStream(), Channel.STDERR, output, maxLineBytes).start(name + "-stderr");
            return new RunningProcess(process, tree, spec, wrapper.isPresent(), started).supervise(new RunningProcess.Output() {
                @Override
                public Optional<RuntimeException> finish(Duration idle, long deadlineNanos) throws InterruptedException {
                    stdout.awaitEnd(idle, deadlineNanos);
                    stderr.awaitEnd(idle, deadlineNanos);
                    return output.close();
                }

                @Override
                public void abandon() {
                    output.close();
                }
            });
        } catch (RuntimeException | Error e) {
            // No thread to be had: nothing of the run outlives it.
            tree.kill(spec.killGrace());
            throw e;
        }
    }

    /**
     * Starts {@code spec} with its standard streams left to the caller (stdin a pipe, not
     * /dev/null; output as raw bytes, not lines), for a command or shell that someone drives, such
     * as an SSH session (SSH-3). Clean environment, process group, timeout, cancel and the stop of
     * what is left once it ended are as for {@link #start}; there is no terminal (pty).
     *
     * @throws IOException when the command cannot be started
     */
    public AttachedProcess attach(ProcessSpec spec) throws IOException {
        long started = System.nanoTime();
        Optional<String> wrapper = ProcessTree.groupWrapper();
        Process process = launch(spec, wrapper, true);
        ProcessTree tree = ProcessTree.of(process, wrapper.isPresent());
        try {
            RunningProcess running = new RunningProcess(process, tree, spec, wrapper.isPresent(), started)
                    .supervise(RunningProcess.Output.NONE);
            return new AttachedProcess(running, process.getOutputStream(), process.getInputStream(), process.getErrorStream());
        } catch (RuntimeException | Error e) {
            tree.kill(spec.killGrace());
            throw e;
        }
    }

    private static Process launch(ProcessSpec spec, Optional<String> wrapper, boolean attached) throws IOException {
        Path directory = spec.workingDirectory().toAbsolutePath();
        if (!Files.isDirectory(directory)) {
            throw new IOException("Cannot start " + spec.command() + ": working directory " + directory + " does not exist");
        }
        List<String> command = new ArrayList<>();
        wrapper.ifPresent(command::add);
        // Resolved here, against the process's own PATH, so that the wrapper changes nothing and a
        // missing program is an IOException rather than an exit code from the wrapper.
        command.add(resolve(spec).toString());
        command.addAll(spec.command().subList(1, spec.command().size()));
        ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
        if (!attached) {
            builder.redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        }
        builder.environment().clear(); // DEP-10: a hook sees its variables and nothing of ours
        builder.environment().putAll(spec.environment());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new IOException("Cannot start " + spec.command() + " in " + directory + ": " + e.getMessage(), e);
        }
    }

    /** The program's file, found as execvp(3) finds it: a name with a slash as is, others on PATH. */
    private static Path resolve(ProcessSpec spec) throws IOException {
        String program = spec.command().get(0);
        // Absolute, as the child resolves a relative program after changing into the directory.
        Path directory = spec.workingDirectory().toAbsolutePath();
        if (program.contains("/")) {
            Path file = directory.resolve(program);
            if (isExecutableFile(file)) {
                return file;
            }
            throw new IOException("Cannot start " + spec.command() + ": " + file + " is not an executable file");
        }
        String path = spec.environment().getOrDefault("PATH", DEFAULT_PATH);
        for (String entry : path.split(":", -1)) {
            Path file = directory.resolve(entry).resolve(program); // an empty entry is the working directory
            if (isExecutableFile(file)) {
                return file;
            }
        }
        throw new IOException("Cannot start " + spec.command() + ": no executable " + program + " on PATH " + path);
    }

    private static boolean isExecutableFile(Path file) {
        return Files.isRegularFile(file) && Files.isExecutable(file);
    }
}
