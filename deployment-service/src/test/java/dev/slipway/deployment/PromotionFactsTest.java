package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentRepository;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.domain.PromotionFacts;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.events.Topics;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The facts VALIDATE decides DEP-5 and CFG-3 on: own successful deployments, and approvals played on the broker. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class PromotionFactsTest {

    @Inject
    PromotionFacts facts;

    @Inject
    DeploymentQueue queue;

    @Inject
    DeploymentRepository deployments;

    @Test
    void successfulDeploymentsAreWhatPromotesAndTheLatestOneIsTheCurrentConfiguration() {
        String project = ProjectAccessReadModelContract.newProjectId();
        Deployment deployment = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(new DeploymentRequest(project, "master", "master",
                "abc1234", DeploymentTrigger.PUSH, null, null, null, null, "alice")));
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.succeeded(project, "master", "abc1234"))).isFalse();
        QuarkusTransaction.requiringNew().run(() -> {
            Deployment d = deployments.findById(deployment.id());
            d.start(Instant.now());
            d.resolveCommit("abc1234");
            d.validatedConfiguration("sha256:one");
            d.succeed(Instant.now());
        });
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.succeeded(project, "master", "abc1234"))).isTrue();
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.succeeded(project, "staging", "abc1234"))).isFalse();
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.lastSucceededCommit(project, "master"))).contains("abc1234");
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.currentDigest(project, "master"))).contains("sha256:one");
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.currentDigest(project, "staging"))).isEmpty();

        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.checkPromotion(project, "staging", "abc1234"))).isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.checkPromotion(project, "production", "abc1234")))
                .hasValueSatisfying(refusal -> assertThat(refusal.detail()).isEqualTo(
                        "DEP-5: commit abc1234 has no successful deployment on Staging; deploy it there first."));
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.checkConfiguration(project, "master", "sha256:two")))
                .as("Integration takes any configuration").isEmpty();
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.checkConfiguration(project, "staging", "sha256:two")))
                .as("a tier's first deployment sets its digest").isEmpty();
    }

    @Test
    void anApprovedDeploymentSettingsTicketAllowsItsDigest() {
        String project = ProjectAccessReadModelContract.newProjectId();
        for (int i = 0; i < 2; i++) {
            KafkaProbe.send(Topics.TICKETS, project, Map.of("id", UUID.randomUUID().toString(), "type", "dev.slipway.ticket.approved.v1",
                    "source", "/slipway/ticket-service", "subject", "tickets/T-1"), "{\"ticketId\":\"T-1\",\"projectId\":\"" + project
                    + "\",\"environmentId\":\"production\",\"type\":\"DEPLOYMENT_SETTINGS\",\"approvedBy\":\"carol\",\"variables\":[],"
                    + "\"approveConfigDigest\":\"sha256:two\",\"domains\":null,\"commit\":null,\"includeData\":null,\"publicKey\":null,"
                    + "\"title\":null,\"expiresAt\":null,\"requestedBy\":\"bob\"}");
        }
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() ->
                QuarkusTransaction.requiringNew().call(() -> facts.approvedDigests(project, "production")).contains("sha256:two"));
        assertThat(QuarkusTransaction.requiringNew().call(() -> facts.approvedDigests(project, "staging"))).isEmpty();
    }
}
