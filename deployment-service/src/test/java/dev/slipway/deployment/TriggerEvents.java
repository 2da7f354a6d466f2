package dev.slipway.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import java.util.Map;
import java.util.UUID;

/** The events other services send deployment-service, played on the real broker as they send them (docs/events.md). */
final class TriggerEvents {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TriggerEvents() {
    }

    /** ticket-service: a DEPLOYMENT_SETTINGS ticket approving {@code digest} on {@code environment} (CFG-3, TKT-1). */
    static void configurationApproved(String project, String environment, String ticketId, String digest) {
        ObjectNode ticket = JSON.createObjectNode().put("ticketId", ticketId).put("projectId", project).put("environmentId", environment)
                .put("type", "DEPLOYMENT_SETTINGS").put("approvedBy", "carol").put("approveConfigDigest", digest).put("requestedBy", "bob");
        ticket.putArray("variables");
        ticket.putNull("domains").putNull("commit").putNull("includeData").putNull("publicKey").putNull("title").putNull("expiresAt");
        send(Topics.TICKETS, "/slipway/ticket-service", project, "dev.slipway.ticket.approved.v1", ticket);
    }

    /**
     * ticket-service: approval {@code attempt} of DEPLOY ticket {@code ticketId} for {@code commit} on
     * {@code environment} (TKT-1; the first approval is attempt 1, each retry of a FAILED ticket one more, TKT-3).
     */
    static void deployApproved(String project, String environment, String ticketId, String commit, int attempt) {
        ObjectNode ticket = JSON.createObjectNode().put("ticketId", ticketId).put("projectId", project).put("environmentId", environment)
                .put("type", "DEPLOY").put("approvedBy", "carol").put("commit", commit).put("includeData", false).put("requestedBy", "bob")
                .put("attempt", attempt);
        ticket.putArray("variables");
        ticket.putNull("approveConfigDigest").putNull("domains").putNull("publicKey").putNull("title").putNull("expiresAt");
        send(Topics.TICKETS, "/slipway/ticket-service", project, "dev.slipway.ticket.approved.v1", ticket);
    }

    /**
     * environment-service: approved DEPLOYMENT_SETTINGS ticket {@code ticketId} changed a tier's
     * variables, and the tier redeploys {@code commit}, the one it runs (DEP-6, VAR-4).
     */
    static void settingsRedeployRequested(String project, String environment, String ticketId, String commit, int attempt) {
        ObjectNode request = JSON.createObjectNode().put("projectId", project).put("environmentId", environment).put("branch", "master")
                .put("commit", commit).put("trigger", "TICKET").putNull("dataFrom").putNull("activityId").put("requestedBy", "carol")
                .put("ticketId", ticketId).put("ticketAttempt", attempt);
        send(Topics.ENVIRONMENTS, "/slipway/environment-service", project, "dev.slipway.environment.deployment-requested.v1", request);
    }

    /** environment-service: {@code environment} was deactivated (ENV-4). */
    static void deactivated(String project, String environment, String type) {
        ObjectNode changed = JSON.createObjectNode().put("projectId", project).put("environmentId", environment).put("type", type)
                .put("status", "INACTIVE").put("branch", environment).putNull("parentId").put("trigger", "environment.deactivate")
                .putNull("activityId").put("by", "alice");
        send(Topics.ENVIRONMENTS, "/slipway/environment-service", project, "dev.slipway.environment.deactivated.v1", changed);
    }

    private static void send(String topic, String source, String project, String type, ObjectNode data) {
        KafkaProbe.send(topic, project, Map.of("id", UUID.randomUUID().toString(), "type", type, "source", source, "subject", "projects/" + project),
                data.toString());
    }
}
