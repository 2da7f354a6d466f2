package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.PromotionFacts;
import dev.slipway.events.deployment.DeploymentPhase;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * DEP-5 and CFG-3 at VALIDATE on Staging: a commit is promoted from Integration master only after it
 * succeeded there, and a configuration that differs from the one Staging runs deploys only once a
 * DEPLOYMENT_SETTINGS ticket approved its digest (the approval arrives on the real broker).
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class PromotionAndConfigTest {

    private static final Hooks HOOKS = new Hooks("echo built", "echo deployed on $SLIPWAY_ENVIRONMENT", null);

    @Inject
    PipelineRuns runs;

    @Inject
    PromotionFacts facts;

    private static ServedProject servedOnEveryTier(TestRepository repository, String master) {
        return new ServedProject(repository).head("master", master).variables("master").variables("staging");
    }

    @Test
    void stagingRefusesACommitWhoseMasterDeploymentFailed() {
        TestRepository repository = TestRepository.create();
        String commit = repository.commit("a build that fails", new Hooks("exit 1", null, null).files());
        ServedProject project = servedOnEveryTier(repository, commit);
        assertThat(runs.runToTheEnd(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH)).state())
                .isEqualTo(DeploymentState.FAILED);

        Deployment refused = runs.runToTheEnd(PipelineRuns.ticket(project.id(), "staging", commit));
        assertThat(refused.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(refused.phase()).isEqualTo(DeploymentPhase.VALIDATE);
        assertThat(refused.detail()).isEqualTo("VALIDATE failed: DEP-5: commit " + commit
                + " has no successful deployment on Integration master; deploy it there first.");
    }

    @Test
    void aChangedConfigurationDeploysOnStagingOnlyOnceATicketApprovedItsDigest() {
        TestRepository repository = TestRepository.create();
        String first = repository.commit("the app", HOOKS.files());
        Map<String, String> withDatabase = new HashMap<>(HOOKS.files());
        withDatabase.put(".slipway/services.yaml", "mysql:\n  type: mysql:10.6\n  disk: 2048\n");
        String second = repository.commit("a database", withDatabase);
        ServedProject project = servedOnEveryTier(repository, first);
        assertThat(runs.runToTheEnd(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH)).state()).isEqualTo(DeploymentState.SUCCEEDED);
        Deployment firstOnStaging = runs.runToTheEnd(PipelineRuns.ticket(project.id(), "staging", first));
        assertThat(firstOnStaging.state()).as("the tier's first deployment sets its digest: %s", firstOnStaging.detail())
                .isEqualTo(DeploymentState.SUCCEEDED);

        project.head("master", second);
        Deployment secondOnMaster = runs.runToTheEnd(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH));
        assertThat(secondOnMaster.state()).as("Integration takes any configuration").isEqualTo(DeploymentState.SUCCEEDED);
        String digest = secondOnMaster.configDigest();
        assertThat(digest).startsWith("sha256:").isNotEqualTo(firstOnStaging.configDigest());

        Deployment refused = runs.runToTheEnd(PipelineRuns.ticket(project.id(), "staging", second));
        assertThat(refused.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(refused.phase()).isEqualTo(DeploymentPhase.VALIDATE);
        assertThat(refused.detail()).isEqualTo("VALIDATE failed: configuration change requires an approved DEPLOYMENT_SETTINGS ticket (digest "
                + digest + ")");

        TriggerEvents.configurationApproved(project.id(), "staging", "T-settings", digest);
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() ->
                QuarkusTransaction.requiringNew().call(() -> facts.approvedDigests(project.id(), "staging")).contains(digest));
        Deployment approved = runs.runToTheEnd(PipelineRuns.ticket(project.id(), "staging", second));
        assertThat(approved.state()).as(approved.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(approved.configDigest()).isEqualTo(digest);
    }
}
