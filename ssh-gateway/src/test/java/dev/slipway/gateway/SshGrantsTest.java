package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import dev.slipway.events.Topics;
import dev.slipway.gateway.support.GatewayWorld;
import dev.slipway.gateway.support.SshClient;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * SSH-2 and TKT-5: approved ADD_SSH_KEY tickets (played on the real broker until ticket-service
 * exists) become grants, answered with the grant id or why not; admins list and revoke them.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class SshGrantsTest {

    private static final String FULFILLED = "dev.slipway.access.ticket-fulfilled.v1";

    private static ConsumerRecord<String, String> answerTo(KafkaProbe probe, String project, String ticketId) {
        return probe.await(record -> record.key().equals(project) && FULFILLED.equals(KafkaProbe.header(record, "ce_type"))
                && record.value().contains("\"" + ticketId + "\""), Duration.ofSeconds(60));
    }

    private static io.restassured.specification.RequestSpecification as(String user, String... groups) {
        return given().header("Authorization", TestTokens.bearer(user, groups)).contentType(ContentType.JSON);
    }

    @Test
    void anApprovedTicketRegistersTheKeyCreatesTheGrantAndAnswersWithItsIdOnce() {
        String project = GatewayWorld.projectOwnedBy("alice");
        String bob = "bob" + project;
        GatewayWorld.addMember(project, bob, "contributor");
        SshClient.KeyPairFiles key = SshClient.generate("ed25519", null);
        String expiry = Instant.now().plus(Duration.ofDays(30)).toString();
        String ticketId;
        ConsumerRecord<String, String> answer;
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ACCESS)) {
            ticketId = GatewayWorld.addSshKeyTicketApproved(project, "production", bob, key.publicLine(), expiry);
            answer = answerTo(probe, project, ticketId);
            probe.await(record -> "dev.slipway.ssh-grant.created.v1".equals(KafkaProbe.header(record, "ce_type")) && record.key().equals(project),
                    Duration.ofSeconds(60));
        }
        assertThat(answer.value()).contains("\"success\":true").contains("\"ticketType\":\"ADD_SSH_KEY\"");
        String grantId = answer.value().replaceAll(".*\"resultId\":\"([^\"]+)\".*", "$1");
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-grants").then().statusCode(200).body("items", hasSize(1))
                .body("items[0].id", equalTo(grantId)).body("items[0].userId", equalTo(bob)).body("items[0].state", equalTo("ACTIVE"))
                .body("items[0].environmentId", equalTo("production")).body("items[0].ticketId", equalTo(ticketId));
        // The key became bob's, and the project's admin sees what it reaches and how.
        as(bob).when().get("/api/v1/ssh-keys").then().statusCode(200).body("items", hasSize(1));
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-keys").then().statusCode(200)
                .body("items.find { it.userId == '" + bob + "' }.reaches.through", hasItem("grant"))
                .body("items.find { it.userId == '" + bob + "' }.reaches.environmentId", hasItem("production"));

        // The same approval again (a redelivery with a new event id) is answered with the same grant, never a second one.
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ACCESS)) {
            GatewayWorld.addSshKeyTicketApprovedAgain(project, "production", bob, key.publicLine(), ticketId);
            assertThat(answerTo(probe, project, ticketId).value()).contains(grantId);
        }
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-grants").then().statusCode(200).body("items", hasSize(1));
    }

    @Test
    void failuresAreAnsweredWithTheReason() {
        String project = GatewayWorld.projectOwnedBy("alice");
        String bob = "bob" + project;
        GatewayWorld.addMember(project, bob, "contributor");
        SshClient.KeyPairFiles alicesKey = SshClient.generate("ed25519", null);
        as("alice").body(Map.of("publicKey", alicesKey.publicLine())).when().post("/api/v1/ssh-keys").then().statusCode(201);
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ACCESS)) {
            String owned = GatewayWorld.addSshKeyTicketApproved(project, "production", bob, alicesKey.publicLine(), null);
            assertThat(answerTo(probe, project, owned).value()).contains("\"success\":false").contains("another user");
            String invalid = GatewayWorld.addSshKeyTicketApproved(project, "staging", bob, SshClient.generate("rsa", 1024).publicLine(), null);
            assertThat(answerTo(probe, project, invalid).value()).contains("\"success\":false").contains("SSH-1").contains("2048 bits");
            String integration = GatewayWorld.addSshKeyTicketApproved(project, "master", bob, SshClient.generate("ed25519", null).publicLine(), null);
            assertThat(answerTo(probe, project, integration).value()).contains("\"success\":false").contains("self-service");
            String stranger = GatewayWorld.addSshKeyTicketApproved(project, "staging", "mallory", SshClient.generate("ed25519", null).publicLine(), null);
            assertThat(answerTo(probe, project, stranger).value()).contains("\"success\":false").contains("not a member");
            String expired = GatewayWorld.addSshKeyTicketApproved(project, "staging", bob, SshClient.generate("ed25519", null).publicLine(),
                    "2020-01-01T00:00:00Z");
            assertThat(answerTo(probe, project, expired).value()).contains("\"success\":false").contains("already passed");
        }
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-grants").then().statusCode(200).body("items", hasSize(0));
        // A refused ticket registered no key for bob.
        as(bob).when().get("/api/v1/ssh-keys").then().statusCode(200).body("items", hasSize(0));
    }

    @Test
    void anAdminRevokesAGrantAndOnlyAdminsSeeThem() {
        String project = GatewayWorld.projectOwnedBy("alice");
        String bob = "bob" + project;
        GatewayWorld.addMember(project, bob, "contributor");
        String ticketId;
        String grantId;
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ACCESS)) {
            ticketId = GatewayWorld.addSshKeyTicketApproved(project, "staging", bob, SshClient.generate("ed25519", null).publicLine(), "2099-12-31");
            grantId = answerTo(probe, project, ticketId).value().replaceAll(".*\"resultId\":\"([^\"]+)\".*", "$1");
        }
        as(bob).when().get("/api/v1/projects/" + project + "/ssh-grants").then().statusCode(403);
        as(bob).when().delete("/api/v1/projects/" + project + "/ssh-grants/" + grantId).then().statusCode(403);
        as("mallory").when().get("/api/v1/projects/" + project + "/ssh-grants").then().statusCode(404);
        as("carol", "support").when().get("/api/v1/projects/" + project + "/ssh-grants/" + grantId).then().statusCode(200)
                .body("expiresAt", equalTo("2100-01-01T00:00:00Z"));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ACCESS)) {
            as("alice").when().delete("/api/v1/projects/" + project + "/ssh-grants/" + grantId).then().statusCode(204);
            probe.await(record -> "dev.slipway.ssh-grant.revoked.v1".equals(KafkaProbe.header(record, "ce_type")) && record.value().contains(grantId),
                    Duration.ofSeconds(60));
        }
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-grants/" + grantId).then().statusCode(200)
                .body("state", equalTo("REVOKED")).body("revokedBy", equalTo("alice"));
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-grants?state=ACTIVE").then().statusCode(200).body("items", hasSize(0));
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-grants?state=REVOKED").then().statusCode(200).body("items", hasSize(1));
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-grants?state=GONE").then().statusCode(400)
                .body("detail", containsString("ACTIVE"));
        as("alice").when().get("/api/v1/projects/" + project + "/ssh-grants/nope").then().statusCode(404);
    }
}
