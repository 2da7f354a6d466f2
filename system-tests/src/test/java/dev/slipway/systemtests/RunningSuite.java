package dev.slipway.systemtests;

import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.DevTokens;
import dev.slipway.devinfra.LocalKafka;
import dev.slipway.devinfra.LocalPostgres;
import dev.slipway.devinfra.Processes;
import dev.slipway.devinfra.ServiceLauncher;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.devinfra.SuiteService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * The whole suite, running for real: a Kafka broker of its own, a database per service on the
 * machine's PostgreSQL (or the private cluster {@code bin/slipway} would start), a development key
 * pair made for this run, and the four packaged services as child processes on the ports of
 * {@link SuitePorts}, configured through the environment variables their READMEs document and
 * pointing at each other. Everything it writes lives in {@code target/systest/}: the broker's data,
 * the keys, the gateway's repositories and host key, deployment-service's releases, the services'
 * logs, the test users' SSH keys and work trees. The folder and the databases ({@code systest_*})
 * are kept after the run to look at, and replaced by the next run.
 *
 * <p>Started once per test JVM by {@link Suite}; tests reach it as a parameter.
 */
public final class RunningSuite implements AutoCloseable {

    /** How long the four services get to report ready together (they start at once on few cores). */
    private static final Duration READY_BOUND = Duration.ofMinutes(3);
    private static final int LOG_TAIL_LINES = 120;

    private final Path dir;
    private final LocalKafka kafka;
    private final DevKeys keys;
    private final DevTokens tokens;
    private final Map<SuiteService, ServiceProcess> services = new EnumMap<>(SuiteService.class);
    private final Thread shutdownHook = new Thread(this::close, "systest-stop");
    private LocalPostgres.Endpoint database;
    private boolean closed;

    private RunningSuite(Path dir, LocalKafka kafka) {
        this.dir = dir;
        this.kafka = kafka;
        this.keys = new DevKeys(dir.resolve("keys"));
        this.tokens = new DevTokens(keys.ensure().loadPrivateKey(), DevTokens.DEFAULT_ISSUER);
    }

    /**
     * Starts everything and returns once every service is ready and the gateway's SSH port answers;
     * on a failure stops what it started and throws with the end of the services' logs.
     */
    static RunningSuite start() {
        Instant begin = Instant.now();
        SlipwayHome home = SlipwayHome.locate();
        ServiceLauncher launcher = new ServiceLauncher(home);
        for (SuiteService service : SuiteService.values()) {
            if (!Files.isRegularFile(launcher.runnerJar(service))) {
                throw new IllegalStateException(launcher.runnerJar(service) + " is missing: package the services first "
                        + "(./mvnw -o package -DskipTests at the root; ./mvnw verify does it before this module)");
            }
        }
        Path dir = Path.of(System.getProperty("slipway.systest.dir", "target/systest")).toAbsolutePath().normalize();
        // LocalKafka keeps a broker's files in .slipway/<name>; a name relative to it puts them here
        // (the OS resolves .slipway/.. only when .slipway exists; every module's tests make it anyway).
        createDirectories(home.state());
        LocalKafka kafka = new LocalKafka(home, home.state().relativize(dir.resolve("kafka")).toString(), SuitePorts.KAFKA,
                SuitePorts.KAFKA_CONTROLLER);
        stopLeftovers(dir, kafka);
        requireFreePorts();
        deleteTree(dir);

        RunningSuite suite = new RunningSuite(dir, kafka);
        Runtime.getRuntime().addShutdownHook(suite.shutdownHook);
        try {
            suite.startInfrastructure(home);
            suite.startServices(launcher);
        } catch (RuntimeException e) {
            String tails = suite.logTails();
            suite.close();
            throw new IllegalStateException("The suite did not start: " + e.getMessage() + "\n" + tails, e);
        }
        System.out.printf("systest: suite ready in %.1f s (logs in %s)%n", Duration.between(begin, Instant.now()).toMillis() / 1000.0,
                dir.resolve("logs"));
        return suite;
    }

