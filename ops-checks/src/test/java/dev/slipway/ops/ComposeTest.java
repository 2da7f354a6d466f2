package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * docker/compose.yaml: each service from docker/Dockerfile with its own module and port, configured
 * only by its configuration keys, with its database (created by the init script with its owner), the
 * volumes its folders need, a restart policy, a read-only root and a non-root user; Kafka in KRaft
 * mode with the EVT-2 and dead-letter topics; only the entry point and SSH published.
 */
class ComposeTest {

    static JsonNode compose() {
        // SnakeYAML resolves anchors and merge keys (<<: *service) as Compose does; Jackson's reader does not.
        Object document = new org.yaml.snakeyaml.Yaml().load(Checkout.read("docker/compose.yaml"));
        return new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(document);
    }

    @Test
    void everyServiceIsBuiltFromItsModuleAndConfiguredOnlyByItsKeys() {
        JsonNode services = compose().path("services");
        List<String> problems = new ArrayList<>();
        for (String service : Checkout.SERVICES) {
            JsonNode definition = services.path(service);
            ServiceConfig config = ServiceConfig.of(service);
            if (definition.isMissingNode()) {
                problems.add(service + ": not in compose.yaml");
                continue;
            }
            JsonNode args = definition.path("build").path("args");
            if (!"docker/Dockerfile".equals(definition.path("build").path("dockerfile").asText()) || !service.equals(args.path("SERVICE").asText())
                    || args.path("HTTP_PORT").asInt() != config.httpPort()) {
                problems.add(service + ": build is not docker/Dockerfile with SERVICE=" + service + " HTTP_PORT=" + config.httpPort());
            }
            if (!definition.path("image").asText().startsWith("slipway/" + service + ":")) {
                problems.add(service + ": image " + definition.path("image").asText());
            }
            Set<String> unknown = new TreeSet<>();
            definition.path("environment").fieldNames().forEachRemaining(name -> {
                if (!config.reads(name)) {
                    unknown.add(name);
                }
            });
            if (!unknown.isEmpty()) {
                problems.add(service + " reads no configuration key for " + unknown);
            }
            String url = definition.path("environment").path("QUARKUS_DATASOURCE_JDBC_URL").asText();
            String database = url.substring(url.lastIndexOf('/') + 1);
            String own = Checkout.read(service + "/src/main/resources/application.properties");
            if (!own.contains("/" + database + "\n")) {
                problems.add(service + ": database " + database + " is not the one application.properties names");
            }
            String owner = definition.path("environment").path("QUARKUS_DATASOURCE_USERNAME").asText();
            if (!InitScript.databases().getOrDefault(database, "").equals(owner)) {
                problems.add(service + ": the init script does not create " + database + " owned by " + owner);
            }
            // Folders the service writes outside /tmp must be volumes (the root filesystem is read-only).
            for (String folder : List.of("SLIPWAY_GIT_ROOT", "SLIPWAY_RUNNER_ROOT")) {
                checkVolume(definition, service, definition.path("environment").path(folder).asText(null), problems);
            }
            String hostKey = definition.path("environment").path("SLIPWAY_SSH_HOST_KEY").asText(null);
            checkVolume(definition, service, hostKey == null ? null : hostKey.substring(0, hostKey.lastIndexOf('/')), problems);
        }
        assertThat(problems).isEmpty();
    }

    @Test
    void servicesAreNonRootReadOnlyAndRestarted() {
        JsonNode services = compose().path("services");
        for (String service : Checkout.SERVICES) {
            JsonNode definition = services.path(service);
            assertThat(definition.path("restart").asText()).as(service).isEqualTo("unless-stopped");
            assertThat(definition.path("read_only").asBoolean()).as(service).isTrue();
            assertThat(definition.path("user").asText()).as(service).isEqualTo("185:185");
        }
        for (String other : List.of("kafka", "postgres", "entry")) {
            assertThat(services.path(other).path("restart").asText()).as(other).isEqualTo("unless-stopped");
        }
    }

    @Test
    void onlyTheEntryPointAndSshArePublished() {
        List<String> published = new ArrayList<>();
        compose().path("services").fields().forEachRemaining(entry -> entry.getValue().path("ports")
                .forEach(port -> published.add(entry.getKey() + " " + port.asText())));
        assertThat(published).containsExactlyInAnyOrder("entry 8080:8080", "ssh-gateway 2222:2222");
    }

    @Test
    void kafkaRunsInKraftModeWithTheTopics() {
        JsonNode services = compose().path("services");
        assertThat(services.path("kafka").path("image").asText()).startsWith("apache/kafka:");
        assertThat(services.path("kafka").path("environment").path("KAFKA_PROCESS_ROLES").asText()).isEqualTo("broker,controller");
        Set<String> expected = new TreeSet<>();
        Checkout.SERVICES.forEach(service -> expected.addAll(KafkaTest.writes(service)));
        Matcher loop = Pattern.compile("for topic in ([^;]+);").matcher(services.path("kafka-topics").path("command").toString());
        assertThat(loop.find()).as("kafka-topics creates topics in a for loop").isTrue();
        assertThat(new TreeSet<>(Arrays.asList(loop.group(1).trim().split("\\s+")))).isEqualTo(expected);
        assertThat(services.path("postgres").path("image").asText()).startsWith("postgres:");
    }

    private static void checkVolume(JsonNode definition, String service, String folder, List<String> problems) {
        if (folder == null) {
            return;
        }
        boolean mounted = false;
        for (JsonNode volume : definition.path("volumes")) {
            String[] parts = volume.asText().split(":");
            mounted |= parts.length >= 2 && parts[1].equals(folder) && !parts[0].startsWith(".") && !parts[0].startsWith("/");
        }
        if (!mounted) {
            problems.add(service + ": " + folder + " is no named volume");
        }
    }

    /** The databases and owners docker/postgres/init-databases.sh creates. */
    static final class InitScript {

        static Map<String, String> databases() {
            Matcher pairs = Pattern.compile("(slipway_[a-z]+):([a-z_]+)").matcher(Checkout.read("docker/postgres/init-databases.sh"));
            Map<String, String> databases = new java.util.TreeMap<>();
            while (pairs.find()) {
                databases.put(pairs.group(1), pairs.group(2));
            }
            return databases;
        }

        private InitScript() {
        }
    }

    @Test
    void theInitScriptCreatesTheFourDatabasesOnly() {
        Set<String> databases = Checkout.SERVICES.stream().map(service -> {
            Matcher url = Pattern.compile("jdbc:postgresql://[^/]+/(\\w+)").matcher(Checkout.read(service + "/src/main/resources/application.properties"));
            return url.find() ? url.group(1) : service;
        }).collect(Collectors.toCollection(TreeSet::new));
        assertThat(InitScript.databases().keySet()).isEqualTo(databases);
    }
}
