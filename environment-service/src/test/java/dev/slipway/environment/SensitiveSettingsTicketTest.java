package dev.slipway.environment;

import static dev.slipway.environment.Api.createProject;
import static dev.slipway.environment.Api.env;
import static dev.slipway.environment.Api.get;
import static dev.slipway.environment.TicketServiceStandIn.approve;
import static dev.slipway.environment.TicketServiceStandIn.awaitAnswer;
import static dev.slipway.environment.TicketServiceStandIn.ticketService;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * SEC-3, SEC-4, TKT-5: a DEPLOYMENT_SETTINGS ticket that sets a sensitive variable is applied with
 * the value ticket-service serves over its internal interface, read by a worker after the approval
 * event's transaction; the value never shows in an event, a log line or a response. ticket-service
 * is played on the real network ({@link TicketServiceStandIn}), the approvals on the real broker.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
@WithTestResource(value = TicketServiceStandIn.FreePort.class, scope = TestResourceScope.GLOBAL)
class SensitiveSettingsTicketTest {

    private static String settings(String environment, Integer attempt, String variables) {
        return "\"environmentId\":\"" + environment + "\",\"type\":\"DEPLOYMENT_SETTINGS\"" + (attempt == null ? "" : ",\"attempt\":" + attempt)
                + ",\"variables\":[" + variables + "]";
    }

    private static String setSensitive(String name) {
        return "{\"action\":\"SET\",\"name\":\"" + name + "\",\"value\":null,\"sensitive\":true}";
    }

    private static ValidatableResponse internalEffective(String project, String environment) {
        return given().header("Authorization", TestTokens.bearer("deployment-service", "service"))
                .when().get("/api/v1/internal/projects/" + project + "/environments/" + environment + "/effective-variables").then().statusCode(200);
    }

    private static String variable(String project, String environment, String name) {
        return env(project, environment) + "/variables/" + name;
    }

