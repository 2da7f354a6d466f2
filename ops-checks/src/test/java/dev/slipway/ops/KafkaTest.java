package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.Producer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * EVT-2 on Strimzi: a KafkaTopic per topic the services produce to (Producer) and per service's
 * dead-letter topic, and a KafkaUser per service whose ACLs let it write exactly its own topics, read
 * exactly what its slipway.events.topics consumes, and use its consumer group (the service's name).
 */
class KafkaTest {

    static Set<String> writes(String service) {
        Set<String> topics = Arrays.stream(Producer.values()).filter(p -> p.service().equals(service)).map(Producer::topic)
                .collect(Collectors.toCollection(TreeSet::new));
        topics.add("slipway.dlq." + service);
        return topics;
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void everyTopicHasAKafkaTopic(String target) {
        Kustomize.Render render = Kustomize.render(target);
        Set<String> expected = new TreeSet<>();
        Checkout.SERVICES.forEach(service -> expected.addAll(writes(service)));
        Set<String> topics = render.kind("KafkaTopic").map(t -> t.path("spec").path("topicName").asText()).collect(Collectors.toCollection(TreeSet::new));
        assertThat(topics).as(target).isEqualTo(expected);
        List<String> problems = new ArrayList<>();
        boolean production = target.endsWith("production");
        render.kind("KafkaTopic").forEach(topic -> {
            JsonNode spec = topic.path("spec");
            int replicas = spec.path("replicas").asInt();
            int minInSync = spec.path("config").path("min.insync.replicas").asInt(1);
            if (minInSync > replicas || production && (replicas < 3 || minInSync < 2)) {
                problems.add(Models.name(topic) + ": replicas " + replicas + ", min.insync.replicas " + minInSync);
            }
            if (!spec.path("topicName").asText().startsWith("slipway.dlq.") && spec.path("config").path("retention.ms").asLong() > 8L * 24 * 3600 * 1000) {
                problems.add(Models.name(topic) + ": kept longer than the inboxes remember applied events (8 days)");
            }
        });
        assertThat(problems).as(target).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void eachServiceWritesOnlyItsOwnTopicsAndReadsWhatItConsumes(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        assertThat(render.kind("KafkaUser").map(u -> u.path("metadata").path("name").asText()))
                .as(target).containsExactlyInAnyOrderElementsOf(Checkout.SERVICES);
        for (String service : Checkout.SERVICES) {
            JsonNode user = render.get("KafkaUser", service);
            Set<String> written = new TreeSet<>();
            Set<String> read = new TreeSet<>();
            Set<String> groups = new TreeSet<>();
            for (JsonNode acl : user.path("spec").path("authorization").path("acls")) {
                JsonNode resource = acl.path("resource");
                Set<String> operations = new TreeSet<>();
                acl.path("operations").forEach(op -> operations.add(op.asText()));
                String name = resource.path("name").asText();
                if (!"literal".equals(resource.path("patternType").asText("literal")) || !"allow".equals(acl.path("type").asText("allow"))) {
                    problems.add(service + ": ACL on " + name + " is not a literal allow");
                }
                switch (resource.path("type").asText()) {
                    case "topic" -> {
                        if (operations.contains("Write") || operations.contains("All")) {
                            written.add(name);
                        }
                        if (operations.contains("Read") || operations.contains("All")) {
                            read.add(name);
                        }
                    }
                    case "group" -> groups.add(name);
                    default -> problems.add(service + ": ACL on a " + resource.path("type").asText() + " resource");
                }
            }
            if (!written.equals(writes(service))) {
                problems.add(service + " may write " + written + ", produces to " + writes(service));
            }
            if (!read.equals(new TreeSet<>(ServiceConfig.of(service).topics()))) {
                problems.add(service + " may read " + read + ", consumes " + ServiceConfig.of(service).topics());
            }
            if (!groups.equals(Set.of(service))) {
                problems.add(service + " may use groups " + groups + ", its group is " + service);
            }
        }
        assertThat(problems).as(target).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void theBrokersAuthenticateAuthorizeAndAdmitOnlyTheServices(String target) {
        JsonNode kafka = Kustomize.render(target).get("Kafka", "slipway-kafka").path("spec").path("kafka");
        assertThat(kafka.path("authorization").path("type").asText()).as(target + ": ACLs enforced").isEqualTo("simple");
        assertThat(kafka.path("listeners")).as(target).isNotEmpty();
        for (JsonNode listener : kafka.path("listeners")) {
            String name = target + " listener " + listener.path("name").asText();
            assertThat(listener.path("type").asText()).as(name).isEqualTo("internal");
            assertThat(listener.path("authentication").path("type").asText()).as(name).isEqualTo("scram-sha-512");
            assertThat(listener.path("networkPolicyPeers").findValuesAsText("app.kubernetes.io/component")).as(name + " peers").containsExactly("service");
        }
        for (String service : Checkout.SERVICES) {
            JsonNode container = Workloads.of(Kustomize.render(target)).filter(w -> service.equals(w.path("metadata").path("name").asText()))
                    .findFirst().orElseThrow().path("spec").path("template").path("spec").path("containers").get(0);
            java.util.Map<String, String> env = Workloads.environment(Kustomize.render(target), container);
            assertThat(env).as(target + " " + service + " logs in as its KafkaUser")
                    .containsEntry("KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT").containsEntry("KAFKA_SASL_MECHANISM", "SCRAM-SHA-512")
                    .containsEntry("KAFKA_SASL_JAAS_CONFIG", "secret " + service + "/sasl.jaas.config");
        }
    }
}
