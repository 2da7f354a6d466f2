package dev.slipway.devinfra;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A single-node Apache Kafka broker in KRaft mode, run as its own JVM from the jars that the
 * {@code dev-infra/kafka-broker} module resolves. Reused when something already listens on its port;
 * stopped by its PID.
 */
public final class LocalKafka {

    /** Printed at INFO by {@code kafka.server.KafkaRaftServer} once the broker serves clients. */
    private static final String STARTED_LINE = "Kafka Server started";

    private final SlipwayHome home;
    private final String name;
    private final int port;
    private final int controllerPort;
    private final Path dir;

    public LocalKafka(SlipwayHome home, String name, int port, int controllerPort) {
        this.home = home;
        this.name = name;
        this.port = port;
        this.controllerPort = controllerPort;
        this.dir = home.state(name);
    }

    /** The broker of {@code slipway up}: 127.0.0.1:9092 (SPEC §1). */
    public static LocalKafka forSuite(SlipwayHome home) {
        return new LocalKafka(home, "kafka", intEnv("SLIPWAY_KAFKA_PORT", 9092), intEnv("SLIPWAY_KAFKA_CONTROLLER_PORT", 9093));
    }

    /**
     * The broker of the test suite, on its own ports so that tests never feed events to a suite
     * started with {@code slipway up} on the same machine.
     */
    public static LocalKafka forTests(SlipwayHome home) {
        return new LocalKafka(home, "test-kafka", intEnv("SLIPWAY_TEST_KAFKA_PORT", 19092), intEnv("SLIPWAY_TEST_KAFKA_CONTROLLER_PORT", 19093));
    }

    public String name() {
        return name;
    }

    public int port() {
        return port;
    }

    public String bootstrapServers() {
        return "127.0.0.1:" + port;
    }

    public Path log() {
        return dir.resolve("broker.log");
    }

    private Path pidFile() {
        return dir.resolve("broker.pid");
    }

    public boolean isServing() {
        return Processes.portOpen("127.0.0.1", port);
    }

    /** The broker process this class started, if it runs. */
    public java.util.Optional<ProcessHandle> process() {
        return Processes.fromPidFile(pidFile());
    }

    /** Starts the broker unless one already answers on its port; returns once it serves clients. */
    public void ensureRunning() {
        withLock(() -> {
            if (isServing()) {
                return;
            }
            start();
        });
    }

    private void start() {
        Path classpathFile = home.root().resolve("dev-infra/kafka-broker/target/classpath.txt");
        if (!Files.isRegularFile(classpathFile)) {
            throw new InfraException("The Kafka broker's classpath is missing (" + classpathFile
                    + "); build it with: ./mvnw -q -f dev-infra/kafka-broker/pom.xml generate-resources");
        }
        try {
            Files.createDirectories(dir);
            Path config = writeConfig();
            Path logConfig = writeLogConfig();
            String classpath = Files.readString(classpathFile).trim();
            if (!Files.exists(dir.resolve("data/meta.properties"))) {
                Processes.run(List.of(Processes.javaExecutable(), "-cp", classpath,
                        "-Dlog4j2.configurationFile=" + logConfig,
                        "kafka.tools.StorageTool", "format", "-t", UUID.randomUUID().toString(),
                        "-c", config.toString(), "--standalone"), Duration.ofMinutes(1));
            }
            long logOffset = Files.exists(log()) ? Files.size(log()) : 0;
            ProcessHandle broker = Processes.startDetached(List.of(Processes.javaExecutable(),
                    "-Xms128m", "-Xmx512m", "-XX:+UseG1GC",
                    "-Dlog4j2.configurationFile=" + logConfig,
                    "-cp", classpath, "kafka.Kafka", config.toString()), dir, log(), pidFile(), Map.of());
            boolean started = Processes.await(() -> !broker.isAlive() || startedSince(logOffset), Duration.ofSeconds(90));
            if (!started || !broker.isAlive()) {
                broker.destroyForcibly();
                throw new InfraException("Kafka (" + name + ") did not start; see " + log());
            }
        } catch (IOException e) {
            throw new InfraException("Cannot prepare Kafka in " + dir + ": " + e.getMessage(), e);
        }
    }

    private boolean startedSince(long offset) {
        try (RandomAccessFile file = new RandomAccessFile(log().toFile(), "r")) {
            file.seek(offset);
            byte[] tail = new byte[(int) Math.max(0, file.length() - offset)];
            file.readFully(tail);
            return new String(tail).contains(STARTED_LINE) && isServing();
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops the broker this class started; a broker started by someone else is left alone. */
    public boolean stop() {
        return Processes.stop(pidFile(), Duration.ofSeconds(30));
    }

    private Path writeConfig() throws IOException {
        String properties = String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.bootstrap.servers=127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "inter.broker.listener.name=PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=3",
                "offsets.topic.replication.factor=1",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                // After a crash the restarted broker is fenced until its previous registration's
                // session ends: 3 s instead of 9 s (a SIGKILLed broker was ready again after 12.5 s, now 5.6 s).
                "broker.session.timeout.ms=3000",
                "broker.heartbeat.interval.ms=500",
                "auto.create.topics.enable=true",
                // A local broker: keep a week of events, in small segments.
                "log.retention.hours=168",
                "log.segment.bytes=16777216",
                "");
        Path config = dir.resolve("server.properties");
        Files.writeString(config, properties);
        return config;
    }

    private Path writeLogConfig() throws IOException {
        String log4j = String.join("\n",
                "status = warn",
                "appender.console.type = Console",
                "appender.console.name = STDOUT",
                "appender.console.layout.type = PatternLayout",
                "appender.console.layout.pattern = [%d] %p %m (%c)%n",
                "rootLogger.level = WARN",
                "rootLogger.appenderRef.stdout.ref = STDOUT",
                "logger.raft.name = kafka.server.KafkaRaftServer",
                "logger.raft.level = INFO",
                "");
        Path config = dir.resolve("log4j2.properties");
        Files.writeString(config, log4j);
        return config;
    }

    /** Serialises start-up across JVMs (two test modules, or a test run beside {@code slipway up}). */
    private void withLock(Runnable action) {
        try {
            Files.createDirectories(dir);
            try (FileChannel channel = FileChannel.open(dir.resolve(".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                 FileLock ignored = channel.lock()) {
                action.run();
            }
        } catch (IOException e) {
            throw new InfraException("Cannot lock " + dir + ": " + e.getMessage(), e);
        }
    }

    static int intEnv(String name, int fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
    }
}
