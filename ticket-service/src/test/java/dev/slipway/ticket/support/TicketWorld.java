package dev.slipway.ticket.support;

import static io.restassured.RestAssured.given;

import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;
import java.util.Map;
import java.util.UUID;

/** A project with its members, and the other services' events about it, played against the running ticket-service. */
public final class TicketWorld {

    public final String project = ProjectAccessReadModelContract.newProjectId();

    public TicketWorld() {
        ServiceStandIns.start();
        ProjectAccessReadModelContract.sendProjectCreated(project, "alice");
        ProjectAccessReadModelContract.awaitRole(project, "alice", "admin");
    }

    public TicketWorld member(String user, String role) {
        ProjectAccessReadModelContract.addMember(project, user, role);
        return this;
    }

    public static RequestSpecification as(String user, String... groups) {
        return given().header("Authorization", TestTokens.bearer(user, groups)).contentType(ContentType.JSON);
    }

    public static RequestSpecification support(String user) {
        return as(user, "support");
    }

    public ValidatableResponse open(String user, String type, String environment, String payloadJson) {
        return as(user).body("{\"type\":\"" + type + "\",\"projectId\":\"" + project + "\",\"environmentId\":\"" + environment
                + "\",\"subject\":\"Please\"" + (payloadJson == null ? "" : ",\"payload\":" + payloadJson) + "}")
                .when().post("/api/v1/tickets").then();
    }

    public String openId(String user, String type, String environment, String payloadJson) {
        return open(user, type, environment, payloadJson).log().ifValidationFails().statusCode(201).extract().path("id");
    }

    /** Plays deployment-service: a deployment event of this project. */
    public void deployment(String event, String deploymentId, String environment, String commit, String state, String phase, String detail,
            String ticketId, Integer attempt) {
        send("slipway.deployments", "/slipway/deployment-service", UUID.randomUUID().toString(), "dev.slipway.deployment." + event + ".v1",
                "{\"deploymentId\":\"" + deploymentId + "\",\"projectId\":\"" + project + "\",\"environmentId\":\"" + environment + "\",\"commit\":"
                        + q(commit) + ",\"trigger\":\"" + (ticketId == null ? "PUSH" : "TICKET") + "\",\"state\":\"" + state + "\",\"phase\":"
                        + q(phase) + ",\"nodes\":[],\"detail\":" + q(detail) + ",\"ticketId\":" + q(ticketId) + ",\"sshAccess\":null,\"ticketAttempt\":"
                        + attempt + "}");
    }

    /** Plays environment-service's or ssh-gateway's answer to an approved ticket; {@code eventId} lets a test repeat one. */
    public void fulfilled(String topic, String source, String type, String eventId, String ticketId, String ticketType, boolean success, String detail,
            String resultId, int attempt) {
        send(topic, source, eventId, type, "{\"ticketId\":\"" + ticketId + "\",\"projectId\":\"" + project + "\",\"environmentId\":\"production\","
                + "\"ticketType\":\"" + ticketType + "\",\"success\":" + success + ",\"detail\":" + q(detail) + ",\"resultId\":" + q(resultId)
                + ",\"attempt\":" + attempt + "}");
    }

    public void send(String topic, String source, String eventId, String type, String data) {
        KafkaProbe.send(topic, project, Map.of("id", eventId, "type", type, "source", source, "subject", "projects/" + project), data);
    }

    private static String q(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
