package dev.slipway.devinfra;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts and stops the services' processes the one way {@code bin/slipway} and the benchmarks
 * share. Instance 1 of a service listens on its SPEC port; instance {@code n > 1} (a second copy
 * against the same database and broker, SPEC §1) on that port plus {@code 10 * (n - 1)}.
 */
public final class ServiceLauncher {

    /**
     * JVM options unless {@code SLIPWAY_JAVA_OPTS} says otherwise, chosen by measurement on 2 cores
     * (docs/performance.md): the client compiler only (faster start, less memory, and no slower for
     * this traffic than C2, which needs long warm-up), a small heap that grows as needed and gives
     * memory back, the serial collector.
     */
    public static final String DEFAULT_JAVA_OPTS = "-Xms16m -Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
            + " -XX:MinHeapFreeRatio=10 -XX:MaxHeapFreeRatio=30";

    /** Written by the build with {@code -Dquarkus.package.jar.appcds.enabled=true} ({@code bin/slipway build}). */
    public static final String APPCDS_ARCHIVE = "app-cds.jsa";

    private final SlipwayHome home;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public ServiceLauncher(SlipwayHome home) {
        this.home = home;
    }

    public Path runnerJar(SuiteService service) {
        return home.root().resolve(service.module()).resolve("target/quarkus-app/quarkus-run.jar");
    }

    public Path pidFile(SuiteService service, int instance) {
        return home.state("run", service.module() + suffix(instance) + ".pid");
    }

    public Path logFile(SuiteService service, int instance) {
        return home.state("logs", service.module() + suffix(instance) + ".log");
    }

    /** SSH-3: the gateway's SSH port (SPEC §1); a second local instance listens 10 above, as its HTTP port does. */
    public static final int SSH_PORT = 2222;

    public int httpPort(SuiteService service, int instance) {
        return service.port() + 10 * (instance - 1);
    }

    public Optional<ProcessHandle> running(SuiteService service, int instance) {
        return Processes.fromPidFile(pidFile(service, instance));
    }

    /** Starts one instance in the background; the caller waits for {@link #readiness}. */
    public ProcessHandle start(SuiteService service, int instance, LocalPostgres.Endpoint database) {
        if (!Files.isRegularFile(runnerJar(service))) {
            throw new InfraException(runnerJar(service) + " is missing; bin/slipway builds it, or run ./mvnw -DskipTests package");
        }
        if (Processes.portOpen("127.0.0.1", httpPort(service, instance))) {
            throw new InfraException("Port " + httpPort(service, instance) + " is taken by another process; " + service.module() + " needs it");
        }
        // From the application's folder: its AppCDS archive records class paths relative to it.
        return Processes.startDetached(command(service), runnerJar(service).getParent(), logFile(service, instance), pidFile(service, instance),
                environment(service, instance, database));
    }

    /** TERM, then KILL after 30 s; true when the instance ran. */
    public boolean stop(SuiteService service, int instance) {
        return Processes.stop(pidFile(service, instance), Duration.ofSeconds(30));
    }

    /** "UP", "DOWN" or "no answer", from {@code /q/health/ready}. */
    public String readiness(SuiteService service, int instance) {
        try {
            HttpResponse<Void> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + httpPort(service, instance) + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200 ? "UP" : "DOWN";
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no answer";
        }
    }

    /** The JVM command, run from the application's folder: {@code SLIPWAY_JAVA_OPTS} (or the defaults), the AppCDS archive when the build made one. */
    public List<String> command(SuiteService service) {
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        String options = Optional.ofNullable(System.getenv("SLIPWAY_JAVA_OPTS")).orElse(DEFAULT_JAVA_OPTS);
        command.addAll(Arrays.asList(options.trim().split("\\s+")));
        if (Files.isRegularFile(runnerJar(service).resolveSibling(APPCDS_ARCHIVE)) && !options.contains("SharedArchiveFile")) {
            command.add("-XX:SharedArchiveFile=" + APPCDS_ARCHIVE);
        }
        command.add("-jar");
        command.add(runnerJar(service).getFileName().toString());
        return command;
    }

    /** Configuration handed to a service; every key is one the service documents in its README. */
    public Map<String, String> environment(SuiteService service, int instance, LocalPostgres.Endpoint database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(service.database()));
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("KAFKA_BOOTSTRAP_SERVERS", LocalKafka.forSuite(home).bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", DevKeys.forSuite(home).publicKey().toString());
        env.put("SLIPWAY_GIT_ROOT", home.state("git").toString());
        // SSH-3: the gateway's host key, kept across restarts and shared by its instances.
        env.put("SLIPWAY_SSH_HOST_KEY", home.state("ssh").resolve("host-ed25519-key").toString());
        // DEP-10: the local runner's releases, nodes, data and builds, shared by deployment-service's instances.
        env.put("SLIPWAY_RUNNER_ROOT", home.state("releases").toString());
        // SEC-4: services call each other with tokens minted from the development key.
        env.put("SLIPWAY_SERVICE_TOKEN_PRIVATE_KEY_LOCATION", DevKeys.forSuite(home).privateKey().toString());
        // SEC-3: the key ticket-service seals sensitive ticket values with, shared by its instances.
        if (service == SuiteService.TICKET) {
            env.put("SLIPWAY_TICKETS_SECRETS_KEY_LOCATION", DevKeys.forSuite(home).ticketSecretsKey().toString());
        }
        // EVT-5: each instance's stable name in its consumer group; a restarted instance takes its partitions back at once.
        env.put("SLIPWAY_EVENTS_INSTANCE_ID", service.module() + "-local-" + instance);
        if (instance > 1) {
            env.put("QUARKUS_HTTP_PORT", Integer.toString(httpPort(service, instance)));
            if (service == SuiteService.GATEWAY) {
                env.put("SLIPWAY_SSH_PORT", Integer.toString(SSH_PORT + 10 * (instance - 1)));
            }
        }
        return env;
    }

    private static String suffix(int instance) {
        return instance == 1 ? "" : "-" + instance;
    }
}
