package dev.slipway.deployment;

import static dev.slipway.deployment.ServedProject.runtimeOnly;
import static dev.slipway.deployment.ServedProject.variable;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.config.RunnerConfig;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * DEP-4: a build is keyed by the tree and the build-visible variables, and reused; DEP-7: an
 * environment made from another starts with a copy of its data, and deactivation drops the
 * environment's data and releases. Real hooks leave their evidence on disk.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class BuildAndDataTest {

    @Inject
    PipelineRuns runs;

    @Inject
    RunnerConfig runner;

    private Deployment succeeded(String project, String environment, DeploymentTrigger trigger) {
        Deployment done = runs.runToTheEnd(PipelineRuns.integration(project, environment, trigger));
        assertThat(done.state()).as(done.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        return done;
    }

    @Test
    void theSameTreeWithTheSameBuildVariablesReusesItsBuildAndAChangedBuildVariableRebuilds() throws IOException {
        Path builds = Files.createTempFile("slipway-builds-", ".log");
        TestRepository repository = TestRepository.create();
        String commit = repository.commit("the app", new Hooks("echo \"$GREETING\" >> \"$BUILD_EVIDENCE\"\necho \"$GREETING\" > greeting",
                "echo \"greeting $(cat greeting)\"", null).files());
        ServedProject project = new ServedProject(repository).head("master", commit).variables("master", variable("env:GREETING", "hello"),
                variable("env:BUILD_EVIDENCE", builds.toString()), runtimeOnly("env:DB_PASSWORD", "one"));
        succeeded(project.id(), "master", DeploymentTrigger.PUSH);

        // VAR-2: a runtime-only variable is not part of the build's key.
        project.variables("master", variable("env:GREETING", "hello"), variable("env:BUILD_EVIDENCE", builds.toString()),
                runtimeOnly("env:DB_PASSWORD", "two"));
        Deployment reused = succeeded(project.id(), "master", DeploymentTrigger.VARIABLES);
        assertThat(runs.logOf(reused)).contains("[BUILD] build already exists for tree " + repository.treeOf(commit) + ", skipping")
                .contains("[DEPLOY] [node 1] greeting hello");
        assertThat(Files.readAllLines(builds)).as("the build hook ran once").containsExactly("hello");

        project.variables("master", variable("env:GREETING", "bonjour"), variable("env:BUILD_EVIDENCE", builds.toString()),
                runtimeOnly("env:DB_PASSWORD", "two"));
        Deployment rebuilt = succeeded(project.id(), "master", DeploymentTrigger.VARIABLES);
        assertThat(runs.logOf(rebuilt)).doesNotContain("build already exists").contains("[DEPLOY] [node 1] greeting bonjour");
        assertThat(Files.readAllLines(builds)).containsExactly("hello", "bonjour");
    }

    @Test
    void aBranchStartsWithACopyOfItsParentsDataAndDeactivationDropsItsDataAndReleases() throws IOException {
        TestRepository repository = TestRepository.create();
        String commit = repository.commit("the app", new Hooks(null,
                "[ -f var/origin ] || echo \"$SLIPWAY_ENVIRONMENT\" > var/origin\necho \"data from $(cat var/origin)\"", null).files());
        ServedProject project = new ServedProject(repository).head("master", commit).head("feature", commit).variables("master")
                .variables("feature");
        succeeded(project.id(), "master", DeploymentTrigger.PUSH);
        Path master = runner.root().resolve(project.id()).resolve("master");
        assertThat(Files.readString(master.resolve("data/var/origin")).strip()).isEqualTo("master");

        Deployment branched = runs.runToTheEnd(PipelineRuns.withDataOf(project.id(), "feature", DeploymentTrigger.BRANCH, "master"));
        assertThat(branched.state()).as(branched.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(runs.logOf(branched)).contains("[DATA] copying the data of master").contains("[DEPLOY] [node 1] data from master");
        Path feature = runner.root().resolve(project.id()).resolve("feature");
        assertThat(Files.readString(feature.resolve("data/var/origin")).strip()).isEqualTo("master");
        Files.writeString(feature.resolve("data/var/feature-only"), "written on the branch");
        assertThat(master.resolve("data/var/feature-only")).as("a copy, not a share").doesNotExist();

        // ENV-4: deactivate: the environment stops serving and its data is dropped.
        TriggerEvents.deactivated(project.id(), "feature", "INTEGRATION");
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> !Files.exists(feature));
        assertThat(Files.readString(master.resolve("data/var/origin")).strip()).as("the parent keeps its data").isEqualTo("master");
        assertThat(master.resolve("nodes/1/current")).exists();
    }
}
