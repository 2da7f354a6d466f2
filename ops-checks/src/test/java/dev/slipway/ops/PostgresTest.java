package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SPEC §1 on CloudNativePG: each service connects to the cluster's primary, to the database its
 * application.properties names, as the role that owns it (a Database resource), with the password
 * of the Secret the cluster sets on that role.
 */
class PostgresTest {

    private static final Pattern JDBC = Pattern.compile("jdbc:postgresql://([^:/]+)(?::\\d+)?/(\\w+)");

    @ParameterizedTest
    @MethodSource("dev.slipway.ops.Kustomize#targets")
    void eachServiceOwnsItsDatabase(String target) {
        Kustomize.Render render = Kustomize.render(target);
        List<String> problems = new ArrayList<>();
        List<JsonNode> clusters = render.kind("Cluster").toList();
        assertThat(clusters).as(target + ": one PostgreSQL cluster").hasSize(1);
        JsonNode cluster = clusters.get(0);
        String clusterName = cluster.path("metadata").path("name").asText();
        for (String service : Checkout.SERVICES) {
            JsonNode container = Workloads.of(render).filter(w -> service.equals(w.path("metadata").path("name").asText())).findFirst().orElseThrow()
                    .path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, String> env = Workloads.environment(render, container);
            Matcher url = JDBC.matcher(env.getOrDefault("QUARKUS_DATASOURCE_JDBC_URL", ""));
            if (!url.matches()) {
                problems.add(service + ": no PostgreSQL JDBC URL");
                continue;
            }
            Matcher own = JDBC.matcher(Checkout.read(service + "/src/main/resources/application.properties"));
            if (!own.find() || !own.group(2).equals(url.group(2))) {
                problems.add(service + ": database " + url.group(2) + " is not the one application.properties names");
            }
            if (!url.group(1).equals(clusterName + "-rw")) {
                problems.add(service + ": connects to " + url.group(1) + ", not the primary " + clusterName + "-rw");
            }
            String owner = env.get("QUARKUS_DATASOURCE_USERNAME");
            boolean owned = render.kind("Database").anyMatch(db -> db.path("spec").path("name").asText().equals(url.group(2))
                    && db.path("spec").path("owner").asText().equals(owner) && db.path("spec").path("cluster").path("name").asText().equals(clusterName));
            if (!owned) {
                problems.add(service + ": no Database " + url.group(2) + " owned by " + owner + " on " + clusterName);
            }
            String password = env.getOrDefault("QUARKUS_DATASOURCE_PASSWORD", "");
            boolean role = false;
            for (JsonNode managed : cluster.path("spec").path("managed").path("roles")) {
                role |= managed.path("name").asText().equals(owner) && managed.path("login").asBoolean()
                        && password.equals("secret " + managed.path("passwordSecret").path("name").asText() + "/password");
            }
            if (!role) {
                problems.add(service + ": the cluster manages no login role " + owner + " whose password Secret the service reads (" + password + ")");
            }
        }
        assertThat(render.kind("Database").count()).as(target + ": a Database per service, no other").isEqualTo(Checkout.SERVICES.size());
        assertThat(problems).as(target).isEmpty();
    }
}