    @Test
    void aSensitiveVariableSetThroughATicketIsAppliedWithTheServedValueWhichNoEventLogOrResponseShows() {
        String project = createProject("alice");
        String ticket = UUID.randomUUID().toString();
        String secret = "s3cr3t-" + UUID.randomUUID();
        ticketService().values(ticket, Map.of("env:DB_PASSWORD", secret));
        try (LogCapture logs = LogCapture.start(); KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, ticket, settings("staging", 2, setSensitive("env:DB_PASSWORD")
                    + ",{\"action\":\"SET\",\"name\":\"env:MODE\",\"value\":\"live\"}"));
            ConsumerRecord<String, String> answer = awaitAnswer(probe, ticket);
            assertThat(answer.value()).contains("\"success\":true").contains("env:DB_PASSWORD").contains("env:MODE")
                    .contains("\"attempt\":2").doesNotContain(secret);
            assertThat(probe.seen()).noneMatch(record -> record.value().contains(secret));
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> logs.lines().stream().anyMatch(line -> line.contains(ticket)));
            assertThat(logs.lines()).noneMatch(line -> line.contains(secret));
        }
        // SEC-4: one call, with a token of the service group, naming the attempt.
        assertThat(ticketService().requestsFor(ticket)).containsExactly(new TicketServiceStandIn.Request(ticket, "2", true));

        get("alice", variable(project, "staging", "env:DB_PASSWORD")).statusCode(200).body("sensitive", equalTo(true))
                .body("value", nullValue()).body(not(containsString(secret)));
        get("alice", env(project, "staging") + "/variables").statusCode(200).body(not(containsString(secret)));
        get("alice", env(project, "staging") + "/effective-variables").statusCode(200).body(not(containsString(secret)));
        internalEffective(project, "staging").body("find { it.name == 'env:DB_PASSWORD' }.value", equalTo(secret))
                .body("find { it.name == 'env:DB_PASSWORD' }.sensitive", equalTo(true))
                .body("find { it.name == 'env:MODE' }.value", equalTo("live"));
    }

    @Test
    void aSensitiveChangeWithoutAServedValueKeepsTheCurrentValueButCannotCreateAVariable() {
        String project = createProject("alice");
        String created = UUID.randomUUID().toString();
        String flagsOnly = UUID.randomUUID().toString();
        String missing = UUID.randomUUID().toString();
        ticketService().values(created, Map.of("API_KEY", "first-value")).values(flagsOnly, Map.of()).values(missing, Map.of());
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, created, settings("production", 1, setSensitive("API_KEY")));
            assertThat(awaitAnswer(probe, created).value()).contains("\"success\":true");

            // The variable is sensitive now, so a change without a value asks ticket-service, which holds none: flags only.
            approve(project, flagsOnly, settings("production", 1, "{\"action\":\"SET\",\"name\":\"API_KEY\",\"visibleBuild\":false}"));
            assertThat(awaitAnswer(probe, flagsOnly).value()).contains("\"success\":true");

            approve(project, missing, settings("production", 1, setSensitive("NEW_KEY")));
            assertThat(awaitAnswer(probe, missing).value()).contains("\"success\":false").contains("NEW_KEY").contains("no value");
        }
        assertThat(ticketService().requestsFor(flagsOnly)).hasSize(1);
        internalEffective(project, "production").body("find { it.name == 'API_KEY' }.value", equalTo("first-value"))
                .body("find { it.name == 'API_KEY' }.visibleBuild", equalTo(false));
        get("alice", variable(project, "production", "NEW_KEY")).statusCode(404);
    }

    @Test
    void ticketServiceDownOrAnswering503DelaysTheTicketUntilItServesTheValues() {
        String project = createProject("alice");
        String ticket = UUID.randomUUID().toString();
        TicketServiceStandIn ticketService = ticketService();
        try (LogCapture logs = LogCapture.start(); KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            ticketService.down();
            approve(project, ticket, settings("staging", 1, setSensitive("env:TOKEN")));
            // Refused connections leave no trace at the stand-in: the worker says it waits.
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> logs.lines().stream()
                    .filter(line -> line.contains("Ticket " + ticket + " (attempt 1) waits for its sensitive values")).count() >= 2);
            get("alice", variable(project, "staging", "env:TOKEN")).statusCode(404);

            ticketService.problem(ticket, 503, null).up();
            // Several rounds of the worker, each retried: it keeps asking rather than failing the ticket (SEC-4).
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> ticketService.requestsFor(ticket).size() >= 4);
            get("alice", variable(project, "staging", "env:TOKEN")).statusCode(404);

            ticketService.values(ticket, Map.of("env:TOKEN", "finally"));
            assertThat(awaitAnswer(probe, ticket).value()).contains("\"success\":true").contains("env:TOKEN");
            assertThat(probe.seen()).filteredOn(record -> record.value().contains("\"ticketId\":\"" + ticket + "\"")).hasSize(1);
        } finally {
            ticketService.up();
        }
        assertThat(ticketService.requestsFor(ticket)).allMatch(TicketServiceStandIn.Request::serviceToken);
        internalEffective(project, "staging").body("find { it.name == 'env:TOKEN' }.value", equalTo("finally"));
    }

    @Test
    void aTicketTicketServiceNoLongerFulfilsOrDoesNotKnowIsAnsweredAsFailedWithNothingChanged() {
        String project = createProject("alice");
        String retried = UUID.randomUUID().toString();
        String unknown = UUID.randomUUID().toString();
        ticketService().problem(retried, 409, "ticket-not-in-fulfilment");
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, retried, settings("staging", 1, setSensitive("env:A") + ",{\"action\":\"SET\",\"name\":\"B\",\"value\":\"b\"}"));
            assertThat(awaitAnswer(probe, retried).value()).contains("\"success\":false").contains("\"attempt\":1")
                    .contains("no longer being fulfilled at attempt 1").contains("ticket-not-in-fulfilment");

            approve(project, unknown, settings("staging", 3, setSensitive("env:A")));
            assertThat(awaitAnswer(probe, unknown).value()).contains("\"success\":false").contains("\"attempt\":3")
                    .contains("does not know ticket " + unknown);
        }
        get("alice", variable(project, "staging", "env:A")).statusCode(404);
        get("alice", variable(project, "staging", "B")).statusCode(404);
    }

    /** TKT-5: delivered again under its id (the inbox), or published again under a new one (ticket and attempt). */
    @Test
    void aRepeatedApprovalReadsTheValuesAndAppliesOnce() {
        String project = createProject("alice");
        String ticket = UUID.randomUUID().toString();
        String eventId = UUID.randomUUID().toString();
        String later = UUID.randomUUID().toString();
        ticketService().values(ticket, Map.of("SECRET", "once")).values(later, Map.of("OTHER", "x"));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            approve(project, eventId, ticket, settings("production", 1, setSensitive("SECRET")));
            approve(project, eventId, ticket, settings("production", 1, setSensitive("SECRET")));
            awaitAnswer(probe, ticket);
            approve(project, ticket, settings("production", 1, setSensitive("SECRET")));
            // A later ticket of the same project, on the same path, proves the repeat was handled before it.
            approve(project, later, settings("production", 1, setSensitive("OTHER")));
            awaitAnswer(probe, later);
            assertThat(probe.seen()).filteredOn(record -> record.value().contains("\"ticketId\":\"" + ticket + "\"")).hasSize(1);
        }
        assertThat(ticketService().requestsFor(ticket)).hasSize(1);
    }
}
