package dev.slipway.environment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ENV-1 and ENV-9 for project creation, through the real database and broker. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class ProjectCreationTest {

    private static String newProjectId() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    private static String create(String user, String body) {
        return given().header("Authorization", TestTokens.bearer(user)).contentType(ContentType.JSON).body(body)
                .when().post("/api/v1/projects").then().extract().asString();
    }

    @Test
    void creatingAProjectRecordsItsThreeEnvironmentsAndTheCreatorAsAdmin() {
        String id = newProjectId();
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"title\":\"My shop\"}")
                .when().post("/api/v1/projects")
                .then().statusCode(201)
                .header("Location", endsWith("/api/v1/projects/" + id))
                .body("id", equalTo(id))
                .body("activeEnvironmentLimit", equalTo(8))
                .body("environments.find { it.id == 'master' }.type", equalTo("INTEGRATION"))
                .body("environments.find { it.id == 'master' }.status", equalTo("ACTIVE"))
                .body("environments.find { it.id == 'staging' }.type", equalTo("STAGING"))
                .body("environments.find { it.id == 'staging' }.branch", equalTo("master"))
                .body("environments.find { it.id == 'production' }.type", equalTo("PRODUCTION"))
                .body("environments.find { it.id == 'production' }.branch", equalTo("master"));

        given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/projects/" + id + "/access")
                .then().statusCode(200).body("role", equalTo("admin"));
        given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/projects/" + id)
                .then().statusCode(200).body("environments.id", hasItem("production"));
    }

    @Test
    void projectCreatedIsPublishedAsACloudEventKeyedByProject() throws Exception {
        String id = newProjectId();
        create("alice", "{\"id\":\"" + id + "\"}");
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            ConsumerRecord<String, String> record = probe.await(KafkaProbe.ofType("dev.slipway.project.created.v1", id), Duration.ofSeconds(60));
            assertThat(KafkaProbe.header(record, "ce_specversion")).isEqualTo("1.0");
            assertThat(KafkaProbe.header(record, "ce_source")).isEqualTo("/slipway/environment-service");
            assertThat(KafkaProbe.header(record, "ce_subject")).isEqualTo("projects/" + id);
            assertThat(UUID.fromString(KafkaProbe.header(record, "ce_id"))).isNotNull();
            assertThat(KafkaProbe.header(record, "ce_time")).isNotBlank();
            JsonNode data = new ObjectMapper().readTree(record.value());
            assertThat(data.get("projectId").asText()).isEqualTo(id);
            assertThat(data.get("createdBy").asText()).isEqualTo("alice");
            assertThat(data.get("environments")).hasSize(3);
        }
    }

    @ParameterizedTest(name = "id \"{0}\" is refused")
    @ValueSource(strings = {"ab", "Shop", "1shop", "my-shop", "shop_1", "a234567890123456789012345678901234", " shop", ""})
    void projectIdOutsideEnv1IsRefusedAndNothingIsCreated(String id) {
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\"}")
                .when().post("/api/v1/projects")
                .then().statusCode(400).contentType("application/problem+json")
                .body("violations.field", hasItem("id"))
                .body("detail", containsString("lowercase"));
        if (!id.isBlank()) {
            given().header("Authorization", TestTokens.bearer("alice", "support")).when().get("/api/v1/projects/" + id.strip())
                    .then().statusCode(404);
        }
    }

    @Test
    void secondProjectWithTheSameIdIsAConflict() {
        String id = newProjectId();
        create("alice", "{\"id\":\"" + id + "\"}");
        given().header("Authorization", TestTokens.bearer("bob")).contentType(ContentType.JSON).body("{\"id\":\"" + id + "\"}")
                .when().post("/api/v1/projects")
                .then().statusCode(409).body("type", equalTo("urn:slipway:problem:project-exists"));
        given().header("Authorization", TestTokens.bearer("bob")).when().get("/api/v1/projects/" + id + "/access").then().statusCode(404);
    }

    @Test
    void activeEnvironmentLimitOutsideOneToFiftyIsRefused() {
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON)
                .body("{\"id\":\"" + newProjectId() + "\",\"activeEnvironmentLimit\":51}")
                .when().post("/api/v1/projects")
                .then().statusCode(400).body("violations.field", hasItem("activeEnvironmentLimit"));
    }

    @Test
    void onlyMembersAndSupportSeeAProject() {
        String id = newProjectId();
        create("alice", "{\"id\":\"" + id + "\"}");
        given().header("Authorization", TestTokens.bearer("mallory")).when().get("/api/v1/projects/" + id).then().statusCode(404);
        given().header("Authorization", TestTokens.bearer("sam", "support")).when().get("/api/v1/projects/" + id).then().statusCode(200);
        given().when().get("/api/v1/projects/" + id).then().statusCode(401);
    }

    @Test
    void servesOpenApiHealthAndMetrics() {
        given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/projects"))
                .body(containsString("urn:slipway:problem:active-environment-limit")).body(containsString("\"412\""));
        given().when().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
        given().when().get("/q/health/live").then().statusCode(200);
        given().when().get("/q/metrics").then().statusCode(200).body(containsString("slipway_outbox_published"));
        given().when().get("/q/swagger-ui/").then().statusCode(200);
    }

    /**
     * API-7, API-8: a browser's write through the one origin carries that origin's Origin header and
     * the proxy's X-Forwarded-Host and -Proto: it is same-origin, answered as usual, and its Location
     * names the one origin. An origin neither configured nor the request's own is refused.
     */
    @Test
    void aBrowserWriteThroughTheOneOriginIsSameOriginAndAForeignOriginIsRefused() {
        String id = newProjectId();
        given().header("Authorization", TestTokens.bearer("alice")).header("Origin", "http://console.example:8080")
                .header("X-Forwarded-Host", "console.example:8080").header("X-Forwarded-Proto", "http")
                .contentType(ContentType.JSON).body("{\"id\":\"" + id + "\",\"title\":\"Through the origin\"}")
                .when().post("/api/v1/projects")
                .then().statusCode(201).header("Location", equalTo("http://console.example:8080/api/v1/projects/" + id));

        given().header("Authorization", TestTokens.bearer("alice")).header("Origin", "http://elsewhere.example")
                .contentType(ContentType.JSON).body("{\"id\":\"" + newProjectId() + "\",\"title\":\"Foreign\"}")
                .when().post("/api/v1/projects")
                .then().statusCode(403);

        given().header("Authorization", TestTokens.bearer("alice")).header("Origin", "http://localhost:3000")
                .when().get("/api/v1/projects/" + id)
                .then().statusCode(200).header("Access-Control-Allow-Origin", equalTo("http://localhost:3000"));
    }
}
