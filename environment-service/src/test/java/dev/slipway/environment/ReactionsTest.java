package dev.slipway.environment;

import static dev.slipway.environment.Api.createProject;
import static dev.slipway.environment.Api.env;
import static dev.slipway.environment.Api.get;
import static dev.slipway.environment.TicketServiceStandIn.approve;
import static dev.slipway.environment.TicketServiceStandIn.awaitAnswer;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Reacting to the other services (ENV-6, ENV-8, TKT-5): deployment events keep environments current;
 * approved DEPLOYMENT_SETTINGS and GO_LIVE tickets are applied and answered with the ticket id.
 * deployment-service and ticket-service are played by the test on the real broker.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class ReactionsTest {

    /** Plays deployment-service: {@code event} is started, succeeded or failed, with the state it reports (DEP-3). */
    private static void deployment(String project, String environment, String event, String id, String commit, String nodes) {
        String state = switch (event) {
            case "started" -> "RUNNING";
            case "succeeded" -> "SUCCEEDED";
            case "cancelled" -> "CANCELLED";
            default -> "FAILED";
        };
        String data = "{\"deploymentId\":\"" + id + "\",\"projectId\":\"" + project + "\",\"environmentId\":\"" + environment
                + "\",\"commit\":\"" + commit + "\",\"trigger\":\"TICKET\",\"state\":\"" + state + "\",\"phase\":\"DEPLOY\",\"nodes\":" + nodes + "}";
        KafkaProbe.send(Topics.DEPLOYMENTS, project, Map.of("id", UUID.randomUUID().toString(), "type", "dev.slipway.deployment." + event + ".v1",
                "source", "/slipway/deployment-service"), data);
    }

    @Test
    void deploymentEventsKeepStatusDeployedCommitAndNodesCurrent() {
        String project = createProject("alice");
        deployment(project, "production", "started", "d1", "aaa", "[]");
        Api.awaitStatus("alice", project, "production", "DIRTY");
        get("alice", env(project, "production")).body("latestDeployment.id", equalTo("d1")).body("latestDeployment.state", equalTo("RUNNING"));
        deployment(project, "production", "succeeded", "d1", "aaa",
                "[{\"node\":1,\"releaseId\":\"r1\",\"commit\":\"aaa\",\"health\":\"HEALTHY\"},{\"node\":2,\"releaseId\":\"r1\",\"commit\":\"aaa\",\"health\":\"HEALTHY\"},"
                        + "{\"node\":3,\"releaseId\":\"r1\",\"commit\":\"aaa\",\"health\":\"HEALTHY\"}]");
        Api.awaitStatus("alice", project, "production", "ACTIVE");
        get("alice", env(project, "production")).body("deployedCommit", equalTo("aaa"))
                .body("latestDeployment.state", equalTo("SUCCEEDED"))
                .body("nodes", hasSize(3)).body("nodes[2].release", equalTo("r1")).body("nodes[2].health", equalTo("HEALTHY"));

        deployment(project, "production", "started", "d2", "bbb", "[]");
        deployment(project, "production", "failed", "d2", "bbb",
                "[{\"node\":1,\"releaseId\":\"r2\",\"commit\":\"bbb\",\"health\":\"HEALTHY\"},{\"node\":2,\"releaseId\":\"r1\",\"commit\":\"aaa\",\"health\":\"UNHEALTHY\"}]");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                get("alice", env(project, "production")).body("latestDeployment.state", equalTo("FAILED")));
        get("alice", env(project, "production")).body("status", equalTo("ACTIVE")).body("deployedCommit", equalTo("aaa"))
                .body("nodes[0].release", equalTo("r2")).body("nodes[1].health", equalTo("UNHEALTHY"));

        // DEP-3: a queued deployment cancelled before it started changes nothing; the running one cancelled ends DIRTY.
        deployment(project, "production", "started", "d3", "ccc", "[]");
        Api.awaitStatus("alice", project, "production", "DIRTY");
        deployment(project, "production", "cancelled", "d4", "ddd", "[]");
        deployment(project, "production", "cancelled", "d3", "ccc", "[]");
        Api.awaitStatus("alice", project, "production", "ACTIVE");
        get("alice", env(project, "production")).body("latestDeployment.id", equalTo("d3")).body("latestDeployment.state", equalTo("CANCELLED"))
                .body("deployedCommit", equalTo("aaa"));
    }

    @Test
    void approvedDeploymentSettingsTicketWritesStagingSettingsAndAnswersWithTheTicketId() {
        String project = createProject("alice");
        String ticket = UUID.randomUUID().toString();
        String digest = "sha256:" + "a".repeat(64);
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, ticket, "\"environmentId\":\"staging\",\"type\":\"DEPLOYMENT_SETTINGS\",\"approveConfigDigest\":\"" + digest + "\","
                    + "\"variables\":[{\"action\":\"SET\",\"name\":\"env:MODE\",\"value\":\"production-like\"}]");
            ConsumerRecord<String, String> answer = awaitAnswer(probe, ticket);
            assertThat(answer.value()).contains("\"success\":true").contains("env:MODE");
        }
        get("alice", env(project, "staging") + "/variables/env:MODE").statusCode(200).body("value", equalTo("production-like"));
    }

    /**
     * VAR-4, DEP-6: changed variables reach a tier that runs a commit by redeploying that commit as
     * the ticket's deployment; a tier never deployed waits for its first DEPLOY ticket.
     */
    @Test
    void approvedSettingsRedeployTheCommitATierRunsAsTheTicketsDeployment() {
        String project = createProject("alice");
        deployment(project, "production", "started", "d1", "aaa", "[]");
        deployment(project, "production", "succeeded", "d1", "aaa", "[]");
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                get("alice", env(project, "production")).body("deployedCommit", equalTo("aaa")));
        String ticket = UUID.randomUUID().toString();
        String untouched = UUID.randomUUID().toString();
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, ticket, "\"environmentId\":\"production\",\"type\":\"DEPLOYMENT_SETTINGS\",\"attempt\":2,"
                    + "\"variables\":[{\"action\":\"SET\",\"name\":\"env:SHIPPING\",\"value\":\"express\"}]");
            assertThat(awaitAnswer(probe, ticket).value()).contains("\"success\":true").contains("redeploys commit aaa");
            approve(project, untouched, "\"environmentId\":\"staging\",\"type\":\"DEPLOYMENT_SETTINGS\","
                    + "\"variables\":[{\"action\":\"SET\",\"name\":\"env:SHIPPING\",\"value\":\"standard\"}]");
            assertThat(awaitAnswer(probe, untouched).value()).contains("takes effect at its next deployment");
            List<String> requested = probe.seen().stream().filter(record -> project.equals(record.key())
                    && "dev.slipway.environment.deployment-requested.v1".equals(KafkaProbe.header(record, "ce_type"))).map(ConsumerRecord::value).toList();
            assertThat(requested).hasSize(1);
            assertThat(requested.get(0)).contains("\"environmentId\":\"production\"", "\"commit\":\"aaa\"", "\"trigger\":\"TICKET\"",
                    "\"ticketId\":\"" + ticket + "\"", "\"ticketAttempt\":2");
        }
    }

    @Test
    void aTicketThatCannotApplyChangesNothingAndSaysWhy() {
        String project = createProject("alice");
        String ticket = UUID.randomUUID().toString();
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, ticket, "\"environmentId\":\"production\",\"type\":\"DEPLOYMENT_SETTINGS\",\"variables\":["
                    + "{\"action\":\"SET\",\"name\":\"GOOD\",\"value\":\"1\"},{\"action\":\"SET\",\"name\":\"bad name\",\"value\":\"1\"}]");
            assertThat(awaitAnswer(probe, ticket).value()).contains("\"success\":false").contains("variable name");
        }
        get("alice", env(project, "production") + "/variables").body("items", hasSize(0));
    }

    /** TKT-5: the same approval published again under a new event id acts once, so it cannot undo a later ticket. */
    @Test
    void aSettingsApprovalPublishedAgainDoesNotUndoALaterTicket() {
        String project = createProject("alice");
        String first = UUID.randomUUID().toString();
        String second = UUID.randomUUID().toString();
        String firstApproval = "\"environmentId\":\"staging\",\"type\":\"DEPLOYMENT_SETTINGS\",\"attempt\":1,"
                + "\"variables\":[{\"action\":\"SET\",\"name\":\"MODE\",\"value\":\"first\"}]";
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, first, firstApproval);
            awaitAnswer(probe, first);
            approve(project, second, "\"environmentId\":\"staging\",\"type\":\"DEPLOYMENT_SETTINGS\",\"attempt\":1,"
                    + "\"variables\":[{\"action\":\"SET\",\"name\":\"MODE\",\"value\":\"second\"}]");
            awaitAnswer(probe, second);
            approve(project, first, firstApproval);
            // A later ticket of the same project proves the republished approval was handled before it.
            String marker = UUID.randomUUID().toString();
            approve(project, marker, "\"environmentId\":\"production\",\"type\":\"GO_LIVE\",\"domains\":[\"shop.example.com\"]");
            awaitAnswer(probe, marker);
            assertThat(probe.seen()).filteredOn(record -> record.value().contains("\"ticketId\":\"" + first + "\"")).hasSize(1);
        }
        get("alice", env(project, "staging") + "/variables/MODE").statusCode(200).body("value", equalTo("second"));
    }

    @Test
    void approvedGoLiveSetsProductionDomainsOnceEvenWhenRedelivered() {
        String project = createProject("alice");
        String ticket = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String body = "\"environmentId\":\"production\",\"type\":\"GO_LIVE\",\"domains\":[\"shop.example.com\",\"www.shop.example.com\"]";
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, eventId, ticket, body);
            approve(project, eventId, ticket, body);
            awaitAnswer(probe, ticket);
            // A later ticket of the same project proves the repeat was handled before it.
            String later = UUID.randomUUID().toString();
            approve(project, later, "\"environmentId\":\"production\",\"type\":\"GO_LIVE\",\"domains\":[\"shop.example.com\"]");
            awaitAnswer(probe, later);
            assertThat(probe.seen()).filteredOn(record -> record.value().contains("\"ticketId\":\"" + ticket + "\"")).hasSize(1);
        }
        get("alice", env(project, "production")).body("urls.store", equalTo("https://shop.example.com/"))
                .body("liveDomains", Matchers.hasItem("shop.example.com"));
    }
}
