package dev.slipway.systemtests;

import dev.slipway.devinfra.SuiteService;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One service of the suite as a child process: the packaged {@code quarkus-run.jar}, started with
 * the command {@code bin/slipway up} uses, from the application's folder, in a session and process
 * group of its own ({@code setsid}) so that it and whatever it started can be stopped together. It
 * gets only the environment the suite gives it (nothing of the build's own environment) and logs to
 * one file; its PID is recorded so that a run killed before it could stop the suite has its
 * leftovers stopped by the next one.
 */
final class ServiceProcess {

    private static final Path SETSID = Path.of("/usr/bin/setsid");
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final SuiteService service;
    private final int httpPort;
    private final List<String> command;
    private final Path workDir;
    private final Map<String, String> environment;
    private final Path log;
    private final Path pidFile;
    private Process process;
    /** What a killed process had started (a deploy hook's process group): a crash leaves it running; {@link #stop()} ends it. */
    private final List<ProcessHandle> orphans = new ArrayList<>();

    ServiceProcess(SuiteService service, int httpPort, List<String> command, Path workDir, Map<String, String> environment, Path log,
            Path pidFile) {
        this.service = service;
        this.httpPort = httpPort;
        this.command = List.copyOf(command);
        this.workDir = workDir;
        this.environment = Map.copyOf(environment);
        this.log = log;
        this.pidFile = pidFile;
    }

    SuiteService service() {
        return service;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    Path log() {
        return log;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    void start() {
        if (isAlive()) {
            throw new IllegalStateException(service.module() + " runs already");
        }
        if (!Files.isExecutable(SETSID)) {
            throw new IllegalStateException(SETSID + " is missing (util-linux): the suite needs it to stop each service with what it started");
        }
        List<String> full = new ArrayList<>();
        full.add(SETSID.toString());
        full.addAll(command);
        try {
            Files.createDirectories(log.getParent());
            Files.createDirectories(pidFile.getParent());
            ProcessBuilder builder = new ProcessBuilder(full).directory(workDir.toFile())
                    .redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
            builder.environment().clear();
            builder.environment().putAll(environment);
            process = builder.start();
            Files.writeString(pidFile, Long.toString(process.pid()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + service.module(), e);
        }
    }

    /**
     * SIGKILL to the JVM alone, as a crash (OOM killer, a lost node) would end it: no shutdown hook
     * runs, and what it had started (a deploy hook in its own process group) keeps running until the
     * service's recovery ends it, or {@link #stop()} at the end of the run. Returns when it is gone.
     */
    void kill() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            throw new IllegalStateException(service.module() + " does not run");
        }
        orphans.addAll(current.descendants().toList());
        current.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(service.module() + " (" + current.pid() + ") survived SIGKILL for 30 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code /q/health/ready} answers UP: migrated, consumer in its group (EVT-5). */
    boolean isReady() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create(url() + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Fails when the process has ended (its log says why). */
    void requireAlive() {
        if (process != null && !process.isAlive()) {
            throw new IllegalStateException(service.module() + " exited with " + process.exitValue() + " (see " + log + ")");
        }
    }

    /**
     * TERM (Quarkus shuts down; deployment-service cancels its running hooks), KILL after a grace;
     * then KILL to its process group and to every process it had started, so nothing outlives it.
     */
    void stop() {
        Process current = process;
        if (current == null) {
            killOrphans();
            return;
        }
        List<ProcessHandle> descendants = current.descendants().toList();
        try {
            current.destroy();
            if (!current.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                current.destroyForcibly();
                current.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        killGroup(current.pid());
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        killOrphans();
        try {
            Files.deleteIfExists(pidFile);
        } catch (IOException ignored) {
            // the next run checks the command line before it stops anything
        }
    }

    private void killOrphans() {
        orphans.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
        orphans.clear();
    }

    /**
     * What an earlier run left when it was killed before it could stop its services: the process of
     * {@code pidFile}, if it still runs a packaged service (a PID may have been reused since), with
     * its group and descendants.
     */
    static void stopLeftover(Path pidFile) {
        if (!Files.isRegularFile(pidFile)) {
            return;
        }
        try {
            long pid = Long.parseLong(Files.readString(pidFile).strip());
            Optional<ProcessHandle> leftover = ProcessHandle.of(pid).filter(ProcessHandle::isAlive)
                    .filter(handle -> commandLine(pid).contains("quarkus-run.jar"));
            leftover.ifPresent(handle -> {
                List<ProcessHandle> descendants = handle.descendants().toList();
                killGroup(pid);
                handle.destroyForcibly();
                descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
                handle.onExit().orTimeout(30, TimeUnit.SECONDS).join();
            });
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            throw new IllegalStateException("Cannot read " + pidFile + "; stop what it names, then delete it", e);
        }
    }

    /**
     * KILL to the group {@code leader} led (setsid made it lead one; its members may outlive it). A
     * live process in another group leads none, and its group (the test's own, say) is left alone.
     */
    private static void killGroup(long leader) {
        if (processGroupOf(leader).filter(group -> group != leader).isPresent()) {
            return;
        }
        try {
            new ProcessBuilder("kill", "-KILL", "--", "-" + leader).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start().waitFor(10, TimeUnit.SECONDS); // exits 1 when the group is empty already
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The whole command line from {@code /proc/<pid>/cmdline}, arguments separated by spaces; empty
     * when the process is gone. ({@code ProcessHandle.Info} cuts long ones, such as a broker's class path.)
     */
    static String commandLine(long pid) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"), StandardCharsets.UTF_8).replace('\0', ' ');
        } catch (IOException e) {
            return "";
        }
    }

    /** {@code /proc/<pid>/stat}: "pid (comm) state ppid pgrp ...", where comm may hold spaces and parentheses. */
    private static Optional<Long> processGroupOf(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(Long.parseLong(fields[2]));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** The last {@code lines} lines of its log. */
    String logTail(int lines) {
        StringBuilder tail = new StringBuilder("----- ").append(log).append(" (last ").append(lines).append(" lines)\n");
        try {
            List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
            all.subList(Math.max(0, all.size() - lines), all.size()).forEach(line -> tail.append(line).append('\n'));
        } catch (IOException | UncheckedIOException e) {
            tail.append("(unreadable: ").append(e.getMessage()).append(")\n");
        }
        return tail.toString();
    }
}
