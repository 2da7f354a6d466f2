package dev.slipway.environment;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Plays the git host (ssh-gateway's side of SSH-4) on the real broker: reads the operation requests
 * environment-service publishes and answers them with completed or failed events, as the gateway does.
 */
final class GitHostPlayer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final KafkaProbe requests = KafkaProbe.reading(Topics.ENVIRONMENTS);

    /** The request data of the next git operation of {@code kind} for {@code projectId}. */
    JsonNode awaitRequest(String projectId, String kind, String branch) {
        ConsumerRecord<String, String> record = requests.await(r -> projectId.equals(r.key())
                && "dev.slipway.git-operation.requested.v1".equals(KafkaProbe.header(r, "ce_type"))
                && r.value().contains("\"kind\":\"" + kind + "\"") && r.value().contains("\"branch\":\"" + branch + "\""), Duration.ofSeconds(60));
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    void complete(JsonNode request, String head) {
        ObjectNode data = answer(request);
        data.put("head", head);
        send("dev.slipway.git-operation.completed.v1", request, data);
    }

    void fail(JsonNode request, String reason, List<String> conflicts) {
        ObjectNode data = answer(request);
        data.put("reason", reason);
        data.putArray("conflicts").addAll(conflicts.stream().map(JSON.getNodeFactory()::textNode).toList());
        send("dev.slipway.git-operation.failed.v1", request, data);
    }

    private static ObjectNode answer(JsonNode request) {
        ObjectNode data = JSON.createObjectNode();
        data.put("operationId", request.get("operationId").asText());
        data.put("projectId", request.get("projectId").asText());
        data.put("environmentId", request.get("environmentId").asText());
        data.put("kind", request.get("kind").asText());
        data.put("branch", request.get("branch").asText());
        return data;
    }

    private static void send(String type, JsonNode request, ObjectNode data) {
        KafkaProbe.send(Topics.GIT, request.get("projectId").asText(),
                Map.of("id", UUID.randomUUID().toString(), "type", type, "source", "/slipway/ssh-gateway"), data.toString());
    }

    @Override
    public void close() {
        requests.close();
    }
}
