package dev.slipway.gateway.support;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;

/**
 * What ssh-gateway's tests play on the real broker, as the other services would: environment-service
 * creating projects, environments and members; deployment-service reporting deployments;
 * ticket-service approving tickets. Plus the project's git folder.
 */
public final class GatewayWorld {

    private GatewayWorld() {
    }

    public static String newProjectId() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    /** environment-service: project.created with master, staging and production (ENV-1); waits until the gateway knows the creator. */
    public static String projectOwnedBy(String creator) {
        String project = newProjectId();
        send(Topics.ENVIRONMENTS, "/slipway/environment-service", project, "dev.slipway.project.created.v1", "projects/" + project,
                "{\"projectId\":\"" + project + "\",\"title\":\"T\",\"createdBy\":\"" + creator + "\",\"activeEnvironmentLimit\":8,"
                        + "\"environments\":[" + environment("master", "INTEGRATION", "ACTIVE", "master", null) + ","
                        + environment("staging", "STAGING", "ACTIVE", "master", null) + ","
                        + environment("production", "PRODUCTION", "ACTIVE", "master", null) + "],\"createdAt\":\"2026-11-27T10:00:00Z\"}");
        awaitRole(project, creator, "admin");
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> Files.exists(repository(project).resolve("HEAD")));
        return project;
    }

    /** environment-service: member-added (ENV-9); waits until the gateway applied it. */
    public static void addMember(String project, String user, String role) {
        send(Topics.ENVIRONMENTS, "/slipway/environment-service", project, "dev.slipway.project.member-added.v1", "projects/" + project,
                "{\"projectId\":\"" + project + "\",\"userId\":\"" + user + "\",\"role\":\"" + role + "\",\"addedBy\":\"alice\"}");
        awaitRole(project, user, role);
    }

    /** environment-service: member-removed (ENV-9); waits until the gateway applied it. */
    public static void removeMember(String project, String user) {
        send(Topics.ENVIRONMENTS, "/slipway/environment-service", project, "dev.slipway.project.member-removed.v1", "projects/" + project,
                "{\"projectId\":\"" + project + "\",\"userId\":\"" + user + "\",\"removedBy\":\"alice\"}");
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("gateway-test", "service")).when()
                        .get("/api/v1/internal/projects/" + project + "/members/" + user).then().statusCode(404));
    }

    /** environment-service: an Integration environment created (ENV-4, or by a push). */
    public static void environmentCreated(String project, String environment, String branch, String status) {
        send(Topics.ENVIRONMENTS, "/slipway/environment-service", project, "dev.slipway.environment.created.v1",
                "projects/" + project + "/environments/" + environment,
                "{\"projectId\":\"" + project + "\",\"environmentId\":\"" + environment + "\",\"type\":\"INTEGRATION\",\"status\":\"" + status
                        + "\",\"branch\":\"" + branch + "\",\"parentId\":\"master\",\"trigger\":\"environment.branch\",\"activityId\":null,\"by\":\"alice\"}");
    }

    /** deployment-service: deployment.succeeded of {@code commit} on an environment, with the app's access.ssh (null: not set). */
    public static void deploymentSucceeded(String project, String environment, String commit, String sshAccess) {
        String id = UUID.randomUUID().toString();
        send(Topics.DEPLOYMENTS, "/slipway/deployment-service", project, "dev.slipway.deployment.succeeded.v1",
                "projects/" + project + "/environments/" + environment + "/deployments/" + id,
                "{\"deploymentId\":\"" + id + "\",\"projectId\":\"" + project + "\",\"environmentId\":\"" + environment + "\",\"commit\":\"" + commit
                        + "\",\"trigger\":\"PUSH\",\"state\":\"SUCCEEDED\",\"phase\":null,\"nodes\":[],\"detail\":null,\"ticketId\":null,"
                        + "\"sshAccess\":" + (sshAccess == null ? "null" : "\"" + sshAccess + "\"") + "}");
    }

    /** ticket-service: an ADD_SSH_KEY ticket approved by carol (TKT-5); returns the ticket id. */
    public static String addSshKeyTicketApproved(String project, String environment, String requester, String publicKey, String expiresAt) {
        return approve(project, environment, requester, publicKey, expiresAt, "T-" + UUID.randomUUID().toString().substring(0, 8));
    }

    /** The same approval delivered again as a new event (a redelivery, or a republished event). */
    public static void addSshKeyTicketApprovedAgain(String project, String environment, String requester, String publicKey, String ticketId) {
        approve(project, environment, requester, publicKey, null, ticketId);
    }

    private static String approve(String project, String environment, String requester, String publicKey, String expiresAt, String ticketId) {
        send(Topics.TICKETS, "/slipway/ticket-service", project, "dev.slipway.ticket.approved.v1", "tickets/" + ticketId,
                "{\"ticketId\":\"" + ticketId + "\",\"projectId\":\"" + project + "\",\"environmentId\":\"" + environment
                        + "\",\"type\":\"ADD_SSH_KEY\",\"approvedBy\":\"carol\",\"variables\":null,\"approveConfigDigest\":null,\"domains\":null,"
                        + "\"commit\":null,\"includeData\":null,\"publicKey\":" + json(publicKey) + ",\"title\":\"ticket key\",\"expiresAt\":"
                        + (expiresAt == null ? "null" : json(expiresAt)) + ",\"requestedBy\":\"" + requester + "\"}");
        return ticketId;
    }

    public static void awaitRole(String project, String user, String role) {
        Awaitility.await().atMost(60, TimeUnit.SECONDS).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("gateway-test", "service")).when()
                        .get("/api/v1/internal/projects/" + project + "/members/" + user).then().statusCode(200).body("role", equalTo(role)));
    }

    /** The project's bare repository on the gateway's disk. */
    public static Path repository(String project) {
        return Path.of(System.getProperty(SlipwayTestResource.GIT_ROOT_PROPERTY)).resolve(project + ".git");
    }

    public static Path temporaryFolder(String prefix) {
        try {
            return Files.createTempDirectory(prefix);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String environment(String id, String type, String status, String branch, String parent) {
        return "{\"environmentId\":\"" + id + "\",\"type\":\"" + type + "\",\"status\":\"" + status + "\",\"branch\":\"" + branch
                + "\",\"parentId\":" + (parent == null ? "null" : "\"" + parent + "\"") + "}";
    }

    private static void send(String topic, String source, String key, String type, String subject, String data) {
        KafkaProbe.send(topic, key, Map.of("id", UUID.randomUUID().toString(), "type", type, "source", source, "subject", subject), data);
    }

    private static String json(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
    }

    /** A short wait bound for asynchronous effects. */
    public static final Duration PATIENCE = Duration.ofSeconds(60);
}
