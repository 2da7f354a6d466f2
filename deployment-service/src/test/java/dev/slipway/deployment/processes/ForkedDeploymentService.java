package dev.slipway.deployment.processes;

import dev.slipway.devinfra.Processes;
import dev.slipway.devinfra.ServiceLauncher;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * One instance of the packaged deployment-service ({@code target/quarkus-app/quarkus-run.jar}, as
 * {@code bin/slipway up} runs it) in a JVM of its own, which a test may SIGKILL and start again
 * under the same instance id. Each life logs to a file of its own under the test's folder.
 */
final class ForkedDeploymentService {

    private static final Duration READY_BOUND = Duration.ofMinutes(3);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final String instanceId;
    private final int httpPort;
    private final Path logDir;
    private final Map<String, String> environment = new LinkedHashMap<>();
    private final List<Path> logs = new ArrayList<>();
    private Process process;

    ForkedDeploymentService(String instanceId, int httpPort, Path logDir) {
        this.instanceId = instanceId;
        this.httpPort = httpPort;
        this.logDir = logDir;
        environment.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort));
    }

    /** One more configuration value, as an environment variable the service documents. */
    ForkedDeploymentService with(String variable, String value) {
        environment.put(variable, value);
        return this;
    }

    String instanceId() {
        return instanceId;
    }

    boolean isAlive() {
        return process != null && process.isAlive();
    }

    /** Starts a new life and waits until {@code /q/health/ready} answers UP (database migrated, partitions assigned). */
    ForkedDeploymentService start() {
        if (isAlive()) {
            throw new IllegalStateException(instanceId + " runs already");
        }
        Path jar = runnerJar();
        Path log = logDir.resolve(instanceId + "-life-" + (logs.size() + 1) + ".log");
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        command.addAll(Arrays.asList(ServiceLauncher.DEFAULT_JAVA_OPTS.split(" ")));
        command.addAll(List.of("-jar", jar.getFileName().toString()));
        try {
            Files.createDirectories(logDir);
            ProcessBuilder builder = new ProcessBuilder(command).directory(jar.getParent().toFile())
                    .redirectInput(new File("/dev/null")).redirectErrorStream(true).redirectOutput(log.toFile());
            // Only what this test configures, not whatever the build's own environment says.
            builder.environment().clear();
            builder.environment().put("PATH", "/usr/local/bin:/usr/bin:/bin");
            builder.environment().put("HOME", System.getProperty("user.home"));
            builder.environment().putAll(environment);
            process = builder.start();
            logs.add(log);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        awaitReady();
        return this;
    }

    /** Starts it unless it runs (a test before may have killed it). */
    ForkedDeploymentService ensureStarted() {
        return isAlive() ? this : start();
    }

    /** SIGKILL, as a crash or the OOM killer would: no shutdown hook runs, nothing is cleaned up. */
    void killHard() {
        Process current = process;
        current.destroyForcibly(); // SIGKILL on Linux
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                throw new IllegalStateException(instanceId + " survived SIGKILL");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** The end of a test class: TERM (the service cancels its running hooks), KILL for whatever is left after a grace. */
    void stop() {
        Process current = process;
        if (current == null || !current.isAlive()) {
            return;
        }
        List<ProcessHandle> descendants = current.descendants().toList();
        current.destroy();
        try {
            if (!current.waitFor(30, TimeUnit.SECONDS)) {
                current.destroyForcibly();
                current.waitFor(30, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            current.destroyForcibly();
        }
        descendants.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroyForcibly);
    }

    /** The last {@code lines} of every life's log, for a failure's report. */
    String logTails(int lines) {
        StringBuilder tails = new StringBuilder();
        for (Path log : logs) {
            tails.append("----- ").append(log).append(" (last ").append(lines).append(" lines)\n");
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                all.subList(Math.max(0, all.size() - lines), all.size()).forEach(line -> tails.append(line).append('\n'));
            } catch (IOException | UncheckedIOException e) {
                tails.append("(unreadable: ").append(e.getMessage()).append(")\n");
            }
        }
        return tails.toString();
    }

    private void awaitReady() {
        try {
            Awaitility.await(instanceId + " ready on port " + httpPort).atMost(READY_BOUND).pollInterval(Duration.ofMillis(250))
                    .until(() -> !process.isAlive() || "UP".equals(readiness()));
        } catch (ConditionTimeoutException e) {
            throw new IllegalStateException(instanceId + " did not get ready:\n" + logTails(60), e);
        }
        if (!process.isAlive()) {
            throw new IllegalStateException(instanceId + " exited with " + process.exitValue() + " while starting:\n" + logTails(60));
        }
    }

    private String readiness() {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + httpPort + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(3)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "DOWN";
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no answer";
        }
    }

    /** Built by the {@code package} phase, before Failsafe runs; the POM names it. */
    private static Path runnerJar() {
        Path jar = Path.of(System.getProperty("slipway.it.runner-jar", "target/quarkus-app/quarkus-run.jar")).toAbsolutePath();
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: run the package phase first (./mvnw verify does)");
        }
        return jar;
    }
}
