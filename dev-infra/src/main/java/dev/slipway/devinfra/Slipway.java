package dev.slipway.devinfra;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The {@code bin/slipway} command: runs the whole suite locally (Kafka, PostgreSQL and the four
 * services as background processes) and mints development tokens.
 */
public final class Slipway {

    /** platform/runtime's own PostgreSQL cluster (its pom's {@code slipway.test.postgres.port}). */
    private static final String TEST_POSTGRES = "test-postgres-15432";
    private static final int TEST_POSTGRES_PORT = 15432;
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(180);

    private final SlipwayHome home;
    private final PrintStream out;
    private final ServiceLauncher launcher;
    private final OriginLauncher origin;

    Slipway(SlipwayHome home, PrintStream out) {
        this.home = home;
        this.out = out;
        this.launcher = new ServiceLauncher(home);
        this.origin = new OriginLauncher(home);
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
                  up                         build what is missing, start Kafka, PostgreSQL, the four services and
                                             the one origin on 8080 (the console and /api/v1)
                  down                       stop everything 'up' (or the tests) started
                  status                     show what runs and whether each service is ready
                  logs [service]             follow the logs (all, or one service)
                  token <user> [--groups support,service] [--ttl 8h]
                                             print a development JWT for <user>
                  infra                      start only Kafka and PostgreSQL (for ./mvnw quarkus:dev)
                  build                      rebuild the services (./mvnw -DskipTests package)
                  demo                       walk the whole journey against the running suite (demo/journey.sh; needs jq)""");
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
        for (SuiteService service : SuiteService.values()) {
            postgres.createDatabase(endpoint, service.database());
        }
        DevKeys.forSuite(home).ensure();
        return endpoint;
    }

    int infra() {
        startInfrastructure();
        return 0;
    }

    int up() {
        for (SuiteService service : SuiteService.values()) {
            Path jar = launcher.runnerJar(service);
            if (!Files.isRegularFile(jar)) {
                throw new InfraException(jar + " is missing; bin/slipway builds it, or run ./mvnw -DskipTests package");
            }
        }
        LocalPostgres.Endpoint endpoint = startInfrastructure();
        for (SuiteService service : SuiteService.values()) {
            Optional<ProcessHandle> running = launcher.running(service, 1);
            if (running.isPresent()) {
                out.printf("%-20s already running (pid %d)%n", service.module(), running.get().pid());
                continue;
            }
            launcher.start(service, 1, endpoint);
        }
        Optional<ProcessHandle> originRunning = origin.running();
        String originProblem = null;
        if (originRunning.isPresent()) {
            out.printf("%-20s already running (pid %d)%n", "origin", originRunning.get().pid());
        } else {
            // The services are useful without it (each on its own port): say why, and go on.
            try {
                origin.start();
            } catch (InfraException e) {
                originProblem = e.getMessage();
            }
        }
        out.println("waiting for every /q/health/ready ...");
        Instant begin = Instant.now();
        List<CompletableFuture<String>> waits = new ArrayList<>();
        for (SuiteService service : SuiteService.values()) {
            waits.add(CompletableFuture.supplyAsync(() -> {
                boolean ready = Processes.await(() -> "UP".equals(launcher.readiness(service, 1)), READY_TIMEOUT);
                Duration took = Duration.between(begin, Instant.now());
                return String.format("%-20s %s in %.1f s", service.module(), ready ? "ready" : "NOT READY (see " + launcher.logFile(service, 1) + ")",
                        took.toMillis() / 1000.0);
            }));
        }
        boolean allReady = true;
        for (CompletableFuture<String> wait : waits) {
            String line = wait.join();
            allReady &= !line.contains("NOT READY");
            out.println(line);
        }
        boolean originServing = originProblem == null && Processes.await(origin::serving, Duration.ofSeconds(30));
        allReady &= originServing;
        out.println();
        // API-8: the one origin first; the console and every public path of /api/v1 are there.
        out.printf("%-20s %s   console, and /api/v1 of every service (API-8)%s%n", "one origin", origin.address(),
                originServing ? "" : originProblem != null ? "   NOT STARTED: " + originProblem
                        : "   NOT SERVING (see " + origin.logFile() + ")");
        for (SuiteService service : SuiteService.values()) {
            out.printf("%-20s API http://127.0.0.1:%d/api/v1   Swagger UI http://127.0.0.1:%d/q/swagger-ui%n",
                    service.module(), service.port(), service.port());
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
        if (origin.stop()) {
            out.printf("%-20s stopped%n", "origin");
        }
        for (SuiteService service : SuiteService.values()) {
            if (launcher.stop(service, 1)) {
                out.printf("%-20s stopped%n", service.module());
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
        // The cluster of the test module that restarts its database, left by an interrupted test run.
        if (LocalPostgres.dedicated(home, TEST_POSTGRES, TEST_POSTGRES_PORT).stopPrivateCluster()) {
            out.printf("%-20s stopped%n", TEST_POSTGRES);
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
        for (SuiteService service : SuiteService.values()) {
            Optional<ProcessHandle> process = launcher.running(service, 1);
            String readiness = launcher.readiness(service, 1);
            allReady &= "UP".equals(readiness);
            out.printf("%-20s %s%n", service.module(), process.map(p -> "pid " + p.pid() + ", ready: " + readiness + ", rss " + Processes.residentMegabytes(p) + " MB")
                    .orElse("UP".equals(readiness) ? "ready (not started by slipway)" : "stopped"));
        }
        Optional<ProcessHandle> originProcess = origin.running();
        out.printf("%-20s %s%n", "origin", originProcess.map(p -> "pid " + p.pid() + ", " + origin.address()
                + (origin.serving() ? "" : " (not serving)") + ", rss " + Processes.residentMegabytes(p) + " MB").orElse("stopped"));
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
}
