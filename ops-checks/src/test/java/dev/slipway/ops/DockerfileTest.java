package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * docker/Dockerfile, which no machine of this project can build (no Docker engine): it runs as the
 * user the manifests and compose expect, checks readiness, makes and uses its AppCDS archive, and
 * takes the service's fast-jar from the module SERVICE names.
 */
class DockerfileTest {

    private static final String DOCKERFILE = Checkout.read("docker/Dockerfile");

    @Test
    void runsAsTheUserTheManifestsExpect() {
        Matcher user = Pattern.compile("(?m)^USER (\\d+)$").matcher(DOCKERFILE);
        assertThat(user.find()).as("a numeric USER").isTrue();
        assertThat(user.group(1)).isNotEqualTo("0");
        for (String target : Kustomize.TARGETS) {
            Workloads.of(Kustomize.render(target)).forEach(workload -> assertThat(Workloads.podSpec(workload).path("securityContext").path("runAsUser").asText())
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
}
