package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Only SSH is exposed besides the Ingress, and the NetworkPolicies let each service reach exactly the
 * services its configuration calls (slipway.services.*.url, slipway.exec.url), each of which lets it in,
 * plus Kafka and PostgreSQL. The web console is reached only by the ingress controller and reaches nothing.
 */
class NetworkTest {

    private static final String NAME = "app.kubernetes.io/name";

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void onlySshIsExposedOutsideTheCluster(String target) {
        List<String> exposed = new ArrayList<>();
        Kustomize.render(target).kind("Service").forEach(service -> {
            String type = service.path("spec").path("type").asText("ClusterIP");
            if (!type.equals("ClusterIP")) {
                List<Integer> ports = service.path("spec").path("ports").findValues("port").stream().map(JsonNode::asInt).toList();
                exposed.add(service.path("metadata").path("name").asText() + " " + type + " " + ports);
            }
        });
        assertThat(exposed).as(target).containsExactly("ssh-gateway-ssh LoadBalancer [2222]");
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void eachServiceReachesExactlyWhatItCalls(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        for (String service : Checkout.SERVICES) {
            JsonNode policy = render.find("NetworkPolicy", service).orElse(null);
            if (policy == null) {
                problems.add(service + ": no NetworkPolicy " + service);
                continue;
            }
            if (!service.equals(policy.path("spec").path("podSelector").path("matchLabels").path(NAME).asText())) {
                problems.add(service + ": its NetworkPolicy selects " + policy.path("spec").path("podSelector"));
            }
            Set<String> calls = new TreeSet<>();
            JsonNode container = Workloads.of(render).filter(w -> service.equals(w.path("metadata").path("name").asText())).findFirst().orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").get(0);
            for (Map.Entry<String, String> env : Workloads.environment(render, container).entrySet()) {
                if (env.getKey().matches("SLIPWAY_SERVICES_.*_URL|SLIPWAY_EXEC_URL")) {
                    calls.add(URI.create(env.getValue()).getHost());
                }
            }
            Set<String> reached = new TreeSet<>();
            for (JsonNode rule : policy.path("spec").path("egress")) {
                for (JsonNode to : rule.path("to")) {
                    String name = to.path("podSelector").path("matchLabels").path(NAME).asText(null);
                    if (name != null) {
                        reached.add(name);
                        int port = ServiceConfig.of(name).httpPort();
                        if (!rule.path("ports").findValues("port").stream().map(JsonNode::asInt).toList().equals(List.of(port))) {
                            problems.add(service + " reaches " + name + " on ports " + rule.path("ports") + ", it listens on " + port);
                        }
                    }
                }
            }
            if (!reached.equals(calls)) {
                problems.add(service + " may reach " + reached + ", calls " + calls);
            }
            for (String called : calls) {
                JsonNode theirs = render.find("NetworkPolicy", called).orElse(null);
                boolean admitted = theirs != null && theirs.path("spec").path("ingress").findValues("podSelector").stream()
                        .anyMatch(selector -> service.equals(selector.path("matchLabels").path(NAME).asText()));
                if (!admitted) {
                    problems.add(called + "'s NetworkPolicy does not let " + service + " in");
                }
            }
            String egress = policy.path("spec").path("egress").toString();
            if (!egress.contains("\"strimzi.io/cluster\":\"slipway-kafka\"") || !egress.contains("\"cnpg.io/cluster\":\"slipway-postgres\"")) {
                problems.add(service + " cannot reach Kafka or PostgreSQL");
            }
        }
        assertThat(problems).as(target).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void theConsoleIsReachedOnlyByTheIngressControllerAndReachesNothing(String target) {
        JsonNode policy = Kustomize.render(target).get("NetworkPolicy", Checkout.CONSOLE).path("spec");
        assertThat(policy.path("podSelector").path("matchLabels").path(NAME).asText()).isEqualTo(Checkout.CONSOLE);
        assertThat(policy.path("policyTypes").toString()).isEqualTo("[\"Ingress\",\"Egress\"]");
        assertThat(policy.path("egress").size()).as("egress rules").isZero();
        assertThat(policy.path("ingress").size()).isEqualTo(1);
        JsonNode rule = policy.path("ingress").get(0);
        assertThat(rule.path("from").toString()).isEqualTo("[{\"namespaceSelector\":{\"matchLabels\":{\"kubernetes.io/metadata.name\":\"ingress-nginx\"}}}]");
        assertThat(rule.path("ports").findValues("port").stream().map(JsonNode::asInt).toList()).isEqualTo(List.of(8080));
    }
}
