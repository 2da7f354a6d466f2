package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every folder of k8s/ renders without warnings, and every object it renders reads strictly against its model. */
class RenderedObjectsTest {

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void everyObjectReadsStrictlyAgainstItsModel(String target) {
        Kustomize.Render render = Kustomize.render(target);
        assertThat(render.objects()).as(target + " renders objects").isNotEmpty();
        List<String> problems = new ArrayList<>();
        for (JsonNode object : render.objects()) {
            Class<?> model = Models.KUBERNETES.get(Models.type(object));
            if (model != null) {
                Models.read(object, model, problems);
            } else if (CloudNativePg.covers(object)) {
                problems.addAll(CloudNativePg.check(object));
            } else {
                problems.add(Models.name(object) + ": a kind ops-checks has no model for (Models, CloudNativePg)");
            }
            if (!"Namespace".equals(object.path("kind").asText())) {
                if (!"slipway".equals(object.path("metadata").path("namespace").asText())) {
                    problems.add(Models.name(object) + ": not in namespace slipway");
                }
            }
        }
        assertThat(problems).as(target).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void noObjectIsRenderedTwice(String target) {
        List<String> seen = new ArrayList<>();
        List<String> twice = new ArrayList<>();
        for (JsonNode object : Kustomize.render(target).objects()) {
            String name = Models.name(object);
            if (seen.contains(name)) {
                twice.add(name);
            }
            seen.add(name);
        }
        assertThat(twice).as(target).isEmpty();
    }
}
