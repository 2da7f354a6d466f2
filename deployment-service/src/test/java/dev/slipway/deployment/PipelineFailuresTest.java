package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.config.RunnerConfig;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.events.Topics;
import dev.slipway.events.deployment.DeploymentPhase;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * DEP-2 and CFG-2: each phase failing in turn fails the deployment naming the phase (and the hook's
 * exit code), VALIDATE naming the file, the line and the reason; what failed is not put in place.
 * (DEPLOY failing on node 2 of 3 is in DeploymentPipelineTest.)
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class PipelineFailuresTest {

    @Inject
    PipelineRuns runs;

    @Inject
    RunnerConfig runner;

    /** A new project whose master holds {@code files}, deployed by a push. */
    private Deployment pushed(Map<String, String> files) {
        ServedProject project = ServedProject.withMaster(files).variables("master", ServedProject.variable("env:GREETING", "hello"));
        return runs.runToTheEnd(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH));
    }

    private Path environment(Deployment deployment) {
        return runner.root().resolve(deployment.projectId()).resolve(deployment.environmentId());
    }

    @Test
    void aCommitTheRepositoryDoesNotHaveFailsValidateSayingSo() {
        ServedProject project = ServedProject.withMaster(new Hooks(null, null, null).files()).variables("master");
        String unknown = "0123456789abcdef0123456789abcdef01234567";
        Deployment deployment = runs.runToTheEnd(new DeploymentRequest(project.id(), "master", "master", unknown, DeploymentTrigger.PUSH,
                null, null, null, null, "alice"));
        assertThat(deployment.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(deployment.detail()).isEqualTo("VALIDATE failed: commit " + unknown + " is not in the project's repository");
    }

    @Test
    void anInvalidAppYamlFailsValidateWithTheFileTheLineAndTheReason() {
        Deployment syntax = pushed(Map.of(Hooks.APP_YAML, "name: shop\ntype: php:8.3\nhooks:\n  build: echo: x\n"));
        assertThat(syntax.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(syntax.phase()).isEqualTo(DeploymentPhase.VALIDATE);
        assertThat(syntax.detail()).startsWith("VALIDATE failed: invalid configuration in commit " + syntax.commit())
                .contains(".slipway/app.yaml:4: mapping values are not allowed here");
        assertThat(runs.logOf(syntax)).contains("[VALIDATE] .slipway/app.yaml:4: mapping values are not allowed here");

        Deployment value = pushed(Map.of(Hooks.APP_YAML, "name: shop\ntype: php:8.3\naccess:\n  ssh: owner\n"));
        assertThat(value.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(value.detail()).contains(".slipway/app.yaml:4: access.ssh must be one of viewer, contributor, admin, not 'owner'");
        assertThat(value.exitCode()).isNull();
        assertThat(Files.exists(environment(value).resolve("nodes"))).as("nothing is deployed from an invalid configuration").isFalse();
        assertThat(runs.logOf(value)).as("nor built").doesNotContain("[BUILD]");
    }

    @Test
    void aFailingBuildHookFailsTheBuildPhaseWithItsExitCodeAndDeploysNothing() throws IOException {
        Deployment failed;
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            failed = pushed(new Hooks("echo compiling\necho 'composer says no' >&2\nexit 7", "touch var/deployed", null).files());
            assertThat(probe.await(KafkaProbe.ofType("dev.slipway.deployment.failed.v1", failed.projectId()), Duration.ofSeconds(60)).value())
                    .contains("\"phase\":\"BUILD\"").contains("exit code 7");
        }
        assertThat(failed.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(failed.phase()).isEqualTo(DeploymentPhase.BUILD);
        assertThat(failed.detail()).isEqualTo("BUILD failed with exit code 7: hooks.build");
        assertThat(failed.exitCode()).isEqualTo(7);
        assertThat(failed.failedNode()).isNull();
        assertThat(runs.logOf(failed)).contains("[BUILD] compiling").contains("[BUILD] ! composer says no").doesNotContain("[DEPLOY]");
        assertThat(Files.exists(environment(failed).resolve("nodes/1/current"))).as("no node got the release").isFalse();
        try (Stream<Path> builds = Files.list(runner.root().resolve(failed.projectId()).resolve("_builds"))) {
            assertThat(builds.map(build -> build.getFileName().toString())).as("a failed build is not kept for reuse (DEP-4)")
                    .noneMatch(name -> !name.startsWith("."));
        }
    }

    @Test
    void aFailingPostDeployHookFailsThePostDeployPhaseAfterTheNodeWasSwitched() throws IOException {
        Deployment failed = pushed(new Hooks("echo built", "echo deployed", "echo 'warming caches'\nexit 5").files());
        assertThat(failed.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(failed.phase()).isEqualTo(DeploymentPhase.POST_DEPLOY);
        assertThat(failed.detail()).isEqualTo("POST_DEPLOY failed with exit code 5: hooks.post_deploy");
        assertThat(failed.exitCode()).isEqualTo(5);
        assertThat(runs.logOf(failed)).contains("[DEPLOY] [node 1] deployed").contains("[POST_DEPLOY] [node 1] warming caches");
        assertThat(Files.readSymbolicLink(environment(failed).resolve("nodes/1/current")).toString()).contains(failed.id().toString());
    }
}
