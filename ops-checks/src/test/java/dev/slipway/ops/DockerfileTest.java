package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile, which no machine of this project can build (no Docker engine): it runs as the
 * user the manifests and compose expect, checks readiness, makes and uses its AppCDS archive, and
 * takes the service's fast-jar from the module SERVICE names. docker/console.Dockerfile: the console's
 * build and nginx configuration on an unprivileged nginx, the user and port k8s/base/console.yaml expects.
 */
class DockerfileTest {

    private static final String DOCKERFILE = Checkout.read("docker/Dockerfile");

    @Test
    void runsAsTheUserTheManifestsExpect() {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(DOCKERFILE);
        assertThat(user.find()).as("a numeric USER").isTrue();
        assertThat(user.group(1)).isNotEqualTo("0");
        for (String target : Kustomize.TARGETS) {
            Workloads.of(Kustomize.render(target)).filter(workload -> !Workloads.isConsole(workload)).forEach(workload -> assertThat(Workloads.podSpec(workload).path("securityContext").path("runAsUser").asText())
                    .as(target + " " + Workloads.name(workload)).isEqualTo(user.group(1)));
        }
        assertThat(ComposeTest.compose().path("services").path("ssh-gateway").path("user").asText()).startsWith(user.group(1) + ":");
    }

    @Test
    void checksReadinessAndStartsWithItsAppCdsArchive() {
        assertThat(DOCKERFILE).containsPattern("(?m)^HEALTHCHECK .*\\n?.*/q/health/ready");
        assertThat(DOCKERFILE).contains("-XX:ArchiveClassesAtExit=app-cds.jsa -Dquarkus.appcds.generate=true -jar quarkus-run.jar");
        assertThat(DOCKERFILE).containsPattern("ENTRYPOINT .*-XX:SharedArchiveFile=app-cds.jsa");
        assertThat(DOCKERFILE).contains("COPY --chown=185:185 ${SERVICE}/target/quarkus-app/lib/");
        assertThat(DOCKERFILE).contains("QUARKUS_HTTP_PORT=${HTTP_PORT}");
    }

    @Test
    void theConsoleImageServesItsBuildAsNginxUnprivilegedOnTheManifestsPort() {
        String dockerfile = Checkout.read("docker/console.Dockerfile");
        // nginx-unprivileged runs as user 101 and listens on 8080 (the console.conf below says so too).
        assertThat(dockerfile).containsPattern("(?m)^FROM nginxinc/nginx-unprivileged:")
                .contains("COPY docker/nginx/console.conf /etc/nginx/nginx.conf", "COPY console/dist/ /usr/share/nginx/html/");
        assertThat(Checkout.read("docker/nginx/console.conf")).contains("listen 8080;", "root /usr/share/nginx/html;",
                "include /etc/nginx/mime.types;", "location = /healthz {", "location /api/ {\n            return 404;", "pid /tmp/nginx.pid;");
        for (String target : Kustomize.TARGETS) {
            JsonNode console = Kustomize.render(target).get("Deployment", Checkout.CONSOLE);
            assertThat(Workloads.podSpec(console).path("securityContext").path("runAsUser").asText()).as(target).isEqualTo("101");
            JsonNode container = Workloads.podSpec(console).path("containers").get(0);
            assertThat(container.path("image").asText()).as(target).matches("([^/]+/)*slipway/console:[^:]+");
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).as(target).isEqualTo(8080);
        }
    }
}
