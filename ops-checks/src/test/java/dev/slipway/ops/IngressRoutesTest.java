package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.api.RouteTable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * API-8 on Kubernetes: the Ingress has exactly one rule per row of api/routes.json, as its regular
 * expression, to the row's Service and port, and "/" to the web console; ingress-nginx tries
 * regular-expression paths longest first, so a more specific row must have the longer expression; no
 * rule sends an internal path, or any other /api path, to a service.
 */
class IngressRoutesTest {

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void theIngressIsTheApi8Table(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<JsonNode> ingresses = render.kind("Ingress").toList();
        assertThat(ingresses).as(target + ": one Ingress").hasSize(1);
        JsonNode ingress = ingresses.get(0);
        assertThat(ingress.path("metadata").path("annotations").path("nginx.ingress.kubernetes.io/use-regex").asText()).isEqualTo("true");
        List<EntryPoints.Rule> rules = new ArrayList<>();
        for (JsonNode rule : ingress.path("spec").path("rules")) {
            for (JsonNode path : rule.path("http").path("paths")) {
                assertThat(path.path("pathType").asText()).as(path.path("path").asText()).isEqualTo("ImplementationSpecific");
                JsonNode backend = path.path("backend").path("service");
                rules.add(new EntryPoints.Rule(path.path("path").asText(), backend.path("name").asText(), backend.path("port").path("number").asInt()));
            }
        }
        EntryPoints.Rule console = new EntryPoints.Rule("/", Checkout.CONSOLE, 8080);
        assertThat(rules).as(target + ": the console at /, once").containsOnlyOnce(console);
        assertThat(rules.stream().filter(rule -> !rule.equals(console)).toList()).as(target + ": Ingress paths against api/routes.json")
                .containsExactlyInAnyOrderElementsOf(EntryPoints.rules());
        assertThat(render.get("Service", Checkout.CONSOLE).path("spec").path("ports").get(0).path("port").asInt()).isEqualTo(8080);
    }

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void longestFirstRoutesLikeTheTable(String target) {
        RouteTable table = EntryPoints.table();
        List<EntryPoints.Rule> byLength = EntryPoints.rules().stream()
                .sorted(Comparator.comparingInt((EntryPoints.Rule rule) -> rule.regex().length()).reversed()).toList();
        List<String> problems = new ArrayList<>();
        // Every path a row's pattern names, with and under it, must go where the table sends it.
        for (RouteTable.Route row : table.routes()) {
            for (String path : List.of(row.pattern().replaceAll("\\{[^}]+}", "shop"), row.pattern().replaceAll("\\{[^}]+}", "shop") + "/x/y")) {
                String expected = table.route(path).map(RouteTable.Route::service).orElse("none");
                String actual = byLength.stream().filter(rule -> Pattern.compile("^" + rule.regex(), Pattern.CASE_INSENSITIVE).matcher(path).find())
                        .findFirst().map(EntryPoints.Rule::service).orElse("none");
                if (!expected.equals(actual)) {
                    problems.add(path + " goes to " + actual + " longest-first, to " + expected + " by api/routes.json");
                }
            }
        }
        // Longest first, "/" (the console) matches only what no API rule does: the console answers 404 under /api.
        assertThat(byLength.stream().mapToInt(rule -> rule.regex().length()).min().orElse(0)).isGreaterThan("/".length());
        for (String internal : List.of(table.internal(), table.internal() + "/projects/shop/repository", table.internal() + "/x")) {
            byLength.stream().filter(rule -> Pattern.compile("^" + rule.regex(), Pattern.CASE_INSENSITIVE).matcher(internal).find())
                    .forEach(rule -> problems.add(internal + " is internal, yet " + rule.regex() + " routes it"));
        }
        assertThat(problems).as(target).isEmpty();
    }
}
