package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every ConfigMap, Secret, Service, volume claim and cluster a rendered object refers to is in the
 * render, or listed in k8s/external-objects.txt as created by you or an operator.
 */
class ReferencesTest {

    /** "Kind name" of every line of k8s/external-objects.txt. */
    static Set<String> external() {
        return Arrays.stream(Checkout.read("k8s/external-objects.txt").split("\n"))
                .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#"))
                .map(line -> line.split("\\s+")).map(parts -> parts[0] + " " + parts[1]).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void everyReferenceResolves(String target) {
        Kustomize.Render render = Kustomize.render(target);
        Set<String> external = external();
        List<String> problems = new ArrayList<>();
        Workloads.of(render).forEach(workload -> {
            String from = Workloads.name(workload);
            JsonNode pod = Workloads.podSpec(workload);
            Set<String> claims = workload.path("spec").path("volumeClaimTemplates").findValuesAsText("name").stream().collect(Collectors.toSet());
            for (JsonNode volume : pod.path("volumes")) {
                need(render, external, "Secret", volume.path("secret").path("secretName").asText(null), from, problems);
                need(render, external, "ConfigMap", volume.path("configMap").path("name").asText(null), from, problems);
                need(render, external, "PersistentVolumeClaim", volume.path("persistentVolumeClaim").path("claimName").asText(null), from, problems);
            }
            for (JsonNode container : pod.path("containers")) {
                for (JsonNode mount : container.path("volumeMounts")) {
                    String volume = mount.path("name").asText();
                    boolean declared = claims.contains(volume) || pod.path("volumes").findValuesAsText("name").contains(volume);
                    if (!declared) {
                        problems.add(from + ": mounts volume " + volume + ", which is neither a volume nor a claim template");
                    }
                }
                for (JsonNode envFrom : container.path("envFrom")) {
                    need(render, external, "ConfigMap", envFrom.path("configMapRef").path("name").asText(null), from, problems);
                    need(render, external, "Secret", envFrom.path("secretRef").path("name").asText(null), from, problems);
                }
                for (JsonNode env : container.path("env")) {
                    need(render, external, "Secret", env.path("valueFrom").path("secretKeyRef").path("name").asText(null), from, problems);
                    need(render, external, "ConfigMap", env.path("valueFrom").path("configMapKeyRef").path("name").asText(null), from, problems);
                }
                // Addresses in the configuration: services of the render, or the operators' (external-objects.txt).
                Workloads.environment(render, container).forEach((name, value) -> {
                    String host = host(value);
                    if (host != null && !host.contains(".")) {
                        need(render, external, "Service", host, from + " " + name, problems);
                    }
                });
            }
            if (workload.path("kind").asText().equals("StatefulSet")) {
                need(render, external, "Service", workload.path("spec").path("serviceName").asText(), from, problems);
            }
        });
        render.kind("Ingress").forEach(ingress -> {
            for (JsonNode tls : ingress.path("spec").path("tls")) {
                need(render, external, "Secret", tls.path("secretName").asText(null), Models.name(ingress), problems);
            }
            ingress.findValues("service").forEach(service -> need(render, external, "Service", service.path("name").asText(), Models.name(ingress), problems));
        });
        render.kind("HorizontalPodAutoscaler").forEach(hpa -> need(render, external, hpa.path("spec").path("scaleTargetRef").path("kind").asText(),
                hpa.path("spec").path("scaleTargetRef").path("name").asText(), Models.name(hpa), problems));
        for (String kind : List.of("Database", "ScheduledBackup")) {
            render.kind(kind).forEach(object -> need(render, external, "Cluster", object.path("spec").path("cluster").path("name").asText(), Models.name(object), problems));
        }
        render.kind("Cluster").forEach(cluster -> {
            cluster.path("spec").path("managed").path("roles").forEach(role ->
                    need(render, external, "Secret", role.path("passwordSecret").path("name").asText(null), Models.name(cluster), problems));
            cluster.path("spec").path("plugins").forEach(plugin ->
                    need(render, external, "ObjectStore", plugin.path("parameters").path("barmanObjectName").asText(null), Models.name(cluster), problems));
        });
        render.kind("ObjectStore").forEach(store -> store.path("spec").findValues("name").forEach(name -> {
            if (!name.isContainerNode()) {
                need(render, external, "Secret", name.asText(), Models.name(store), problems);
            }
        }));
        for (String kind : List.of("KafkaTopic", "KafkaUser", "KafkaNodePool")) {
            render.kind(kind).forEach(object -> need(render, external, "Kafka",
                    object.path("metadata").path("labels").path("strimzi.io/cluster").asText(), Models.name(object), problems));
        }
        assertThat(problems).as(target).isEmpty();
    }

    @Test
    void everyExternalObjectIsReferencedSomewhere() {
        List<String> unused = new ArrayList<>();
        String all = Kustomize.TARGETS.stream().map(Kustomize::render).flatMap(render -> render.objects().stream())
                .map(JsonNode::toString).collect(Collectors.joining("\n"));
        for (String object : external()) {
            String name = object.substring(object.indexOf(' ') + 1);
            if (!java.util.regex.Pattern.compile("(?<![a-z0-9.-])" + java.util.regex.Pattern.quote(name) + "(?![a-z0-9-])").matcher(all).find()) {
                unused.add(object);
            }
        }
        assertThat(unused).as("k8s/external-objects.txt lists objects nothing refers to").isEmpty();
    }

    private static String host(String value) {
        String address = value.startsWith("jdbc:") ? value.substring(5) : value;
        if (address.matches("[a-z][a-z0-9+.-]*://.*")) {
            try {
                return URI.create(address).getHost();
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return address.matches("[a-z0-9-]+:\\d+(,[a-z0-9-]+:\\d+)*") ? address.substring(0, address.indexOf(':')) : null;
    }

    private static void need(Kustomize.Render render, Set<String> external, String kind, String name, String from, List<String> problems) {
        if (name == null || name.isBlank()) {
            return;
        }
        if (render.find(kind, name).isEmpty() && !external.contains(kind + " " + name)) {
            problems.add(from + " refers to " + kind + " " + name + ", which is neither rendered nor in k8s/external-objects.txt");
        }
    }
}
