package dev.slipway.devinfra;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code bin/slipway} command: runs the whole suite locally (Kafka, PostgreSQL and the four
 * services as background processes) and mints development tokens.
 */
public final class Slipway {

    /** The four services and their HTTP ports (SPEC §1). */
    public enum Service {
        ENVIRONMENT("environment-service", 8081, "slipway_environment"),
        DEPLOYMENT("deployment-service", 8082, "slipway_deployment"),
        TICKET("ticket-service", 8083, "slipway_ticket"),
        GATEWAY("ssh-gateway", 8084, "slipway_gateway");

        final String module;
        final int port;
        final String database;

        Service(String module, int port, String database) {
            this.module = module;
            this.port = port;
            this.database = database;
        }
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final SlipwayHome home;
    private final PrintStream out;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    Slipway(SlipwayHome home, PrintStream out) {
        this.home = home;
        this.out = out;
    }

    public static void main(String[] args) {
        Slipway slipway = new Slipway(SlipwayHome.locate(), System.out);
        String command = args.length == 0 ? "help" : args[0];
        List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
        try {
            int exit = switch (command) {
                case "up" -> slipway.up();
                case "down" -> slipway.down();
                case "status" -> slipway.status();
                case "token" -> slipway.token(rest);
                case "infra" -> slipway.infra();
                default -> slipway.help();
            };
            System.exit(exit);
        } catch (InfraException | IllegalArgumentException e) {
            System.err.println("slipway: " + e.getMessage());
            System.exit(1);
        }
    }

    int help() {
        out.println("""
                usage: bin/slipway <command>
                  up                         build what is missing, start Kafka, PostgreSQL and the four services
                  down                       stop everything 'up' (or the tests) started
                  status                     show what runs and whether each service is ready
                  logs [service]             follow the logs (all, or one service)
                  token <user> [--groups support,service] [--ttl 8h]
                                             print a development JWT for <user>
                  infra                      start only Kafka and PostgreSQL (for ./mvnw quarkus:dev)
                  build                      rebuild the services (./mvnw -DskipTests package)""");
        return 0;
    }

    /** Kafka and PostgreSQL with the services' databases; shared by {@code up} and {@code infra}. */
    private LocalPostgres.Endpoint startInfrastructure() {
        LocalKafka kafka = LocalKafka.forSuite(home);
        out.printf("kafka       %s ... ", kafka.bootstrapServers());
        boolean reused = kafka.isServing();
        kafka.ensureRunning();
        out.println(reused ? "already running" : "started");
        LocalPostgres postgres = new LocalPostgres(home);
        LocalPostgres.Endpoint endpoint = postgres.ensureRunning();
        out.printf("postgresql  %s:%d (%s)%n", endpoint.host(), endpoint.port(),
                endpoint.privateCluster() ? "private cluster in " + postgres.clusterDir() : "machine's server");
        for (Service service : Service.values()) {
            postgres.createDatabase(endpoint, service.database);
        }
        DevKeys.forSuite(home).ensure();
        return endpoint;
    }

    int infra() {
        startInfrastructure();
        return 0;
    }

    int up() {
        for (Service service : Service.values()) {
            Path jar = runnerJar(service);
            if (!Files.isRegularFile(jar)) {
                throw new InfraException(jar + " is missing; bin/slipway builds it, or run ./mvnw -DskipTests package");
            }
        }
        LocalPostgres.Endpoint endpoint = startInfrastructure();
        Map<Service, ProcessHandle> started = new LinkedHashMap<>();
        for (Service service : Service.values()) {
            Optional<ProcessHandle> running = Processes.fromPidFile(pidFile(service));
            if (running.isPresent()) {
                out.printf("%-20s already running (pid %d)%n", service.module, running.get().pid());
                continue;
            }
            if (Processes.portOpen("127.0.0.1", service.port)) {
                throw new InfraException("Port " + service.port + " is taken by another process; " + service.module + " needs it");
            }
            started.put(service, Processes.startDetached(command(service), home.root(), logFile(service), pidFile(service),
                    environment(service, endpoint)));
        }
        out.println("waiting for every /q/health/ready ...");
        Instant begin = Instant.now();
        List<CompletableFuture<String>> waits = new ArrayList<>();
        for (Service service : Service.values()) {
            waits.add(CompletableFuture.supplyAsync(() -> {
                boolean ready = Processes.await(() -> "UP".equals(readiness(service)), READY_TIMEOUT);
                Duration took = Duration.between(begin, Instant.now());
                return String.format("%-20s %s in %.1f s", service.module, ready ? "ready" : "NOT READY (see " + logFile(service) + ")",
                        took.toMillis() / 1000.0);
            }));
        }
        boolean allReady = true;
        for (CompletableFuture<String> wait : waits) {
            String line = wait.join();
            allReady &= !line.contains("NOT READY");
            out.println(line);
        }
        out.println();
        for (Service service : Service.values()) {
            out.printf("%-20s API http://127.0.0.1:%d/api/v1   Swagger UI http://127.0.0.1:%d/q/swagger-ui%n",
                    service.module, service.port, service.port);
        }
        out.println("""

                logs:   %s   (bin/slipway logs [service])
                token:  TOKEN=$(bin/slipway token alice)
                try:    curl -s -H "Authorization: Bearer $TOKEN" -H 'Content-Type: application/json' \\
                          -d '{"id":"shop","title":"My shop"}' http://127.0.0.1:8081/api/v1/projects
                stop:   bin/slipway down""".formatted(home.state("logs")));
        return allReady ? 0 : 1;
    }

