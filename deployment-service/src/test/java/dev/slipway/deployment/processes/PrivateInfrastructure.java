package dev.slipway.deployment.processes;

import dev.slipway.deployment.clients.InternalApiStandIn;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.LocalKafka;
import dev.slipway.devinfra.LocalPostgres;
import dev.slipway.devinfra.Processes;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.testing.SlipwayTestResource;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * What the forked services of one test class share, none of it shared with anyone else on this
 * machine: a Kafka broker of its own (other runs use the test broker with deployment-service's
 * consumer group, and would take our events), a fresh database on the machine's PostgreSQL, the
 * stand-in for ssh-gateway's and environment-service's internal interfaces on a port of its own,
 * and a working folder under {@code target/}. All of it goes at the end, failed or not.
 */
final class PrivateInfrastructure implements BeforeAllCallback, AfterAllCallback {

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final String name;
    private final int kafkaPort;
    private final int standInPort;
    private final SlipwayHome home = SlipwayHome.locate();
    private LocalKafka kafka;
    private LocalPostgres postgres;
    private LocalPostgres.Endpoint endpoint;
    private String database;
    private DevKeys keys;
    private InternalApiStandIn standIn;
    private Path workDir;

    /** {@code kafkaPort} and the one after it (the controller's) must be free, as must {@code standInPort}. */
    PrivateInfrastructure(String name, int kafkaPort, int standInPort) {
        this.name = name;
        this.kafkaPort = kafkaPort;
        this.standInPort = standInPort;
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        workDir = Path.of("target", "it-work", name + "-" + LocalDateTime.now().format(STAMP)).toAbsolutePath();
        Files.createDirectories(workDir);
        kafka = new LocalKafka(home, "it-kafka-" + kafkaPort, kafkaPort, kafkaPort + 1);
        if (!kafka.isServing()) {
            // A fresh broker: no topic or consumer offset of an earlier run reaches this one's services.
            deleteTree(home.state(kafka.name()));
        }
        kafka.ensureRunning();
        System.setProperty(SlipwayTestResource.BOOTSTRAP_PROPERTY, kafka.bootstrapServers());

        postgres = new LocalPostgres(home);
        endpoint = postgres.ensureRunning();
        database = "t_deploymentit_" + LocalDateTime.now().format(STAMP) + "_" + ThreadLocalRandom.current().nextInt(1000, 10000);
        postgres.createDatabase(endpoint, database);

        keys = DevKeys.forTests(home).ensure();
        standIn = new InternalApiStandIn(keys.publicKey());
        standIn.start(standInPort);
    }

    @Override
    public void afterAll(ExtensionContext context) {
        if (standIn != null) {
            standIn.close();
        }
        if (database != null) {
            postgres.dropDatabase(endpoint, database);
        }
        if (kafka != null) {
            kafka.stop();
        }
        System.clearProperty(SlipwayTestResource.BOOTSTRAP_PROPERTY);
    }

    /**
     * An instance of the packaged service on {@code httpPort}, claiming as {@code instanceId}, with
     * this infrastructure's broker, database, stand-in and runner folder (instances share it, as
     * they share it in production).
     */
    ForkedDeploymentService service(String instanceId, int httpPort) {
        if (Processes.portOpen("127.0.0.1", httpPort)) {
            throw new IllegalStateException("Port " + httpPort + " is taken; the forked " + instanceId + " needs it");
        }
        return new ForkedDeploymentService(instanceId, httpPort, workDir.resolve("logs"))
                .with("QUARKUS_HTTP_HOST", "127.0.0.1")
                .with("QUARKUS_DATASOURCE_JDBC_URL", endpoint.jdbcUrl(database))
                .with("QUARKUS_DATASOURCE_USERNAME", endpoint.user())
                .with("KAFKA_BOOTSTRAP_SERVERS", kafka.bootstrapServers())
                .with("MP_JWT_VERIFY_PUBLICKEY_LOCATION", keys.publicKey().toString())
                .with("SLIPWAY_SERVICE_TOKEN_PRIVATE_KEY_LOCATION", keys.privateKey().toString())
                .with("SLIPWAY_SERVICES_SSH_GATEWAY_URL", "http://127.0.0.1:" + standInPort)
                .with("SLIPWAY_SERVICES_ENVIRONMENT_SERVICE_URL", "http://127.0.0.1:" + standInPort)
                .with("SLIPWAY_RUNNER_ROOT", workDir.resolve("releases").toString())
                .with("SLIPWAY_EVENTS_INSTANCE_ID", instanceId);
    }

    InternalApiStandIn standIn() {
        return standIn;
    }

    /** This class's folder under {@code target/it-work}: evidence files, the app's repository, logs, releases. */
    Path workDir() {
        return workDir;
    }

    DeploymentTable deployments() {
        return new DeploymentTable(endpoint.jdbcUrl(database), endpoint.user());
    }

    String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    private static void deleteTree(Path directory) throws IOException {
        if (!Files.exists(directory)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }
}
