package dev.slipway.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.deployment.config.RunnerConfig;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.runner.Cancellation;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * DEP-9: on Integration an admin puts an earlier successful deployment's release back without a
 * build; on Staging and Production that takes a DEPLOY ticket (403 ticket-required); a deployment
 * that did not succeed, or whose release is no longer kept, cannot be rolled back to (409).
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class RollbackTest {

    @Inject
    PipelineRuns runs;

    @Inject
    RunnerConfig runner;

    private static Map<String, String> version(String version, Path buildEvidence) {
        Map<String, String> files = new java.util.HashMap<>(new Hooks("echo \"$SLIPWAY_TREE_ID\" >> " + buildEvidence,
                "echo \"serving $(cat version.txt)\"", null).files());
        files.put("version.txt", version + "\n");
        return files;
    }

    private Deployment succeeded(String project, String environment, DeploymentTrigger trigger) {
        Deployment done = runs.runToTheEnd(PipelineRuns.integration(project, environment, trigger));
        assertThat(done.state()).as(done.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        return done;
    }

    private static ValidatableResponse rollback(String user, String project, UUID deployment) {
        return given().header("Authorization", TestTokens.bearer(user)).when()
                .post("/api/v1/projects/" + project + "/deployments/" + deployment + "/rollback").then();
    }

    private static ValidatableResponse view(String project, UUID deployment) {
        return given().header("Authorization", TestTokens.bearer("alice")).when()
                .get("/api/v1/projects/" + project + "/deployments/" + deployment).then().statusCode(200);
    }

    @Test
    void anAdminPutsAnEarlierReleaseBackWithoutABuild() throws IOException {
        Path builds = Files.createTempFile("slipway-rollback-builds-", ".log");
        TestRepository repository = TestRepository.create();
        String v1 = repository.commit("v1", version("v1", builds));
        ServedProject project = new ServedProject(repository).head("master", v1).variables("master");
        ProjectAccessReadModelContract.sendProjectCreated(project.id(), "alice");
        ProjectAccessReadModelContract.addMember(project.id(), "cora", "contributor");
        Deployment first = succeeded(project.id(), "master", DeploymentTrigger.PUSH);
        project.head("master", repository.commit("v2", version("v2", builds)));
        Deployment second = succeeded(project.id(), "master", DeploymentTrigger.PUSH);
        assertThat(Files.readAllLines(builds)).hasSize(2);

        view(project.id(), first.id()).body("rollbackPossible", equalTo(true));
        rollback("cora", project.id(), first.id()).statusCode(403);
        String location = rollback("alice", project.id(), first.id()).statusCode(202).body("trigger", equalTo("ROLLBACK"))
                .body("rollbackOf", equalTo(first.id().toString())).body("commit", equalTo(v1)).body("state", equalTo("QUEUED"))
                .extract().header("Location");
        UUID id = UUID.fromString(location.substring(location.lastIndexOf('/') + 1));

        Deployment rolledBack = runs.run(id, new Cancellation());
        assertThat(rolledBack.state()).as(rolledBack.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(rolledBack.commit()).isEqualTo(v1);
        assertThat(runs.logOf(rolledBack)).contains("rolling back to the release of deployment " + first.id() + " without a build")
                .contains("[DEPLOY] [node 1] serving v1").doesNotContain("[BUILD]");
        assertThat(Files.readAllLines(builds)).as("no build ran").hasSize(2);
        Path node = runner.root().resolve(project.id()).resolve("master").resolve("nodes/1/current");
        assertThat(Files.readSymbolicLink(node).toString()).contains(first.id().toString());
        view(project.id(), second.id()).body("rollbackPossible", equalTo(true));
        view(project.id(), rolledBack.id()).body("rollbackPossible", equalTo(false)).body("rollbackOf", equalTo(first.id().toString()));
    }

    @Test
    void aFailedDeploymentAGoneReleaseAndTheTiersAreRefused() throws IOException {
        Path builds = Files.createTempFile("slipway-rollback-builds-", ".log");
        TestRepository repository = TestRepository.create();
        String v1 = repository.commit("v1", version("v1", builds));
        ServedProject project = new ServedProject(repository).head("master", v1).variables("master").variables("staging");
        ProjectAccessReadModelContract.sendProjectCreated(project.id(), "alice");
        ProjectAccessReadModelContract.awaitRole(project.id(), "alice", "admin");
        Deployment master = succeeded(project.id(), "master", DeploymentTrigger.PUSH);
        Deployment staging = runs.runToTheEnd(PipelineRuns.ticket(project.id(), "staging", v1));
        assertThat(staging.state()).as(staging.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        rollback("alice", project.id(), staging.id()).statusCode(403).body("type", equalTo("urn:slipway:problem:ticket-required"))
                .body("detail", containsString("DEPLOY ticket")).body("detail", containsString(v1));
        view(project.id(), staging.id()).body("rollbackPossible", equalTo(false));

        project.head("master", repository.commit("broken", Map.of(Hooks.APP_YAML, "name: [unclosed\n")));
        Deployment failed = runs.runToTheEnd(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH));
        assertThat(failed.state()).isEqualTo(DeploymentState.FAILED);
        rollback("alice", project.id(), failed.id()).statusCode(409).body("type", equalTo("urn:slipway:problem:not-rollbackable"));

        Path release = runner.root().resolve(project.id()).resolve("master").resolve("releases").resolve(master.id().toString());
        assertThat(release).isDirectory();
        try (var files = Files.walk(release)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        }
        view(project.id(), master.id()).body("rollbackPossible", equalTo(false));
        rollback("alice", project.id(), master.id()).statusCode(409).body("type", equalTo("urn:slipway:problem:release-gone"))
                .body("detail", containsString(master.commit()));
    }
}
