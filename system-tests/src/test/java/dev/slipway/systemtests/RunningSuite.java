package dev.slipway.systemtests;

import dev.slipway.api.RouteTable;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.DevTokens;
import dev.slipway.devinfra.LocalKafka;
import dev.slipway.devinfra.LocalPostgres;
import dev.slipway.devinfra.Processes;
import dev.slipway.devinfra.ServiceLauncher;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.devinfra.SuiteService;
import dev.slipway.devinfra.origin.OneOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
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
    /** How long one restarted service, broker or database gets to be ready again. */
    private static final Duration RESTART_BOUND = Duration.ofMinutes(2);
    private static final int LOG_TAIL_LINES = 120;

    private final Path dir;
    private final SuiteOptions.Values options;
    private final LocalKafka kafka;
    private final DevKeys keys;
    private final DevTokens tokens;
    /** Each service's instances, first instance first. */
    private final Map<SuiteService, List<ServiceProcess>> services = new EnumMap<>(SuiteService.class);
    private final Thread shutdownHook = new Thread(this::close, "systest-stop");
    private LocalPostgres postgres;
    private LocalPostgres.Endpoint database;
    private boolean closed;

    private RunningSuite(Path dir, SuiteOptions.Values options, LocalKafka kafka) {
        this.dir = dir;
        this.options = options;
        this.kafka = kafka;
        this.keys = new DevKeys(dir.resolve("keys"));
        this.tokens = new DevTokens(keys.ensure().loadPrivateKey(), DevTokens.DEFAULT_ISSUER);
    }

    /** The default suite: one instance of each service, the machine's PostgreSQL. */
    static RunningSuite start() {
        return start(SuiteOptions.Values.DEFAULT);
    }

    /**
     * Starts everything and returns once every service is ready and the gateway's SSH port answers;
     * on a failure stops what it started and throws with the end of the services' logs.
     */
    static RunningSuite start(SuiteOptions.Values options) {
        Instant begin = Instant.now();
        SlipwayHome home = SlipwayHome.locate();
        ServiceLauncher launcher = new ServiceLauncher(home);
        for (SuiteService service : SuiteService.values()) {
            if (!Files.isRegularFile(launcher.runnerJar(service))) {
                throw new IllegalStateException(launcher.runnerJar(service) + " is missing: package the services first "
                        + "(./mvnw -o package -DskipTests at the root; ./mvnw verify does it before this module)");
            }
        }
        Path dir = runDirectory();
        // LocalKafka keeps a broker's files in .slipway/<name>; a name relative to it puts them here
        // (the OS resolves .slipway/.. only when .slipway exists; every module's tests make it anyway).
        createDirectories(home.state());
        LocalKafka kafka = new LocalKafka(home, home.state().relativize(dir.resolve("kafka")).toString(), SuitePorts.KAFKA,
                SuitePorts.KAFKA_CONTROLLER);
        stopLeftovers(dir, kafka);
        requireFreePorts(options);
        deleteTree(dir);

        RunningSuite suite = new RunningSuite(dir, options, kafka);
        Runtime.getRuntime().addShutdownHook(suite.shutdownHook);
        try {
            suite.startInfrastructure(home);
            suite.startServices(launcher);
        } catch (RuntimeException e) {
            String tails = suite.logTails();
            suite.close();
            throw new IllegalStateException("The suite did not start: " + e.getMessage() + "\n" + tails, e);
        }
        System.out.printf("systest: suite %s ready in %.1f s (HTTP from %d, SSH %d, Kafka %d, PostgreSQL %d; logs in %s)%n", options,
                Duration.between(begin, Instant.now()).toMillis() / 1000.0, SuitePorts.http(SuiteService.ENVIRONMENT), SuitePorts.SSH,
                SuitePorts.KAFKA, suite.database.port(), dir.resolve("logs"));
        return suite;
    }

    /** {@code target/systest}, or {@code target/systest-<base>} for a run on a port base of its own: two runs never share files. */
    private static Path runDirectory() {
        String dir = System.getProperty("slipway.systest.dir", "target/systest");
        if (SuitePorts.ownBase()) {
            dir = dir + "-" + SuitePorts.BASE;
        }
        return Path.of(dir).toAbsolutePath().normalize();
    }

    private void startInfrastructure(SlipwayHome home) {
        kafka.ensureRunning();
        // A private cluster per port base, started as user postgres in the system's temporary folder
        // (LocalPostgres.dedicated: postgres must reach its files wherever the checkout is).
        postgres = options.privatePostgres() ? LocalPostgres.dedicated(home, "systest-" + SuitePorts.BASE, SuitePorts.POSTGRES)
                : new LocalPostgres(home);
        database = postgres.ensureRunning();
        for (SuiteService service : SuiteService.values()) {
            // Fresh each run: nothing of an earlier run's projects, outbox or inbox.
            postgres.dropDatabase(database, databaseOf(service));
            postgres.createDatabase(database, databaseOf(service));
        }
    }

    private void startServices(ServiceLauncher launcher) {
        for (SuiteService service : SuiteService.values()) {
            List<ServiceProcess> instances = new ArrayList<>();
            for (int instance = 1; instance <= options.instances(); instance++) {
                String name = service.module() + (instance == 1 ? "" : "-" + instance);
                ServiceProcess process = new ServiceProcess(service, SuitePorts.http(service, instance), launcher.command(service),
                        launcher.runnerJar(service).getParent(), environment(service, instance), dir.resolve("logs").resolve(name + ".log"),
                        dir.resolve("run").resolve(name + ".pid"));
                instances.add(process);
            }
            services.put(service, instances);
        }
        processes().forEach(ServiceProcess::start);
        try {
            Awaitility.await("the services ready").atMost(READY_BOUND).pollInterval(Duration.ofMillis(250)).until(() -> {
                processes().forEach(ServiceProcess::requireAlive);
                return processes().allMatch(ServiceProcess::isReady) && sshPortsOpen();
            });
        } catch (ConditionTimeoutException e) {
            String notReady = processes().filter(process -> !process.isReady()).map(process -> process.service().module())
                    .collect(Collectors.joining(", "));
            throw new IllegalStateException("not ready within " + READY_BOUND + ": " + (notReady.isEmpty() ? "ssh-gateway's SSH port" : notReady), e);
        }
    }

    private Stream<ServiceProcess> processes() {
        return services.values().stream().flatMap(List::stream);
    }

    private boolean sshPortsOpen() {
        for (int instance = 1; instance <= options.instances(); instance++) {
            if (!Processes.portOpen("127.0.0.1", SuitePorts.ssh(instance))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Each service's configuration, every key one its README or configuration mapping documents. A
     * second instance shares the first's database, broker, keys, git root and releases (SPEC §1) and
     * calls the other services' instances of its own number.
     */
    private Map<String, String> environment(SuiteService service, int instance) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", "/usr/local/bin:/usr/bin:/bin");
        env.put("HOME", System.getProperty("user.home"));
        env.put("LANG", "C.UTF-8");
        env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
        env.put("QUARKUS_HTTP_PORT", Integer.toString(SuitePorts.http(service, instance)));
        env.put("QUARKUS_DATASOURCE_JDBC_URL", database.jdbcUrl(databaseOf(service)));
        env.put("QUARKUS_DATASOURCE_USERNAME", database.user());
        env.put("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers());
        // SEC-1: tokens of this run's key; SEC-4: the services sign their calls to each other with it.
        env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString());
        env.put("MP_JWT_VERIFY_ISSUER", DevTokens.DEFAULT_ISSUER);
        env.put("SLIPWAY_SERVICE_TOKEN_PRIVATE_KEY_LOCATION", keys.privateKey().toString());
        for (SuiteService other : SuiteService.values()) {
            env.put("SLIPWAY_SERVICES_" + other.module().toUpperCase(Locale.ROOT).replace('-', '_') + "_URL", url(other, instance));
        }
        // EVT-5: a stable name per instance in the service's consumer group.
        env.put("SLIPWAY_EVENTS_INSTANCE_ID", service.module() + "-systest-" + instance);
        switch (service) {
            case ENVIRONMENT -> env.put("SLIPWAY_ENVIRONMENTS_SSH_PORT", Integer.toString(SuitePorts.SSH)); // ENV-7 URLs name this gateway
            case DEPLOYMENT -> env.put("SLIPWAY_RUNNER_ROOT", dir.resolve("releases").toString());
            case GATEWAY -> {
                env.put("SLIPWAY_GIT_ROOT", gitRoot().toString());
                env.put("SLIPWAY_SSH_HOST", "127.0.0.1");
                env.put("SLIPWAY_SSH_PORT", Integer.toString(SuitePorts.ssh(instance)));
                env.put("SLIPWAY_SSH_HOST_KEY", dir.resolve("ssh").resolve("host-ed25519-key").toString());
                env.put("SLIPWAY_EXEC_URL", url(SuiteService.DEPLOYMENT, instance)); // SSH-3: sessions relay to the runner
            }
            // SEC-3: the key the run's ticket-service seals sensitive ticket values with.
            case TICKET -> env.put("SLIPWAY_TICKETS_SECRETS_KEY_LOCATION", keys.ticketSecretsKey().toString());
        }
        return env;
    }

    /** {@code systest_environment} ..., or {@code systest<base>_environment} ... for a run on a port base of its own. */
    private static String databaseOf(SuiteService service) {
        return service.database().replaceFirst("^slipway_", SuitePorts.ownBase() ? "systest" + SuitePorts.BASE + "_" : "systest_");
    }

    /** What this suite was started with. */
    public SuiteOptions.Values options() {
        return options;
    }

    /** Instances of each service (1, or 2 for {@code @SuiteOptions(instances = 2)}). */
    public int instances() {
        return options.instances();
    }

    /** A service's base URL, e.g. {@code http://127.0.0.1:18881}. */
    public String url(SuiteService service) {
        return url(service, 1);
    }

    /** The base URL of instance {@code instance} (1 or 2) of a service. */
    public String url(SuiteService service, int instance) {
        return "http://127.0.0.1:" + SuitePorts.http(service, instance);
    }

    /**
     * The one origin (API-8) in front of this suite, as {@code bin/slipway up} starts it on 8080: the console's build
     * ({@code console/dist}), {@code /api/v1} routed by {@code api/routes.json} to this suite's ports, and the development
     * sign-in minting tokens of this run's key; on {@link SuitePorts#ORIGIN} (18880). The caller closes it.
     */
    public OneOrigin startOrigin() throws IOException {
        SlipwayHome home = SlipwayHome.locate();
        RouteTable table = RouteTable.read(home.root().resolve("api/routes.json"));
        RouteTable ours = RouteTable.of(table.internal(), table.routes().stream()
                .map(route -> new RouteTable.Route(route.pattern(), route.service(), SuitePorts.http(SuiteService.named(route.service()))))
                .toList());
        return new OneOrigin("127.0.0.1", SuitePorts.ORIGIN, ours, "127.0.0.1", home.root().resolve("console/dist"), Optional.of(tokens));
    }

    /** The address of {@link #startOrigin()}'s origin, e.g. {@code http://127.0.0.1:18880/}. */
    public String originUrl() {
        return "http://127.0.0.1:" + SuitePorts.ORIGIN + "/";
    }

    /** The gateway's SSH port (SSH-3). */
    public int sshPort() {
        return SuitePorts.SSH;
    }

    /** Git over SSH (SSH-4): {@code ssh://git@127.0.0.1:18822/<repository>}, e.g. {@code shop.git}. */
    public String gitUrl(String repository) {
        return "ssh://git@127.0.0.1:" + SuitePorts.SSH + "/" + repository;
    }

    /** Git over SSH through instance {@code instance} (1 or 2) of ssh-gateway. */
    public String gitUrl(String repository, int instance) {
        return "ssh://git@127.0.0.1:" + SuitePorts.ssh(instance) + "/" + repository;
    }

    /** The broker's address, for a test that reads or plays events. */
    public String kafkaBootstrapServers() {
        return kafka.bootstrapServers();
    }

    /** A connection to {@code service}'s database, for a check of what the services recorded ({@link EventLedger}). */
    public Connection connect(SuiteService service) throws SQLException {
        return LocalPostgres.connect(database, databaseOf(service));
    }

    /** ssh-gateway's git root: {@code <root>/<project>.git} is a project's bare repository. */
    public Path gitRoot() {
        return dir.resolve("git");
    }

    /** deployment-service's releases root (DEP-10): {@code <root>/<project>/<env>/data} is an environment's data (DEP-7). */
    public Path releasesRoot() {
        return dir.resolve("releases");
    }

    // ----- faults: a process ends as a crash ends it (SIGKILL), then starts again as it ran -----

    /** SIGKILL to instance {@code instance} of {@code service} (the JVM alone, as a crash); returns when it is gone. */
    public void kill(SuiteService service, int instance) {
        instance(service, instance).kill();
        System.out.printf("systest: killed %s #%d (SIGKILL)%n", service.module(), instance);
    }

    /** Starts a killed instance again, same port and environment; returns when it is ready (its SSH port open, for the gateway). */
    public Instant restart(SuiteService service, int instance) {
        ServiceProcess process = instance(service, instance);
        Instant begin = Instant.now();
        process.start();
        Awaitility.await(service.module() + " #" + instance + " ready again").atMost(RESTART_BOUND).pollInterval(Duration.ofMillis(100))
                .until(() -> {
                    process.requireAlive();
                    return process.isReady() && (service != SuiteService.GATEWAY || Processes.portOpen("127.0.0.1", SuitePorts.ssh(instance)));
                });
        Instant ready = Instant.now();
        System.out.printf("systest: %s #%d ready again %.1f s after its start%n", service.module(), instance,
                Duration.between(begin, ready).toMillis() / 1000.0);
        return ready;
    }

    /** {@link #kill} then {@link #restart}: returns when the instance is ready again. */
    public Instant killAndRestart(SuiteService service, int instance) {
        kill(service, instance);
        return restart(service, instance);
    }

    /** SIGKILL to the broker; returns when it is gone. */
    public void killBroker() {
        ProcessHandle broker = kafka.process().orElseThrow(() -> new IllegalStateException("the suite's broker does not run"));
        broker.destroyForcibly();
        broker.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        System.out.println("systest: killed the broker (SIGKILL)");
    }

    /** Starts the broker again on its data directory (its log recovered); returns when it serves clients. */
    public Instant restartBroker() {
        return timedStart("broker", kafka::ensureRunning);
    }

    /** {@link #killBroker} then {@link #restartBroker}. */
    public Instant killAndRestartBroker() {
        killBroker();
        return restartBroker();
    }

    /**
     * SIGKILL to the private cluster's postmaster and every backend (a crashed database server);
     * only for {@code @SuiteOptions(privatePostgres = true)}: the machine's server is never touched.
     */
    public void killPostgres() {
        if (!options.privatePostgres()) {
            throw new IllegalStateException("killPostgres needs @SuiteOptions(privatePostgres = true): the machine's server is left alone");
        }
        Path pidFile = postgres.clusterDir().resolve("postmaster.pid");
        long pid;
        try {
            pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("Cannot read the postmaster's PID from " + pidFile, e);
        }
        ProcessHandle postmaster = ProcessHandle.of(pid).orElseThrow(() -> new IllegalStateException("no postmaster " + pid));
        List<ProcessHandle> backends = postmaster.descendants().toList();
        postmaster.destroyForcibly();
        backends.forEach(ProcessHandle::destroyForcibly);
        postmaster.onExit().orTimeout(30, TimeUnit.SECONDS).join();
        backends.forEach(backend -> backend.onExit().orTimeout(30, TimeUnit.SECONDS).join());
        System.out.println("systest: killed PostgreSQL (SIGKILL to the postmaster and its " + backends.size() + " backends)");
    }

    /** Starts the private cluster again (crash recovery replays its WAL); returns when it accepts connections. */
    public Instant restartPostgres() {
        return timedStart("PostgreSQL", postgres::startPrivateCluster);
    }

    /** Runs {@code start} (which returns once {@code what} serves), prints how long it took, and returns when it was ready. */
    private static Instant timedStart(String what, Runnable start) {
        Instant begin = Instant.now();
        start.run();
        Instant ready = Instant.now();
        System.out.printf("systest: %s ready again %.1f s after its start%n", what, Duration.between(begin, ready).toMillis() / 1000.0);
        return ready;
    }

    /** {@link #killPostgres} then {@link #restartPostgres}. */
    public Instant killAndRestartPostgres() {
        killPostgres();
        return restartPostgres();
    }

    private ServiceProcess instance(SuiteService service, int instance) {
        List<ServiceProcess> instances = services.get(service);
        if (instances == null || instance < 1 || instance > instances.size()) {
            throw new IllegalArgumentException(service.module() + " has no instance " + instance);
        }
        return instances.get(instance - 1);
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
        return processes().map(process -> process.logTail(LOG_TAIL_LINES)).collect(Collectors.joining());
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
        CompletableFuture.allOf(processes().map(process -> CompletableFuture.runAsync(process::stop))
                .toArray(CompletableFuture[]::new)).join();
        kafka.stop();
        if (options.privatePostgres() && postgres != null) {
            postgres.stopPrivateCluster(); // nothing of the run outlives it
        }
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

    private static void requireFreePorts(SuiteOptions.Values options) {
        Map<Integer, String> ports = new LinkedHashMap<>();
        ports.put(SuitePorts.KAFKA, "Kafka");
        ports.put(SuitePorts.KAFKA_CONTROLLER, "Kafka's controller");
        for (int instance = 1; instance <= options.instances(); instance++) {
            ports.put(SuitePorts.ssh(instance), "ssh-gateway's SSH #" + instance);
            for (SuiteService service : SuiteService.values()) {
                ports.put(SuitePorts.http(service, instance), service.module() + " #" + instance);
            }
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
