package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.PromotionFacts;
import dev.slipway.deployment.runner.Cancellation;
import dev.slipway.events.Topics;
import dev.slipway.events.deployment.DeploymentPhase;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * DEP-5 and CFG-3 at VALIDATE on Staging: a commit is promoted from Integration master only after it
 * succeeded there, and a configuration that differs from the one Staging runs deploys only once a
 * DEPLOYMENT_SETTINGS ticket approved its digest (the approval arrives on the real broker). A DEPLOY
 * ticket refused by DEP-5 and retried names each approval's attempt on its deployments' events (TKT-5).
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class PromotionAndConfigTest {

    private static final Hooks HOOKS = new Hooks("echo built", "echo deployed on $SLIPWAY_ENVIRONMENT", null);
    private static final ObjectMapper JSON = new ObjectMapper();

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
        assertThat(refused.detail()).isEqualTo("VALIDATE failed: CFG-3: configuration change requires an approved DEPLOYMENT_SETTINGS ticket (digest "
                + digest + ")");

        TriggerEvents.configurationApproved(project.id(), "staging", "T-settings", digest);
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() ->
                QuarkusTransaction.requiringNew().call(() -> facts.approvedDigests(project.id(), "staging")).contains(digest));
        Deployment approved = runs.runToTheEnd(PipelineRuns.ticket(project.id(), "staging", second));
        assertThat(approved.state()).as(approved.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(approved.configDigest()).isEqualTo(digest);
    }

    @Test
    void aRetriedDeployTicketNamesEachApprovalsAttemptOnEveryEventOfItsDeployment() {
        TestRepository repository = TestRepository.create();
        String commit = repository.commit("the app", HOOKS.files());
        ServedProject project = servedOnEveryTier(repository, commit);
        String ticket = "T-" + UUID.randomUUID().toString().substring(0, 8);
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            TriggerEvents.deployApproved(project.id(), "staging", ticket, commit, 1);
            UUID first = UUID.fromString(awaitEvent(probe, project.id(), "queued", event -> event.path("ticketAttempt").asInt() == 1)
                    .path("deploymentId").asText());
            Deployment refused = runs.run(first, new Cancellation());
            assertThat(refused.state()).as("DEP-5: the commit never deployed on master").isEqualTo(DeploymentState.FAILED);
            assertThat(refused.ticketAttempt()).isEqualTo(1);

            Deployment onMaster = runs.runToTheEnd(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH));
            assertThat(onMaster.state()).as(onMaster.detail()).isEqualTo(DeploymentState.SUCCEEDED);
            TriggerEvents.deployApproved(project.id(), "staging", ticket, commit, 2);
            UUID second = UUID.fromString(awaitEvent(probe, project.id(), "queued", event -> event.path("ticketAttempt").asInt() == 2)
                    .path("deploymentId").asText());
            Deployment retried = runs.run(second, new Cancellation());
            assertThat(retried.state()).as(retried.detail()).isEqualTo(DeploymentState.SUCCEEDED);

            awaitEvent(probe, project.id(), "failed", event -> event.path("deploymentId").asText().equals(first.toString()));
            awaitEvent(probe, project.id(), "succeeded", event -> event.path("deploymentId").asText().equals(second.toString()));
            assertThat(eventsOf(probe, first)).extracting(event -> event.path("state").asText()).containsExactly("QUEUED", "RUNNING", "FAILED");
            assertThat(eventsOf(probe, first)).allSatisfy(event -> {
                assertThat(event.path("ticketId").asText()).isEqualTo(ticket);
                assertThat(event.path("ticketAttempt").asInt()).isEqualTo(1);
            });
            assertThat(eventsOf(probe, second)).extracting(event -> event.path("state").asText())
                    .startsWith("QUEUED", "RUNNING").endsWith("SUCCEEDED").hasSizeGreaterThan(3);
            assertThat(eventsOf(probe, second)).allSatisfy(event -> {
                assertThat(event.path("ticketId").asText()).isEqualTo(ticket);
                assertThat(event.path("ticketAttempt").asInt()).isEqualTo(2);
            });
            awaitEvent(probe, project.id(), "succeeded", event -> event.path("deploymentId").asText().equals(onMaster.id().toString()));
            assertThat(eventsOf(probe, onMaster.id())).as("a push names no ticket").isNotEmpty().allSatisfy(event -> {
                assertThat(event.path("ticketId").isNull()).isTrue();
                assertThat(event.path("ticketAttempt").isNull()).isTrue();
            });
        }
    }

    /** TKT-5: the same approval delivered twice (a republished event under a new id) queues one deployment. */
    @Test
    void aDuplicatedApprovalQueuesOneDeployment() {
        TestRepository repository = TestRepository.create();
        String commit = repository.commit("the app", HOOKS.files());
        ServedProject project = servedOnEveryTier(repository, commit);
        String ticket = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            TriggerEvents.deployApproved(project.id(), "staging", ticket, commit, 1);
            TriggerEvents.deployApproved(project.id(), "staging", ticket, commit, 1);
            // One partition per project: the marker's deployment is queued after both copies were applied.
            TriggerEvents.deployApproved(project.id(), "production", marker, commit, 1);
            awaitEvent(probe, project.id(), "queued", event -> event.path("ticketId").asText().equals(marker));
            assertThat(queuedFor(probe, ticket)).hasSize(1);
        }
    }

    /** DEP-6, TKT-5: a settings ticket's redeploy of a tier is that ticket's deployment, queued once per approval. */
    @Test
    void aSettingsTicketsRedeployIsTheTicketsDeploymentQueuedOnce() {
        TestRepository repository = TestRepository.create();
        String commit = repository.commit("the app", HOOKS.files());
        ServedProject project = servedOnEveryTier(repository, commit);
        String ticket = UUID.randomUUID().toString();
        String marker = UUID.randomUUID().toString();
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            TriggerEvents.settingsRedeployRequested(project.id(), "production", ticket, commit, 1);
            TriggerEvents.settingsRedeployRequested(project.id(), "production", ticket, commit, 1);
            TriggerEvents.deployApproved(project.id(), "staging", marker, commit, 1);
            awaitEvent(probe, project.id(), "queued", event -> event.path("ticketId").asText().equals(marker));
            List<JsonNode> queued = queuedFor(probe, ticket);
            assertThat(queued).hasSize(1);
            assertThat(queued.get(0).path("environmentId").asText()).isEqualTo("production");
            assertThat(queued.get(0).path("commit").asText()).isEqualTo(commit);
            assertThat(queued.get(0).path("trigger").asText()).isEqualTo("TICKET");
            assertThat(queued.get(0).path("ticketAttempt").asInt()).isEqualTo(1);
        }
    }

    /** The QUEUED events seen so far of the deployments of ticket {@code ticket}. */
    private static List<JsonNode> queuedFor(KafkaProbe probe, String ticket) {
        return probe.seen().stream().map(record -> data(record.value())).filter(event -> event.path("ticketId").asText().equals(ticket))
                .filter(event -> event.path("state").asText().equals("QUEUED")).toList();
    }

    /** The data of the first {@code dev.slipway.deployment.<event>.v1} of {@code project} that {@code match} accepts. */
    private static JsonNode awaitEvent(KafkaProbe probe, String project, String event, java.util.function.Predicate<JsonNode> match) {
        return data(probe.await(record -> KafkaProbe.ofType("dev.slipway.deployment." + event + ".v1", project).test(record)
                && match.test(data(record.value())), Duration.ofSeconds(60)).value());
    }

    /** The data of every event of deployment {@code id} seen so far, in order. */
    private static List<JsonNode> eventsOf(KafkaProbe probe, UUID id) {
        return probe.seen().stream().map(record -> data(record.value())).filter(event -> event.path("deploymentId").asText().equals(id.toString()))
                .toList();
    }

    private static JsonNode data(String json) {
        try {
            return JSON.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
