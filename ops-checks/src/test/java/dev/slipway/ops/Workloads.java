package dev.slipway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** The Deployments and StatefulSets of a render, and the environment each container gets. */
final class Workloads {

    static final List<String> KINDS = List.of("Deployment", "StatefulSet");

    private Workloads() {
    }

    static Stream<JsonNode> of(Kustomize.Render render) {
        return render.objects().stream().filter(object -> KINDS.contains(object.path("kind").asText()));
    }

    static String name(JsonNode workload) {
        return workload.path("kind").asText() + " " + workload.path("metadata").path("name").asText();
    }

    /** The web console's Deployment: static files, no service (k8s/base/console.yaml). */
    static boolean isConsole(JsonNode workload) {
        return Checkout.CONSOLE.equals(workload.path("metadata").path("name").asText());
    }

    static JsonNode podSpec(JsonNode workload) {
        return workload.path("spec").path("template").path("spec");
    }

    /**
     * Every environment variable the container gets, with where its value comes from: {@code env}
     * (a value, or "secret name/key", "configMap name/key") and every key of the ConfigMaps of
     * {@code envFrom} (ConfigMaps missing from the render are ReferencesTest's concern).
     */
    static Map<String, String> environment(Kustomize.Render render, JsonNode container) {
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode from : container.path("envFrom")) {
            String configMap = from.path("configMapRef").path("name").asText(null);
            if (configMap != null) {
                render.find("ConfigMap", configMap).ifPresent(map -> map.path("data").fields()
                        .forEachRemaining(entry -> env.put(entry.getKey(), entry.getValue().asText())));
            }
            String secret = from.path("secretRef").path("name").asText(null);
            if (secret != null) {
                env.put("<every key of Secret " + secret + ">", "secret " + secret);
            }
        }
        for (JsonNode variable : container.path("env")) {
            JsonNode from = variable.path("valueFrom");
            String value = variable.has("value") ? variable.path("value").asText()
                    : from.has("secretKeyRef") ? "secret " + from.path("secretKeyRef").path("name").asText() + "/" + from.path("secretKeyRef").path("key").asText()
                    : from.has("configMapKeyRef") ? "configMap " + from.path("configMapKeyRef").path("name").asText() : "fieldRef";
            env.put(variable.path("name").asText(), value);
        }
        return env;
    }
}
