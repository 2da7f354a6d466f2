package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scaling as docs/operations.md says: every workload has a disruption budget that a node drain can
 * satisfy; autoscalers only for services whose instances can share their state (ssh-gateway never:
 * its volumes are per pod; deployment-service only on a ReadWriteMany runner volume); no consumer
 * group larger than a topic's partitions.
 */
class ScalingTest {

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void budgetsAndAutoscalersFitTheWorkloads(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        for (String service : Checkout.SERVICES) {
            JsonNode workload = Workloads.of(render).filter(w -> service.equals(w.path("metadata").path("name").asText())).findFirst().orElseThrow();
            JsonNode hpa = render.find("HorizontalPodAutoscaler", service).orElse(null);
            int least = hpa != null ? hpa.path("spec").path("minReplicas").asInt(1) : workload.path("spec").path("replicas").asInt(1);
            JsonNode pdb = render.find("PodDisruptionBudget", service).orElse(null);
            if (pdb == null) {
                problems.add(service + ": no PodDisruptionBudget");
            } else if (pdb.path("spec").has("minAvailable") && pdb.path("spec").path("minAvailable").asInt() >= least) {
                problems.add(service + ": minAvailable " + pdb.path("spec").path("minAvailable").asInt() + " with " + least + " replica(s) blocks every drain");
            }
            if (hpa == null) {
                continue;
            }
            if (service.equals("ssh-gateway")) {
                problems.add("ssh-gateway has an autoscaler, but its volumes are per pod");
            }
            if (service.equals("deployment-service")) {
                JsonNode accessModes = render.get("PersistentVolumeClaim", "deployment-service-runner").path("spec").path("accessModes");
                if (!accessModes.toString().contains("ReadWriteMany")) {
                    problems.add("deployment-service scales out on a runner volume that is not ReadWriteMany: " + accessModes);
                }
            }
            int most = hpa.path("spec").path("maxReplicas").asInt();
            for (String topic : ServiceConfig.of(service).topics()) {
                int partitions = render.kind("KafkaTopic").filter(t -> topic.equals(t.path("spec").path("topicName").asText()))
                        .mapToInt(t -> t.path("spec").path("partitions").asInt()).findFirst().orElse(0);
                if (partitions < most) {
                    problems.add(service + " scales to " + most + " instances, " + topic + " has " + partitions + " partitions");
                }
            }
        }
        JsonNode consoleBudget = render.find("PodDisruptionBudget", Checkout.CONSOLE).orElse(null);
        if (consoleBudget == null || consoleBudget.path("spec").has("minAvailable")) {
            problems.add("console: no PodDisruptionBudget with maxUnavailable");
        }
        assertThat(problems).as(target).isEmpty();
    }
}
