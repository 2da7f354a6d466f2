package dev.slipway.devinfra;

import dev.slipway.process.ProcessResult;
import dev.slipway.process.ProcessRunner;
import dev.slipway.process.ProcessSpec;
import dev.slipway.process.TailSink;
import java.io.File;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/** Background processes that outlive the command that started them, tracked by PID files. */
public final class Processes {

    private static final ProcessRunner RUNNER = new ProcessRunner();
    /** Far more than the tools run here print; a bound all the same, as for any output we keep. */
    private static final int RUN_OUTPUT_LINES = 10_000;

    private Processes() {
    }

    /** Path of the JVM running this code, so children use the same Java. */
    public static String javaExecutable() {
        return ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }

    /**
     * Starts {@code command} in its own session ({@code setsid}) so it survives this JVM and the
     * terminal, with stdout and stderr appended to {@code log}, and records its PID in {@code pidFile}.
     */
    public static ProcessHandle startDetached(List<String> command, Path workDir, Path log, Path pidFile,
            java.util.Map<String, String> environment) {
        List<String> full = new ArrayList<>();
        if (new File("/usr/bin/setsid").canExecute()) {
            full.add("/usr/bin/setsid");
        }
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(full)
                    .directory(workDir.toFile())
                    .redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                    .redirectErrorStream(true);
            builder.environment().putAll(environment);
            Process process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
            return process.toHandle();
        } catch (IOException e) {
            throw new InfraException("Cannot start " + command.get(0) + ": " + e.getMessage(), e);
        }
    }

    /** The live process whose PID {@code pidFile} holds; removes a stale file. */
    public static Optional<ProcessHandle> fromPidFile(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return Optional.empty();
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).trim());
            Optional<ProcessHandle> handle = ProcessHandle.of(pid).filter(ProcessHandle::isAlive);
            if (handle.isEmpty()) {
                Files.deleteIfExists(pidFile);
            }
            return handle;
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** Stops the process of {@code pidFile} (TERM, then KILL after {@code grace}); true when one ran. */
    public static boolean stop(Path pidFile, Duration grace) {
        Optional<ProcessHandle> handle = fromPidFile(pidFile);
        handle.ifPresent(process -> {
            process.descendants().forEach(ProcessHandle::destroy);
            process.destroy();
            if (!await(() -> !process.isAlive(), grace)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                await(() -> !process.isAlive(), Duration.ofSeconds(10));
            }
        });
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // a PID file we cannot delete is overwritten on the next start
        }
        return handle.isPresent();
    }

    /** Resident memory of a process in MiB (VmRSS from /proc), or -1 where /proc does not tell. */
    public static long residentMegabytes(ProcessHandle process) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc", Long.toString(process.pid()), "status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
                }
            }
        } catch (IOException | NumberFormatException e) {
            // not Linux, or the process just ended
        }
        return -1;
    }

    public static boolean portOpen(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Polls {@code condition} every 100 ms until it holds or {@code timeout} passes. */
    public static boolean await(BooleanSupplier condition, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (true) {
            if (condition.getAsBoolean()) {
                return true;
            }
            if (Instant.now().isAfter(deadline)) {
                return false;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
    }

    /**
     * Runs a short command to completion in this JVM's working directory, failing with its output
     * when it exits non-zero or overruns {@code timeout}; returns its output, stdout and stderr
     * together. initdb, pg_ctl, chown and Kafka's StorageTool need PATH and the like, so the command
     * gets this process's environment, handed over explicitly since the runner inherits nothing.
     */
    public static String run(List<String> command, Duration timeout) {
        TailSink output = new TailSink(RUN_OUTPUT_LINES);
        ProcessResult result;
        try {
            result = RUNNER.run(new ProcessSpec(command, Path.of("").toAbsolutePath(), System.getenv(), timeout), output);
        } catch (IOException e) {
            throw new InfraException(e.getMessage(), e); // names the command and what is missing
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InfraException("Interrupted while running " + command.get(0), e);
        }
        if (result.timedOut()) {
            throw new InfraException(String.join(" ", command) + " did not finish in " + timeout + ":\n" + output.text());
        }
        if (result.exitCode() != 0) {
            throw new InfraException(String.join(" ", command) + " failed (exit " + result.exitCode() + "):\n" + output.text());
        }
        return output.text();
    }
}
