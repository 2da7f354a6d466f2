package dev.slipway.devinfra;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts and stops the local one origin (module {@code dev-infra/origin}, API-8): the console and
 * {@code /api/v1} on one port, 8080 unless {@code SLIPWAY_ORIGIN_PORT} says otherwise. It runs from
 * that module's classes, which this module cannot depend on (the origin needs the api module, built
 * after the services), so it is started by class name, as a process of its own.
 */
public final class OriginLauncher {

    static final String MAIN_CLASS = "dev.slipway.devinfra.origin.OneOrigin";

    private final SlipwayHome home;

    public OriginLauncher(SlipwayHome home) {
        this.home = home;
    }

    public int port() {
        return Optional.ofNullable(System.getenv("SLIPWAY_ORIGIN_PORT")).map(Integer::parseInt).orElse(8080);
    }

    public String address() {
        return "http://127.0.0.1:" + port() + "/";
    }

    public Path pidFile() {
        return home.state("run", "origin.pid");
    }

    public Path logFile() {
        return home.state("logs", "origin.log");
    }

    private Path module() {
        return home.root().resolve("dev-infra/origin/target");
    }

    /** Whether the module was built ({@code bin/slipway} builds it when it is missing). */
    public boolean built() {
        return Files.isDirectory(module().resolve("classes")) && Files.isRegularFile(module().resolve("classpath.txt"));
    }

    public Optional<ProcessHandle> running() {
        return Processes.fromPidFile(pidFile());
    }

    public ProcessHandle start() {
        if (!built()) {
            throw new InfraException(module() + " is not built; run ./mvnw -B -DskipTests package");
        }
        if (Processes.portOpen("127.0.0.1", port())) {
            throw new InfraException("Port " + port() + " is taken by another process; the one origin needs it (or set SLIPWAY_ORIGIN_PORT)");
        }
        String classpath;
        try {
            classpath = module().resolve("classes") + ":" + Files.readString(module().resolve("classpath.txt")).trim();
        } catch (java.io.IOException e) {
            throw new InfraException("Cannot read " + module().resolve("classpath.txt") + ": " + e.getMessage(), e);
        }
        List<String> command = new ArrayList<>(List.of(Processes.javaExecutable(), "-Xms8m", "-Xmx64m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1", "-cp", classpath, MAIN_CLASS));
        return Processes.startDetached(command, home.root(), logFile(), pidFile(), Map.of("SLIPWAY_ROOT", home.root().toString()));
    }

    /** Whether something listens on its port. */
    public boolean serving() {
        return Processes.portOpen("127.0.0.1", port());
    }

    public boolean stop() {
        return Processes.stop(pidFile(), Duration.ofSeconds(10));
    }
}
