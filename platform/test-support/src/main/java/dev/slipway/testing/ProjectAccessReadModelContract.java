package dev.slipway.testing;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * ENV-9 / SEC-1 for a service that keeps its own copy of project access: membership events sent
 * to the real broker, as environment-service sends them, change who may do what in this service.
 * A service's test extends this class and adds {@code @QuarkusTest}.
 */
public abstract class ProjectAccessReadModelContract {

    private static final String TOPIC = "slipway.environments";
    private static final String SOURCE = "/slipway/environment-service";

    public static String newProjectId() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    public static void sendEvent(String project, String type, String data) {
        KafkaProbe.send(TOPIC, project, Map.of("id", UUID.randomUUID().toString(), "type", type, "source", SOURCE,
                "subject", "projects/" + project), data);
    }

    public static void sendProjectCreated(String project, String creator) {
        sendEvent(project, "dev.slipway.project.created.v1", "{\"projectId\":\"" + project + "\",\"title\":\"T\",\"createdBy\":\"" + creator
                + "\",\"activeEnvironmentLimit\":8,\"environments\":[],\"createdAt\":\"2026-11-26T10:00:00Z\"}");
    }

    /** Plays environment-service's member-added and waits until the service's copy knows the role. */
    public static void addMember(String project, String user, String role) {
        sendEvent(project, "dev.slipway.project.member-added.v1", "{\"projectId\":\"" + project + "\",\"userId\":\"" + user
                + "\",\"role\":\"" + role + "\",\"addedBy\":\"alice\"}");
        awaitRole(project, user, role);
    }

    /** The service's internal view of its own copy (API-8: internal, group service). */
    private static String memberPath(String project, String user) {
        return "/api/v1/internal/projects/" + project + "/members/" + user;
    }

    public static void awaitRole(String project, String user, String role) {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("contract-test", "service")).when().get(memberPath(project, user))
                        .then().statusCode(200).body("role", equalTo(role)));
    }

    public static void awaitNoAccess(String project, String user) {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("contract-test", "service")).when().get(memberPath(project, user))
                        .then().statusCode(404));
    }

    @Test
    void projectCreatorBecomesAdminFromTheCreatedEvent() {
        String project = newProjectId();
        awaitNoAccess(project, "alice");
        sendProjectCreated(project, "alice");
        awaitRole(project, "alice", "admin");
    }

    @Test
    void membershipEventsAddChangeAndRemoveRoles() {
        String project = newProjectId();
        sendProjectCreated(project, "alice");
        sendEvent(project, "dev.slipway.project.member-added.v1",
                "{\"projectId\":\"" + project + "\",\"userId\":\"bob\",\"role\":\"viewer\",\"addedBy\":\"alice\"}");
        awaitRole(project, "bob", "viewer");
        sendEvent(project, "dev.slipway.project.member-role-changed.v1",
                "{\"projectId\":\"" + project + "\",\"userId\":\"bob\",\"role\":\"contributor\",\"previousRole\":\"viewer\",\"changedBy\":\"alice\"}");
        awaitRole(project, "bob", "contributor");
        sendEvent(project, "dev.slipway.project.member-removed.v1",
                "{\"projectId\":\"" + project + "\",\"userId\":\"bob\",\"removedBy\":\"alice\"}");
        awaitNoAccess(project, "bob");
        awaitRole(project, "alice", "admin");
    }

    @Test
    void deletedProjectIsForgotten() {
        String project = newProjectId();
        sendProjectCreated(project, "alice");
        awaitRole(project, "alice", "admin");
        sendEvent(project, "dev.slipway.project.deleted.v1", "{\"projectId\":\"" + project + "\",\"deletedBy\":\"alice\"}");
        awaitNoAccess(project, "alice");
    }

    @Test
    void eventThatDoesNotMatchTheContractIsSkippedWithoutBlockingLaterOnes() {
        String project = newProjectId();
        sendEvent(project, "dev.slipway.project.member-added.v1", "{not json");
        sendProjectCreated(project, "alice");
        awaitRole(project, "alice", "admin");
    }
}