    private void startInfrastructure(SlipwayHome home) {
        kafka.ensureRunning();
        LocalPostgres postgres = new LocalPostgres(home);
        database = postgres.ensureRunning();
        for (SuiteService service : SuiteService.values()) {
            // Fresh each run: nothing of an earlier run's projects, outbox or inbox.
            postgres.dropDatabase(database, databaseOf(service));
            postgres.createDatabase(database, databaseOf(service));
        }
    }

    private void startServices(ServiceLauncher launcher) {
        for (SuiteService service : SuiteService.values()) {
            ServiceProcess process = new ServiceProcess(service, SuitePorts.http(service), launcher.command(service),
                    launcher.runnerJar(service).getParent(), environment(service), dir.resolve("logs").resolve(service.module() + ".log"),
                    dir.resolve("run").resolve(service.module() + ".pid"));
            services.put(service, process);
            process.start();
        }
        try {
            Awaitility.await("the four services ready").atMost(READY_BOUND).pollInterval(Duration.ofMillis(250)).until(() -> {
                services.values().forEach(ServiceProcess::requireAlive);
                return services.values().stream().allMatch(ServiceProcess::isReady)
                        && Processes.portOpen("127.0.0.1", SuitePorts.SSH);
            });
        } catch (ConditionTimeoutException e) {
            String notReady = services.values().stream().filter(process -> !process.isReady()).map(process -> process.service().module())
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException("not ready within " + READY_BOUND + ": " + (notReady.isEmpty() ? "ssh-gateway's SSH port" : notReady), e);
        }
    }

