package dev.slipway.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import static dev.slipway.testing.ProjectAccessReadModelContract.addMember;
import static dev.slipway.testing.ProjectAccessReadModelContract.awaitRole;
import static dev.slipway.testing.ProjectAccessReadModelContract.newProjectId;
import static dev.slipway.testing.ProjectAccessReadModelContract.sendProjectCreated;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * DEP-1, DEP-3, DEP-6 through the real broker: triggers (played as environment-service,
 * ticket-service and the gateway would send them) queue deployments once, newer ones supersede
 * older queued ones, deactivation cancels, and the API lists, filters and cancels.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class DeploymentQueueTest {

    private static void send(String topic, String source, String project, String type, String data) {
        KafkaProbe.send(topic, project, Map.of("id", UUID.randomUUID().toString(), "type", type, "source", source, "subject", "projects/" + project), data);
    }

    private static void deploymentRequested(String project, String environment, String activityId, String trigger) {
        send(Topics.ENVIRONMENTS, "/slipway/environment-service", project, "dev.slipway.environment.deployment-requested.v1",
                "{\"projectId\":\"" + project + "\",\"environmentId\":\"" + environment + "\",\"branch\":\"" + environment + "\",\"commit\":null,"
                        + "\"trigger\":\"" + trigger + "\",\"dataFrom\":null,\"activityId\":" + (activityId == null ? "null" : "\"" + activityId + "\"")
                        + ",\"requestedBy\":\"alice\"}");
    }

    private static String projectOf(String admin) {
        String project = newProjectId();
        sendProjectCreated(project, admin);
        awaitRole(project, admin, "admin");
        return project;
    }

    private static List<Map<String, Object>> deployments(String project, String query) {
        return given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/projects/" + project + "/deployments" + query)
                .then().statusCode(200).extract().path("items");
    }

    @Test
    void aRequestQueuesOneDeploymentAndTheSameActivityAgainQueuesNothing() {
        String project = projectOf("alice");
        String activity = UUID.randomUUID().toString();
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            deploymentRequested(project, "master", activity, "PUSH");
            probe.await(KafkaProbe.ofType("dev.slipway.deployment.queued.v1", project), Duration.ofSeconds(60));
        }
        deploymentRequested(project, "master", activity, "PUSH");
        String marker = UUID.randomUUID().toString();
        deploymentRequested(project, "other", marker, "REDEPLOY");
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> deployments(project, "?environment=other").size() == 1);
        List<Map<String, Object>> master = deployments(project, "?environment=master");
        assertThat(master).hasSize(1);
        assertThat(master.get(0)).containsEntry("state", "QUEUED").containsEntry("trigger", "PUSH").containsEntry("activityId", activity)
                .containsEntry("cancellable", true);
    }

    @Test
    void aNewerRequestSupersedesTheOlderQueuedOne() {
        String project = projectOf("alice");
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            deploymentRequested(project, "master", UUID.randomUUID().toString(), "PUSH");
            deploymentRequested(project, "master", UUID.randomUUID().toString(), "REDEPLOY");
            probe.await(KafkaProbe.ofType("dev.slipway.deployment.cancelled.v1", project), Duration.ofSeconds(60));
        }
        List<Map<String, Object>> all = deployments(project, "");
        assertThat(all).hasSize(2);
        assertThat(all.get(0)).containsEntry("state", "QUEUED").containsEntry("trigger", "REDEPLOY");
        assertThat(all.get(1)).containsEntry("state", "CANCELLED").containsEntry("detail", "superseded by " + all.get(0).get("id"));
        assertThat(deployments(project, "?state=CANCELLED")).hasSize(1);
        assertThat(deployments(project, "?trigger=REDEPLOY")).hasSize(1);
        given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/projects/" + project + "/deployments?state=DONE")
                .then().statusCode(400).body("detail", containsString("QUEUED"));
    }

    /** API-3: the deployment an environment Activity asked for is found from the Activity's id, with the other filters too. */
    @Test
    void theDeploymentsOfAnActivityAreListedByItsId() {
        String project = projectOf("alice");
        String pushed = UUID.randomUUID().toString();
        String redeployed = UUID.randomUUID().toString();
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            deploymentRequested(project, "master", pushed, "PUSH");
            deploymentRequested(project, "master", redeployed, "REDEPLOY");
            probe.await(KafkaProbe.ofType("dev.slipway.deployment.cancelled.v1", project), Duration.ofSeconds(60));
        }
        assertThat(deployments(project, "?activityId=" + pushed)).singleElement()
                .satisfies(found -> assertThat(found).containsEntry("activityId", pushed).containsEntry("state", "CANCELLED"));
        assertThat(deployments(project, "?activityId=" + redeployed + "&state=QUEUED")).singleElement()
                .satisfies(found -> assertThat(found).containsEntry("activityId", redeployed).containsEntry("trigger", "REDEPLOY"));
        assertThat(deployments(project, "?activityId=" + redeployed + "&state=CANCELLED")).isEmpty();
        assertThat(deployments(project, "?activityId=" + UUID.randomUUID())).isEmpty();
    }

    @Test
    void ticketsAndTierPushesQueueTierDeploymentsAndDeactivationCancels() {
        String project = projectOf("alice");
        String ticket = "T-" + UUID.randomUUID().toString().substring(0, 8);
        send(Topics.TICKETS, "/slipway/ticket-service", project, "dev.slipway.ticket.approved.v1", "{\"ticketId\":\"" + ticket + "\",\"projectId\":\""
                + project + "\",\"environmentId\":\"production\",\"type\":\"DEPLOY\",\"approvedBy\":\"carol\",\"variables\":null,"
                + "\"approveConfigDigest\":null,\"domains\":null,\"commit\":\"abc1234\",\"includeData\":true,\"publicKey\":null,\"title\":null,"
                + "\"expiresAt\":null,\"requestedBy\":\"bob\"}");
        String push = UUID.randomUUID().toString();
        for (int i = 0; i < 2; i++) {
            send(Topics.GIT, "/slipway/ssh-gateway", project, "dev.slipway.tier-push.accepted.v1", "{\"pushId\":\"" + push + "\",\"projectId\":\""
                    + project + "\",\"environmentId\":\"staging\",\"commit\":\"def5678\",\"previousCommit\":null,\"pushedBy\":\"bob\","
                    + "\"fingerprint\":\"SHA256:x\",\"grantId\":\"g\"}");
        }
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> deployments(project, "").size() == 2);
        Map<String, Object> production = deployments(project, "?environment=production").get(0);
        assertThat(production).containsEntry("trigger", "TICKET").containsEntry("ticketId", ticket).containsEntry("commit", "abc1234")
                .as("an approval without an attempt comes from before retries: the first").containsEntry("ticketAttempt", 1);
        assertThat(deployments(project, "?environment=staging")).singleElement().satisfies(staging ->
                assertThat(staging).containsEntry("ticketId", null).containsEntry("ticketAttempt", null));

        // The staging one is cancelled when the tier is gone; here: when its environment is deactivated.
        send(Topics.ENVIRONMENTS, "/slipway/environment-service", project, "dev.slipway.environment.deactivated.v1", "{\"projectId\":\"" + project
                + "\",\"environmentId\":\"staging\",\"type\":\"STAGING\",\"status\":\"INACTIVE\",\"branch\":\"master\",\"parentId\":null,"
                + "\"trigger\":\"environment.deactivate\",\"activityId\":null,\"by\":\"alice\"}");
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> "CANCELLED".equals(deployments(project, "?environment=staging").get(0).get("state")));
    }

    @Test
    void membersCancelPerRoleAndAFinishedDeploymentAnswers409() {
        String project = projectOf("alice");
        addMember(project, "vic", "viewer");
        addMember(project, "cora", "contributor");
        deploymentRequested(project, "master", UUID.randomUUID().toString(), "PUSH");
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> deployments(project, "").size() == 1);
        String id = (String) deployments(project, "").get(0).get("id");
        String path = "/api/v1/projects/" + project + "/deployments/" + id;
        given().header("Authorization", TestTokens.bearer("vic")).when().post(path + "/cancel").then().statusCode(403);
        given().header("Authorization", TestTokens.bearer("mallory")).when().get(path).then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("cora")).when().post(path + "/cancel").then().statusCode(200)
                .body("state", equalTo("CANCELLED")).body("detail", equalTo("cancelled by cora")).body("cancellable", equalTo(false));
        given().header("Authorization", TestTokens.bearer("cora")).when().post(path + "/cancel").then().statusCode(409)
                .contentType("application/problem+json");
        given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/projects/" + project + "/deployments/nope").then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/projects/" + project + "/deployments?limit=0").then().statusCode(400);
        assertThat(deployments(project, "?state=QUEUED")).isEmpty();
    }
}