    int down() {
        for (Service service : Service.values()) {
            if (Processes.stop(pidFile(service), Duration.ofSeconds(30))) {
                out.printf("%-20s stopped%n", service.module);
            }
        }
        for (LocalKafka kafka : List.of(LocalKafka.forSuite(home), LocalKafka.forTests(home))) {
            if (kafka.stop()) {
                out.printf("%-20s stopped%n", kafka.name());
            }
        }
        if (new LocalPostgres(home).stopPrivateCluster()) {
            out.printf("%-20s stopped%n", "postgresql (private)");
        }
        return 0;
    }

    int status() {
        LocalKafka kafka = LocalKafka.forSuite(home);
        out.printf("%-20s %s%n", "kafka", kafka.isServing() ? "serving on " + kafka.bootstrapServers()
                + kafka.process().map(p -> ", pid " + p.pid() + ", rss " + Processes.residentMegabytes(p) + " MB").orElse(" (not started by slipway)") : "down");
        LocalKafka testKafka = LocalKafka.forTests(home);
        if (testKafka.isServing()) {
            out.printf("%-20s serving on %s%n", "test-kafka", testKafka.bootstrapServers());
        }
        Optional<LocalPostgres.Endpoint> pg = new LocalPostgres(home).running();
        out.printf("%-20s %s%n", "postgresql", pg.map(e -> "serving on " + e.host() + ":" + e.port() + (e.privateCluster() ? " (private cluster)" : "")).orElse("down"));
        boolean allReady = true;
        for (Service service : Service.values()) {
            Optional<ProcessHandle> process = Processes.fromPidFile(pidFile(service));
            String readiness = readiness(service);
            allReady &= "UP".equals(readiness);
            out.printf("%-20s %s%n", service.module, process.map(p -> "pid " + p.pid() + ", ready: " + readiness + ", rss " + Processes.residentMegabytes(p) + " MB")
                    .orElse("UP".equals(readiness) ? "ready (not started by slipway)" : "stopped"));
        }
        return allReady ? 0 : 3;
    }

    int token(List<String> args) {
        if (args.isEmpty() || args.get(0).startsWith("-")) {
            throw new IllegalArgumentException("usage: bin/slipway token <user> [--groups support,service] [--ttl 8h]");
        }
        String user = args.get(0);
        List<String> groups = List.of();
        Duration ttl = Duration.ofHours(8);
        for (int i = 1; i < args.size(); i++) {
            String option = args.get(i);
            String value = i + 1 < args.size() ? args.get(++i) : "";
            switch (option) {
                case "--groups" -> groups = Arrays.stream(value.split(",")).map(String::trim).filter(g -> !g.isEmpty()).toList();
                case "--ttl" -> ttl = Duration.parse("PT" + value.toUpperCase());
                default -> throw new IllegalArgumentException("unknown option " + option);
            }
        }
        String issuer = Optional.ofNullable(System.getenv("MP_JWT_VERIFY_ISSUER")).orElse(DevTokens.DEFAULT_ISSUER);
        out.println(new DevTokens(DevKeys.forSuite(home).loadPrivateKey(), issuer).mint(user, groups, ttl));
        return 0;
    }

    private String readiness(Service service) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + service.port + "/q/health/ready")).timeout(Duration.ofSeconds(3)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return response.statusCode() == 200 ? "UP" : "DOWN";
        } catch (IOException e) {
            return "no answer";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "no answer";
        }
    }

    private Path runnerJar(Service service) {
        return home.root().resolve(service.module).resolve("target/quarkus-app/quarkus-run.jar");
    }

    private Path pidFile(Service service) {
        return home.state("run", service.module + ".pid");
    }

    private Path logFile(Service service) {
        return home.state("logs", service.module + ".log");
    }

    private List<String> command(Service service) {
        List<String> command = new ArrayList<>();
        command.add(Processes.javaExecutable());
        String options = Optional.ofNullable(System.getenv("SLIPWAY_JAVA_OPTS")).orElse("-Xms64m -Xmx384m -XX:+UseSerialGC");
        command.addAll(Arrays.asList(options.trim().split("\\s+")));
        command.add("-jar");
        command.add(runnerJar(service).toString());
        return command;
    }

    /** Configuration handed to a service; every key is one the service documents in its README. */
    private Map<String, String> environment(Service service, LocalPostgres.Endpoint endpoint) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("QUARKUS_DATASOURCE_JDBC_URL", endpoint.jdbcUrl(service.database));
        env.put("QUARKUS_DATASOURCE_USERNAME", endpoint.user());
        env.put("KAFKA_BOOTSTRAP_SERVERS", LocalKafka.forSuite(home).bootstrapServers());
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", DevKeys.forSuite(home).publicKey().toString());
        env.put("SLIPWAY_GIT_ROOT", home.state("git").toString());
        return env;
    }
}
