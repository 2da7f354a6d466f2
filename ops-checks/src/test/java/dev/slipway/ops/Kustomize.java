package dev.slipway.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Renders {@code k8s/} with {@code kubectl kustomize}, as an operator would before applying it. A missing
 * kubectl, a failed render or any line on standard error (kustomize's warnings) fails the check.
 */
final class Kustomize {

    /** Every folder of k8s/ that renders: the base and each overlay. */
    static final List<String> TARGETS = List.of("k8s/base", "k8s/overlays/dev", "k8s/overlays/production");

    private static final Map<String, Render> RENDERS = new ConcurrentHashMap<>();
    private static final YAMLMapper YAML = new YAMLMapper();

    /** One render: its objects in order. */
    record Render(String target, List<JsonNode> objects) {

        Stream<JsonNode> kind(String kind) {
            return objects.stream().filter(object -> kind.equals(object.path("kind").asText()));
        }

        Optional<JsonNode> find(String kind, String name) {
            return kind(kind).filter(object -> name.equals(object.path("metadata").path("name").asText())).findFirst();
        }

        JsonNode get(String kind, String name) {
            return find(kind, name).orElseThrow(() -> new AssertionError(target + ": no " + kind + " " + name));
        }
    }

    private Kustomize() {
    }

    static Render render(String target) {
        return RENDERS.computeIfAbsent(target, Kustomize::run);
    }

    /** {@link #TARGETS}, as the parameters of every test that checks each render ({@code @MethodSource}). */
    static Stream<String> targets() {
        return TARGETS.stream();
    }

    private static Render run(String target) {
        Path folder = Checkout.path(target);
        try {
            Path out = Files.createTempFile("kustomize", ".yaml");
            Path err = Files.createTempFile("kustomize", ".err");
            try {
                Process process;
                try {
                    process = new ProcessBuilder("kubectl", "kustomize", folder.toString())
                            .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
                } catch (IOException e) {
                    throw new AssertionError("kubectl is needed to check k8s/ (`kubectl kustomize`), and it could not be run: "
                            + e.getMessage() + ". Install kubectl 1.27 or newer on the PATH.", e);
                }
                if (!process.waitFor(120, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("kubectl kustomize " + target + " did not finish within 120 s");
                }
                String errors = Files.readString(err, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new AssertionError("kubectl kustomize " + target + " failed (" + process.exitValue() + "):\n" + errors);
                }
                if (!errors.isBlank()) {
                    throw new AssertionError("kubectl kustomize " + target + " rendered with warnings:\n" + errors);
                }
                List<JsonNode> objects = YAML.readerFor(JsonNode.class).<JsonNode>readValues(Files.readString(out)).readAll()
                        .stream().filter(node -> node != null && !node.isNull() && !node.isMissingNode()).toList();
                return new Render(target, objects);
            } finally {
                Files.deleteIfExists(out);
                Files.deleteIfExists(err);
            }
        } catch (IOException e) {
            throw new AssertionError("kubectl kustomize " + target + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while rendering " + target, e);
        }
    }
}
