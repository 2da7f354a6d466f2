package dev.slipway.testing;

import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.DevTokens;
import dev.slipway.devinfra.LocalKafka;
import dev.slipway.devinfra.LocalPostgres;
import dev.slipway.devinfra.SlipwayHome;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Real infrastructure for a module's {@code @QuarkusTest}s: starts or reuses the test Kafka broker
 * and PostgreSQL (as {@code bin/slipway} does), creates a fresh database for this test run (dropped
 * at the end, so reruns never collide) and points the service at them and at the test JWT key.
 *
 * <p>System properties (set per module in Surefire): {@code slipway.test.module} names the
 * database; {@code slipway.test.kafka.port} picks a dedicated broker, stopped at the end when
 * {@code slipway.test.kafka.dedicated=true} (used by tests that stop and restart it);
 * {@code slipway.test.postgres.port} gives the module a PostgreSQL cluster of its own on that port
 * (in the system temporary folder, see {@code LocalPostgres.dedicated}), stopped at the end, for tests that restart their database.
 */
public class SlipwayTestResource implements QuarkusTestResourceLifecycleManager {

    /** Set while a test run is active, for {@link KafkaProbe} and {@link TestTokens}. */
    public static final String BOOTSTRAP_PROPERTY = "slipway.test.kafka.bootstrap";
    public static final String GIT_ROOT_PROPERTY = "slipway.test.git-root";
    /** {@code true} in a module whose service calls deployment-service's exec interface: an {@link ExecStandIn} plays it. */
    public static final String EXEC_STAND_IN_PROPERTY = "slipway.test.exec-stand-in";

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final String PREFIX = "t_";

    private LocalPostgres postgres;
    private LocalPostgres.Endpoint endpoint;
    private String database;
    private Path gitRoot;
    private LocalKafka kafka;
    private boolean dedicatedKafka;
    private boolean dedicatedPostgres;
    private ExecStandIn execStandIn;
    private static ExecStandIn activeExecStandIn;
    private static LocalKafka activeKafka;
    private static LocalPostgres activePostgres;

    @Override
    public Map<String, String> start() {
        SlipwayHome home = SlipwayHome.locate();
        kafka = kafkaFor(home);
        kafka.ensureRunning();
        activeKafka = kafka;
        System.setProperty(BOOTSTRAP_PROPERTY, kafka.bootstrapServers());

        postgres = postgresFor(home);
        endpoint = postgres.ensureRunning();
        activePostgres = postgres;
        String module = System.getProperty("slipway.test.module", "slipway").toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]", "");
        dropLeftovers(module);
        database = PREFIX + module + "_" + LocalDateTime.now().format(STAMP) + "_" + ThreadLocalRandom.current().nextInt(1000, 10000);
        postgres.createDatabase(endpoint, database);

        DevKeys keys = DevKeys.forTests(home).ensure();
        try {
            gitRoot = Files.createTempDirectory("slipway-git-");
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
        System.setProperty(GIT_ROOT_PROPERTY, gitRoot.toString());

        Map<String, String> config = new HashMap<>();
        config.put("quarkus.datasource.jdbc.url", endpoint.jdbcUrl(database));
        config.put("quarkus.datasource.username", endpoint.user());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("mp.jwt.verify.publickey.location", keys.publicKey().toString());
        config.put("mp.jwt.verify.issuer", DevTokens.DEFAULT_ISSUER);
        // SEC-4: the tokens a service under test sends to others are signed with the test key too.
        config.put("slipway.service-token.private-key-location", keys.privateKey().toString());
        config.put("slipway.tickets.secrets-key-location", keys.ticketSecretsKey().toString());
        config.put("slipway.git.root", gitRoot.toString());
        if (Boolean.getBoolean(EXEC_STAND_IN_PROPERTY)) {
            execStandIn = new ExecStandIn(keys.publicKey());
            execStandIn.start();
            activeExecStandIn = execStandIn;
            config.put("slipway.exec.url", execStandIn.url());
        }
        return config;
    }

    @Override
    public void stop() {
        if (database != null) {
            postgres.dropDatabase(endpoint, database);
        }
        if (dedicatedKafka) {
            kafka.stop();
        }
        if (dedicatedPostgres) {
            postgres.stopPrivateCluster();
        }
        deleteQuietly(gitRoot);
        if (execStandIn != null) {
            execStandIn.close();
        }
    }

    /** The exec stand-in of the current test run ({@link #EXEC_STAND_IN_PROPERTY}); tests of an outage close and restart it. */
    public static ExecStandIn execStandIn() {
        if (activeExecStandIn == null) {
            throw new IllegalStateException("This module's tests have no exec stand-in (" + EXEC_STAND_IN_PROPERTY + ")");
        }
        return activeExecStandIn;
    }

    /** The test run's hosted repositories go with it. */
    private static void deleteQuietly(Path directory) {
        if (directory == null) {
            return;
        }
        try (java.util.stream.Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (java.io.IOException e) {
            // a temporary folder the system cleans up anyway
        }
    }

    /** The database server of the current test run, when it is the module's own cluster (tests of outages restart it). */
    public static LocalPostgres dedicatedPostgres() {
        if (activePostgres == null || !Boolean.getBoolean("slipway.test.postgres.dedicated")) {
            throw new IllegalStateException("This module's tests have no PostgreSQL of their own (slipway.test.postgres.port)");
        }
        return activePostgres;
    }

    private LocalPostgres postgresFor(SlipwayHome home) {
        String port = System.getProperty("slipway.test.postgres.port");
        if (port == null) {
            return new LocalPostgres(home);
        }
        dedicatedPostgres = true;
        System.setProperty("slipway.test.postgres.dedicated", "true");
        return LocalPostgres.dedicated(home, "test-postgres-" + port, Integer.parseInt(port));
    }

    /** The broker the current test run uses; tests of outages stop and start it. */
    public static LocalKafka kafka() {
        if (activeKafka == null) {
            throw new IllegalStateException("SlipwayTestResource has not started");
        }
        return activeKafka;
    }

    private LocalKafka kafkaFor(SlipwayHome home) {
        String port = System.getProperty("slipway.test.kafka.port");
        if (port == null) {
            return LocalKafka.forTests(home);
        }
        dedicatedKafka = Boolean.parseBoolean(System.getProperty("slipway.test.kafka.dedicated", "false"));
        int brokerPort = Integer.parseInt(port);
        return new LocalKafka(home, "test-kafka-" + brokerPort, brokerPort, brokerPort + 1);
    }

    /** Databases of runs that died before their stop(), older than a day. */
    private void dropLeftovers(String module) {
        String cutoff = LocalDateTime.now().minus(Duration.ofDays(1)).format(STAMP);
        for (String name : postgres.databasesStartingWith(endpoint, PREFIX + module + "_")) {
            String[] parts = name.split("_");
            if (parts.length == 4 && parts[2].compareTo(cutoff) < 0) {
                postgres.dropDatabase(endpoint, name);
            }
        }
    }
}
