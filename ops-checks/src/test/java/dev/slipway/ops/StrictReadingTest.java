package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The strict reading refuses what the model classes would silently keep: the checks on k8s/ can fail. */
class StrictReadingTest {

    private static final YAMLMapper YAML = new YAMLMapper();

    @Test
    void aMisspeltDeploymentFieldIsNamed() throws Exception {
        JsonNode deployment = YAML.readTree("""
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: x}
                spec:
                  replicaz: 2
                  template:
                    spec:
                      containers:
                        - name: x
                          image: x
                          readinessProbe: {httpGet: {path: /q/health/ready, port: http}, periodSecond: 5}
                """);
        List<String> problems = new ArrayList<>();
        Models.read(deployment, io.fabric8.kubernetes.api.model.apps.Deployment.class, problems);
        assertThat(problems).anyMatch(p -> p.endsWith("spec.replicaz"))
                .anyMatch(p -> p.contains("readinessProbe.periodSecond"));
    }

    @Test
    void aKafkaUserAclInTheOldSingularFormIsNamed() throws Exception {
        JsonNode user = YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: x}
                spec:
                  authentication: {type: scram-sha-512}
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t, patternType: literal}
                        operation: Write
                """);
        List<String> problems = new ArrayList<>();
        Models.read(user, io.strimzi.api.kafka.model.user.KafkaUser.class, problems);
        assertThat(problems).anyMatch(p -> p.contains("operation"));
    }

    @Test
    void anUnknownAclOperationDoesNotRead() throws Exception {
        JsonNode user = YAML.readTree("""
                apiVersion: kafka.strimzi.io/v1
                kind: KafkaUser
                metadata: {name: x}
                spec:
                  authorization:
                    type: simple
                    acls:
                      - resource: {type: topic, name: t}
                        operations: [Scribble]
                """);
        List<String> problems = new ArrayList<>();
        Models.read(user, io.strimzi.api.kafka.model.user.KafkaUser.class, problems);
        assertThat(problems).isNotEmpty();
    }

    @Test
    void aCloudNativePgDatabaseWithoutOwnerIsRefused() throws Exception {
        JsonNode database = YAML.readTree("""
                apiVersion: postgresql.cnpg.io/v1
                kind: Database
                metadata: {name: x}
                spec: {cluster: {name: c}, name: x, ownr: y}
                """);
        assertThat(CloudNativePg.check(database)).anyMatch(p -> p.contains("spec.ownr")).anyMatch(p -> p.contains("spec.owner is required"));
    }

    @Test
    void configMappingKeysFollowNamesAndNestedGroups() {
        String source = """
                @ConfigMapping(prefix = "slipway.services")
                public interface ServicesConfig {
                    /** environment-service's base URL, {@link #retry()}. */
                    @WithName("environment-service.url")
                    @WithDefault("http://127.0.0.1:8081")
                    URI environmentServiceUrl();
                    Optional<List<String>> topics();
                    Retry retry();
                    interface Retry {
                        @WithDefault("5")
                        int maxAttempts();
                    }
                }
                """;
        assertThat(ServiceConfig.mappingKeys("slipway.services", source))
                .containsExactly("slipway.services.environment-service.url", "slipway.services.retry.max-attempts", "slipway.services.topics");
    }
}