    /** Each service's configuration, every key one its README or configuration mapping documents. */
    private Map<String, String> environment(SuiteService service) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", System.getProperty("user.home"));
        env.put("LANG", "C.UTF-8");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(SuitePorts.http(service)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(databaseOf(service)));
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // SEC-1: tokens of this run's key; SEC-4: the services sign their calls to each other with it.
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.DEFAULT_ISSUER);
        env.put("SLIPWAY_SERVICE_TOKEN_PRIVATE_KEY_LOCATION", keys.privateKey().toString());
        for (SuiteService other : SuiteService.values()) {
            env.put("SLIPWAY_SERVICES_" + other.module().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL", url(other));
        }
        // EVT-5: a stable name per instance in the service's consumer group.
        env.put("SLIPWAY_EVENTS_INSTANCE_ID", service.module() + "-systest-1");
        switch (service) {
            case ENVIRONMENT -> env.put("SLIPWAY_ENVIRONMENTS_SSH_PORT", Integer.toString(SuitePorts.SSH)); // ENV-7 URLs name this gateway
            case DEPLOYMENT -> env.put("SLIPWAY_RUNNER_ROOT", dir.resolve("releases").toString());
            case GATEWAY -> {
                env.put("SLIPWAY_GIT_ROOT", dir.resolve("git").toString());
                env.put("SLIPWAY_SSH_HOST", "127.0.0.1");
                env.put("SLIPWAY_SSH_PORT", Integer.toString(SuitePorts.SSH));
                env.put("SLIPWAY_SSH_HOST_KEY", dir.resolve("ssh").resolve("host-ed25519-key").toString());
                env.put("SLIPWAY_EXEC_URL", url(SuiteService.DEPLOYMENT)); // SSH-3: sessions relay to the runner
            }
            // SEC-3: the key the run's ticket-service seals sensitive ticket values with.
            case TICKET -> env.put("SLIPWAY_TICKETS_SECRETS_KEY_LOCATION", keys.ticketSecretsKey().toString());
        }
        return env;
    }

    private static String databaseOf(SuiteService service) {
        return service.database().replaceFirst("^slipway_", "systest_");
    }

    /** A service's base URL, e.g. {@code http://127.0.0.1:18881}. */
    public String url(SuiteService service) {
        return "http://127.0.0.1:" + SuitePorts.http(service);
    }

    /** The gateway's SSH port (SSH-3). */
    public int sshPort() {
        return SuitePorts.SSH;
    }

    /** Git over SSH (SSH-4): {@code ssh://git@127.0.0.1:18822/<repository>}, e.g. {@code shop.git}. */
    public String gitUrl(String repository) {
        return "ssh://git@127.0.0.1:" + SuitePorts.SSH + "/" + repository;
    }

    /** The broker's address, for a test that reads or plays events. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A bearer token of this run's key (SEC-1), valid for an hour. */
    public String token(String user, String... groups) {
        return tokens.mint(user, List.of(groups), Duration.ofHours(1));
    }

    /** HTTP clients of the four services for {@code user}, a plain user whose roles come from project access. */
    public SuiteClient client(String user) {
        return new SuiteClient(this, user, token(user));
    }

    /** HTTP clients for platform staff (group {@code support}: reads every project, decides tickets). */
    public SuiteClient support(String user) {
        return new SuiteClient(this, user, token(user, "support"));
    }

    /** HTTP clients as another Slipway service (group {@code service}), for the internal interfaces. */
    public SuiteClient asService(String name) {
        return new SuiteClient(this, name, token(name, "service"));
    }

    /** {@code user} with a new ed25519 key, registered through ssh-gateway's API, ready for git over SSH. */
    public GitUser gitUser(SuiteClient user) {
        return GitUser.registered(this, user, dir.resolve("users").resolve(user.user() + "-" + UUID.randomUUID().toString().substring(0, 8)));
    }

    /** A project id no other test of the run uses (ENV-1). */
    public String newProjectId() {
        StringBuilder id = new StringBuilder("st");
        String alphabet = "abcdefghijklmnopqrstuvwxyz0123456789";
        for (int i = 0; i < 10; i++) {
            id.append(alphabet.charAt(ThreadLocalRandom.current().nextInt(alphabet.length())));
        }
        return id.toString();
    }

    /** A new folder under the run's work folder, e.g. for a test's own files. */
    public Path newFolder(String prefix) {
        try {
            Files.createDirectories(dir.resolve("work"));
            return Files.createTempDirectory(dir.resolve("work"), prefix + "-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Every service's whole log so far (SEC-3: tests look for what must never be there). */
    public String logs() {
        try (var files = java.nio.file.Files.list(dir.resolve("logs"))) {
            StringBuilder all = new StringBuilder();
            for (java.nio.file.Path file : files.toList()) {
                all.append(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
            }
            return all.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The end of every service's log, for a failure's report. */
    public String logTails() {
        return services.values().stream().map(process -> process.logTail(LOG_TAIL_LINES)).collect(Collectors.joining());
    }

    /** Stops the services (all at once), then the broker. Databases and files stay for a look after the run. */
    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        if (Thread.currentThread() != shutdownHook) {
            try {
                Runtime.getRuntime().removeShutdownHook(shutdownHook);
            } catch (IllegalStateException alreadyShuttingDown) {
                // the hook is this call or runs it next; closed says which
            }
        }
        System.out.println("systest: stopping the suite");
        CompletableFuture.allOf(services.values().stream().map(process -> CompletableFuture.runAsync(process::stop))
                .toArray(CompletableFuture[]::new)).join();
        kafka.stop();
    }

    /** A run killed before it stopped the suite left its processes; they hold the ports and would answer in our place. */
    private static void stopLeftovers(Path dir, LocalKafka kafka) {
        Path run = dir.resolve("run");
        if (Files.isDirectory(run)) {
            try (Stream<Path> pidFiles = Files.list(run)) {
                pidFiles.filter(file -> file.toString().endsWith(".pid")).forEach(ServiceProcess::stopLeftover);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        // Only a broker: the PID file may be old enough for its number to belong to another process now.
        if (kafka.process().filter(broker -> ServiceProcess.commandLine(broker.pid()).contains("kafka.Kafka")).isPresent()) {
            kafka.stop();
        }
    }

    private static void requireFreePorts() {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(SuitePorts.KAFKA, "Kafka");
        ports.put(SuitePorts.KAFKA_CONTROLLER, "Kafka's controller");
        ports.put(SuitePorts.SSH, "ssh-gateway's SSH");
        for (SuiteService service : SuiteService.values()) {
            ports.put(SuitePorts.http(service), service.module());
        }
        ports.forEach((port, user) -> {
            if (Processes.portOpen("127.0.0.1", port)) {
                throw new IllegalStateException("Port " + port + " (" + user + ") is taken by a process this suite did not start; "
                        + "another system-tests run on this machine? (see SuitePorts)");
            }
        });
    }

    private static void createDirectories(Path directory) {
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void deleteTree(Path directory) {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot clear " + directory, e);
        }
    }
}
