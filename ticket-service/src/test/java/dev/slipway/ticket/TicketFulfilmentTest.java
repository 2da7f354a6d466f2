package dev.slipway.ticket;

import static dev.slipway.ticket.support.TicketWorld.as;
import static dev.slipway.ticket.support.TicketWorld.support;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.ticket.support.ServiceStandIns;
import dev.slipway.ticket.support.TicketWorld;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * TKT-3, TKT-5: approval publishes one event, results move the ticket once and never backwards,
 * a retry is a new attempt whose late predecessors change nothing, and sensitive values reach only
 * the fulfilling service (SEC-3). Through the real broker and database.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class TicketFulfilmentTest {

    private static final String APPROVED = "dev.slipway.ticket.approved.v1";
    private static final String ENV_FULFILLED = "dev.slipway.environment.ticket-fulfilled.v1";
    private static final String C1 = "3333333333333333333333333333333333333333";

    private static void awaitState(String id, String state) {
        Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() ->
                support("sam").get("/api/v1/tickets/" + id).then().body("state", equalTo(state)));
    }

    @Test
    void aDuplicatedResultEventActsOnceAndALateOneNeverMovesTheTicketBack() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        String id = world.openId("bob", "GO_LIVE", "production", "{\"domains\":[\"shop.example.com\"]}");
        try (KafkaProbe tickets = KafkaProbe.reading("slipway.tickets")) {
            support("sam").body("{}").post("/api/v1/tickets/" + id + "/approve").then().statusCode(200).body("state", equalTo("APPROVED"))
                    .body("attempt", equalTo(1));
            ConsumerRecord<String, String> approved = tickets.await(KafkaProbe.ofType(APPROVED, world.project), Duration.ofSeconds(30));
            assertThat(approved.value()).contains("\"ticketId\":\"" + id + "\"").contains("\"attempt\":1").contains("shop.example.com");
        }
        String eventId = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            world.fulfilled("slipway.environments", "/slipway/environment-service", ENV_FULFILLED, eventId, id, "GO_LIVE", true, "live on shop.example.com", null, 1);
        }
        // The same result again under a new event id (a producer that published twice), and a late failure.
        world.fulfilled("slipway.environments", "/slipway/environment-service", ENV_FULFILLED, UUID.randomUUID().toString(), id, "GO_LIVE", true, "again", null, 1);
        world.fulfilled("slipway.environments", "/slipway/environment-service", ENV_FULFILLED, UUID.randomUUID().toString(), id, "GO_LIVE", false, "late", null, 1);
        awaitState(id, "RESOLVED");
        // The late events were applied (or not) in order after the first: wait for a marker event behind them.
        String marker = world.openId("bob", "GENERAL", "master", null);
        support("sam").get("/api/v1/tickets/" + id).then().body("state", equalTo("RESOLVED")).body("result.detail", equalTo("live on shop.example.com"))
                .body("history.to", contains("APPROVED", "IN_PROGRESS", "RESOLVED")).body("history[1].actor", equalTo("service:environment-service"));
        assertThat(marker).isNotNull();
    }

    @Test
    void aDeployThatFailsDep5EndsFailedNamingTheRuleAndARetryIsANewAttempt() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        ServiceStandIns.start().commits(world.project, C1);
        String id = world.openId("bob", "DEPLOY", "production", "{\"commit\":\"" + C1 + "\"}");
        support("sam").body("{}").post("/api/v1/tickets/" + id + "/approve").then().statusCode(200);
        // TKT-5: an approved ticket is resolved by its fulfilment, never by hand; its view says so.
        support("sam").get("/api/v1/tickets/" + id).then().body("actions.find { it.name == 'resolve' }.allowed", equalTo(false));
        support("sam").body("{\"reason\":\"done\"}").post("/api/v1/tickets/" + id + "/resolve").then().statusCode(409)
                .body("detail", containsString("resolved by its fulfilment"));
        String first = UUID.randomUUID().toString();
        world.deployment("queued", first, "production", C1, "QUEUED", null, null, id, 1);
        awaitState(id, "IN_PROGRESS");
        world.deployment("started", first, "production", C1, "RUNNING", "VALIDATE", null, id, 1);
        world.deployment("failed", first, "production", C1, "FAILED", "VALIDATE", "DEP-5: commit " + C1 + " has no successful deployment on staging",
                id, 1);
        awaitState(id, "FAILED");
        support("sam").get("/api/v1/tickets/" + id).then().body("result.detail", containsString("DEP-5")).body("result.resultId", equalTo(first))
                .body("trail.deployments", hasSize(1)).body("trail.deployments[0].steps.state", contains("QUEUED", "RUNNING", "FAILED"))
                .body("allowedActions", contains("RETRY", "COMMENT"));
        support("sam").body("{\"reason\":\"staging has it now\"}").post("/api/v1/tickets/" + id + "/retry").then().statusCode(200)
                .body("state", equalTo("APPROVED")).body("attempt", equalTo(2));
        // A late, repeated failure of the first attempt must not fail the retry.
        world.deployment("failed", first, "production", C1, "FAILED", "VALIDATE", "late", id, 1);
        String second = UUID.randomUUID().toString();
        world.deployment("queued", second, "production", C1, "QUEUED", null, null, id, 2);
        world.deployment("succeeded", second, "production", C1, "SUCCEEDED", "POST_DEPLOY", null, id, 2);
        awaitState(id, "RESOLVED");
        support("sam").get("/api/v1/tickets/" + id).then().body("result.resultId", equalTo(second))
                .body("history.to", contains("APPROVED", "IN_PROGRESS", "FAILED", "APPROVED", "IN_PROGRESS", "RESOLVED"))
                .body("trail.deployments", hasSize(2));
    }

    @Test
    void sensitiveValuesAreSealedAndServedOnlyToServicesDuringFulfilment() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        String id = world.openId("bob", "DEPLOYMENT_SETTINGS", "staging",
                "{\"variables\":[{\"action\":\"SET\",\"name\":\"env:DB_PASSWORD\",\"value\":\"hunter2-sealed\",\"sensitive\":true},"
                        + "{\"action\":\"SET\",\"name\":\"MODE\",\"value\":\"fast\"}]}");
        String values = "/api/v1/internal/tickets/" + id + "/sensitive-values?attempt=1";
        as("svc", "service").get(values).then().statusCode(409).body("type", containsString("ticket-not-in-fulfilment"));
        try (KafkaProbe tickets = KafkaProbe.reading("slipway.tickets")) {
            support("sam").body("{}").post("/api/v1/tickets/" + id + "/approve").then().statusCode(200);
            ConsumerRecord<String, String> approved = tickets.await(r -> r.value().contains(id), Duration.ofSeconds(30));
            assertThat(approved.value()).doesNotContain("hunter2-sealed").contains("\"value\":\"fast\"");
        }
        as("svc", "service").get(values).then().statusCode(200).body("values.'env:DB_PASSWORD'", equalTo("hunter2-sealed"))
                .body("values.size()", equalTo(1));
        as("bob").get(values).then().statusCode(403);
        support("sam").get(values).then().statusCode(403);
        as("svc", "service").get("/api/v1/internal/tickets/" + id + "/sensitive-values?attempt=2").then().statusCode(409);
        world.fulfilled("slipway.environments", "/slipway/environment-service", ENV_FULFILLED, UUID.randomUUID().toString(), id, "DEPLOYMENT_SETTINGS",
                true, "set env:DB_PASSWORD; set MODE on staging", null, 1);
        awaitState(id, "RESOLVED");
        // Resolved: the sealed values are gone.
        as("svc", "service").get(values).then().statusCode(409);
        String read = support("sam").get("/api/v1/tickets/" + id).then().statusCode(200).extract().asString();
        assertThat(read).doesNotContain("hunter2-sealed");
    }

    /**
     * TKT-5: only the owning service answers a ticket. A DEPLOYMENT_SETTINGS ticket's redeploy names
     * the ticket (for its trail), but its failure does not fail the ticket; environment-service's
     * answer resolves it.
     */
    @Test
    void aSettingsTicketIsAnsweredByEnvironmentServiceNotByItsRedeploy() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        String id = world.openId("bob", "DEPLOYMENT_SETTINGS", "staging", "{\"variables\":[{\"action\":\"SET\",\"name\":\"MODE\",\"value\":\"fast\"}]}");
        support("sam").body("{}").post("/api/v1/tickets/" + id + "/approve").then().statusCode(200);
        String redeploy = UUID.randomUUID().toString();
        world.deployment("queued", redeploy, "staging", C1, "QUEUED", null, null, id, 1);
        world.deployment("failed", redeploy, "staging", C1, "FAILED", "DEPLOY", "deploy hook exited 1", id, 1);
        world.fulfilled("slipway.environments", "/slipway/environment-service", ENV_FULFILLED, UUID.randomUUID().toString(), id, "DEPLOYMENT_SETTINGS",
                true, "set MODE on staging; it redeploys commit " + C1, null, 1);
        awaitState(id, "RESOLVED");
        support("sam").get("/api/v1/tickets/" + id).then().body("history.to", contains("APPROVED", "IN_PROGRESS", "RESOLVED"))
                .body("history[1].actor", equalTo("service:environment-service")).body("result.detail", containsString("set MODE"));
    }

    /**
     * Another producer's deployment (a ticket id that is not one of ours, a queued deployment of a
     * branch head without its commit yet) is applied, not retried and dead-lettered, so what follows
     * it on the partition is not held up (a consumer once spent minutes on such events).
     */
    @Test
    void deploymentsThatAreNotOursOrHaveNoCommitYetDoNotHoldUpTheReadModel() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        String foreign = UUID.randomUUID().toString();
        world.deployment("queued", foreign, "master", null, "QUEUED", null, null, "T-not-a-uuid", 1);
        world.deployment("succeeded", foreign, "master", C1, "SUCCEEDED", "POST_DEPLOY", null, "T-not-a-uuid", 1);
        Awaitility.await().atMost(10, TimeUnit.SECONDS).untilAsserted(() -> world.open("bob", "DEPLOY", "staging", null).statusCode(201)
                .body("payload.commit", equalTo(C1)));
    }

    /** Two support users decide one ticket at the same moment, twenty times: one decision wins, and one approval event at most is published. */
    @Test
    void ofTwoConcurrentDecisionsExactlyOneWins() throws Exception {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        ExecutorService pool = Executors.newFixedThreadPool(2);
        List<String> approvedIds = new ArrayList<>();
        try (KafkaProbe tickets = KafkaProbe.reading("slipway.tickets")) {
            for (int round = 0; round < 20; round++) {
                String id = world.openId("bob", "GO_LIVE", "production", "{\"domains\":[\"r" + round + ".example.com\"]}");
                String etag = support("sam").get("/api/v1/tickets/" + id).then().extract().header("ETag");
                boolean withIfMatch = round % 2 == 0;
                Callable<Integer> approve = () -> (withIfMatch ? support("sam").header("If-Match", etag) : support("sam")).body("{}")
                        .post("/api/v1/tickets/" + id + "/approve").then().extract().statusCode();
                Callable<Integer> reject = () -> (withIfMatch ? support("ann").header("If-Match", etag) : support("ann"))
                        .body("{\"reason\":\"not now\"}").post("/api/v1/tickets/" + id + "/reject").then().extract().statusCode();
                Future<Integer> a = pool.submit(approve);
                Future<Integer> r = pool.submit(reject);
                List<Integer> answers = List.of(a.get(30, TimeUnit.SECONDS), r.get(30, TimeUnit.SECONDS));
                assertThat(answers).as("round " + round).containsOnlyOnce(200);
                assertThat(answers.stream().filter(s -> s != 200).findFirst().orElseThrow()).isIn(409, 412);
                String state = support("sam").get("/api/v1/tickets/" + id).then().extract().path("state");
                if (state.equals("APPROVED")) {
                    approvedIds.add(id);
                } else {
                    assertThat(state).isEqualTo("REJECTED");
                }
            }
            String marker = world.openId("bob", "GO_LIVE", "production", "{\"domains\":[\"marker.example.com\"]}");
            support("sam").body("{}").post("/api/v1/tickets/" + marker + "/approve").then().statusCode(200);
            tickets.await(r -> r.value().contains(marker), Duration.ofSeconds(30));
            for (String id : approvedIds) {
                assertThat(tickets.seen().stream().filter(r -> r.value().contains("\"ticketId\":\"" + id + "\""))).as(id).hasSize(1);
            }
            assertThat(tickets.seen().stream().filter(r -> world.project.equals(r.key()))).hasSize(approvedIds.size() + 1);
        } finally {
            pool.shutdownNow();
        }
    }
}
