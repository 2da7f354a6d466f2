package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each service runs as one workload whose pods are non-root, with a read-only root filesystem and a
 * writable /tmp, probes on /q/health/*, requests and limits, the service's image and
 * quarkus.http.port, and only environment variables that are the service's configuration keys. The
 * web console's workload is locked down the same way, probed on /healthz, and gets no environment.
 */
class WorkloadsTest {

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void eachServiceHasOneWorkloadAndNothingElseRuns(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<String> expected = new ArrayList<>(Checkout.SERVICES);
        expected.add(Checkout.CONSOLE);
        assertThat(Workloads.of(render).map(w -> w.path("metadata").path("name").asText()))
                .as(target).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(render.get("StatefulSet", "ssh-gateway").path("spec").path("volumeClaimTemplates").findValuesAsText("name"))
                .as("ssh-gateway keeps its repositories and host key").contains("repositories", "host-key");
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void everyContainerIsProbedLimitedAndLockedDown(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        Workloads.of(render).forEach(workload -> {
            String name = Workloads.name(workload);
            JsonNode pod = Workloads.podSpec(workload);
            for (JsonNode container : pod.path("containers")) {
                String where = name + " container " + container.path("name").asText() + ": ";
                boolean console = Workloads.isConsole(workload);
                probe(container, "livenessProbe", console ? "/healthz" : "/q/health/live", where, problems);
                probe(container, "readinessProbe", console ? "/healthz" : "/q/health/ready", where, problems);
                JsonNode resources = container.path("resources");
                for (String field : List.of("requests/cpu", "requests/memory", "limits/memory", "limits/cpu")) {
                    if (resources.at("/" + field).asText().isBlank()) {
                        problems.add(where + "resources." + field.replace('/', '.') + " is missing");
                    }
                }
                JsonNode security = container.path("securityContext");
                if (!security.path("runAsNonRoot").asBoolean(pod.path("securityContext").path("runAsNonRoot").asBoolean(false))) {
                    problems.add(where + "runAsNonRoot is not true");
                }
                if (!security.path("readOnlyRootFilesystem").asBoolean(false)) {
                    problems.add(where + "readOnlyRootFilesystem is not true");
                }
                if (security.path("allowPrivilegeEscalation").asBoolean(true)) {
                    problems.add(where + "allowPrivilegeEscalation is not false");
                }
                boolean tmp = false;
                for (JsonNode mount : container.path("volumeMounts")) {
                    if ("/tmp".equals(mount.path("mountPath").asText())) {
                        String volume = mount.path("name").asText();
                        for (JsonNode v : pod.path("volumes")) {
                            tmp |= volume.equals(v.path("name").asText()) && v.has("emptyDir");
                        }
                    }
                }
                if (!tmp) {
                    problems.add(where + "no emptyDir on /tmp (the root filesystem is read-only)");
                }
            }
        });
        assertThat(problems).as(target).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void imagesAndPortsAreTheServicesOwn(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        for (String service : Checkout.SERVICES) {
            JsonNode workload = Workloads.of(render).filter(w -> service.equals(w.path("metadata").path("name").asText())).findFirst().orElseThrow();
            JsonNode containers = Workloads.podSpec(workload).path("containers");
            if (containers.size() != 1) {
                problems.add(service + ": " + containers.size() + " containers, expected one");
                continue;
            }
            JsonNode container = containers.get(0);
            int port = ServiceConfig.of(service).httpPort();
            if (!container.path("image").asText().matches("([^/]+/)*slipway/" + service + ":[^:]+")) {
                problems.add(service + ": image " + container.path("image").asText() + " is not slipway/" + service + ":<tag>");
            }
            if (containerPort(container, "http") != port) {
                problems.add(service + ": container port http is " + containerPort(container, "http") + ", quarkus.http.port is " + port);
            }
            JsonNode serviceObject = render.get("Service", service);
            JsonNode http = null;
            for (JsonNode p : serviceObject.path("spec").path("ports")) {
                if ("http".equals(p.path("name").asText())) {
                    http = p;
                }
            }
            if (http == null || http.path("port").asInt() != port || !"http".equals(http.path("targetPort").asText())) {
                problems.add(service + ": Service " + service + " does not expose port " + port + " to the container's http port");
            }
            if (!service.equals(serviceObject.path("spec").path("selector").path("app.kubernetes.io/name").asText())) {
                problems.add(service + ": Service selects " + serviceObject.path("spec").path("selector"));
            }
        }
        assertThat(problems).as(target).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void everyEnvironmentVariableIsAConfigurationKeyOfItsService(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        Workloads.of(render).forEach(workload -> {
            for (JsonNode container : Workloads.podSpec(workload).path("containers")) {
                String service = container.path("name").asText();
                if (Workloads.isConsole(workload)) {
                    // Static files: nothing configures it.
                    if (!Workloads.environment(render, container).isEmpty()) {
                        problems.add(Workloads.name(workload) + " gets environment variables " + Workloads.environment(render, container).keySet());
                    }
                    continue;
                }
                if (!Checkout.SERVICES.contains(service)) {
                    problems.add(Workloads.name(workload) + ": container " + service + " is none of the services");
                    continue;
                }
                ServiceConfig config = ServiceConfig.of(service);
                Set<String> unknown = new TreeSet<>();
                for (Map.Entry<String, String> env : Workloads.environment(render, container).entrySet()) {
                    if (!config.reads(env.getKey())) {
                        unknown.add(env.getKey());
                    }
                }
                if (!unknown.isEmpty()) {
                    problems.add(service + " reads no configuration key for " + unknown);
                }
            }
        });
        assertThat(problems).as(target).isEmpty();
    }

    private static int containerPort(JsonNode container, String name) {
        for (JsonNode port : container.path("ports")) {
            if (name.equals(port.path("name").asText())) {
                return port.path("containerPort").asInt();
            }
        }
        return -1;
    }

    private static void probe(JsonNode container, String probe, String path, String where, List<String> problems) {
        JsonNode http = container.path(probe).path("httpGet");
        if (!path.equals(http.path("path").asText()) || !"http".equals(http.path("port").asText())) {
            problems.add(where + probe + " is not an HTTP GET of " + path + " on port http");
        }
    }
}
