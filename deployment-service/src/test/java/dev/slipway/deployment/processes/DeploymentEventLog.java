package dev.slipway.deployment.processes;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Plays environment-service towards the forked services (its {@code deployment-requested} event, as
 * it sends it) and reads what they publish on {@code slipway.deployments}, from the beginning.
 */
final class DeploymentEventLog implements AutoCloseable {

    static final String SUCCEEDED = "dev.slipway.deployment.succeeded.v1";
    static final String STARTED = "dev.slipway.deployment.started.v1";
    static final String FAILED = "dev.slipway.deployment.failed.v1";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final KafkaConsumer<String, String> consumer;
    private final List<ConsumerRecord<String, String>> seen = new ArrayList<>();

    DeploymentEventLog(String bootstrapServers) {
        Properties properties = new Properties();
        properties.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        properties.put(ConsumerConfig.GROUP_ID_CONFIG, "it-probe-" + UUID.randomUUID());
        properties.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        properties.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        consumer = new KafkaConsumer<>(properties, new StringDeserializer(), new StringDeserializer());
        consumer.subscribe(List.of(Topics.DEPLOYMENTS));
    }

    /** DEP-1: environment-service asks for a deployment of the environment's branch head. */
    static void requestDeployment(String project, String environment) {
        KafkaProbe.send(Topics.ENVIRONMENTS, project, Map.of("id", UUID.randomUUID().toString(), "type",
                "dev.slipway.environment.deployment-requested.v1", "source", "/slipway/environment-service", "subject", "projects/" + project),
                "{\"projectId\":\"" + project + "\",\"environmentId\":\"" + environment + "\",\"branch\":\"" + environment + "\",\"commit\":null,"
                        + "\"trigger\":\"PUSH\",\"dataFrom\":null,\"activityId\":\"" + UUID.randomUUID() + "\",\"requestedBy\":\"alice\"}");
    }

    /** Reads what arrived since the last call. */
    DeploymentEventLog poll() {
        consumer.poll(Duration.ofMillis(300)).forEach(seen::add);
        return this;
    }

    /**
     * The distinct event ids of type {@code type} per deployment id, for {@code project}. The outbox
     * may deliver an event twice (EVT-3: consumers skip it by its id); a deployment that ran twice
     * would show two different ids.
     */
    Map<String, Set<String>> eventIdsByDeployment(String type, String project) {
        Map<String, Set<String>> ids = new HashMap<>();
        for (ConsumerRecord<String, String> record : seen) {
            if (type.equals(KafkaProbe.header(record, "ce_type")) && project.equals(record.key())) {
                ids.computeIfAbsent(deploymentIdOf(record), id -> new HashSet<>()).add(KafkaProbe.header(record, "ce_id"));
            }
        }
        return ids;
    }

    private static String deploymentIdOf(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value()).path("deploymentId").asText();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
