package dev.slipway.environment;

import static dev.slipway.environment.Api.createProject;
import static dev.slipway.environment.Api.delete;
import static dev.slipway.environment.Api.get;
import static dev.slipway.environment.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

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
import org.junit.jupiter.api.Test;

/** ENV-9 project access, project settings (ENV-3 limit), ETags (API-5) and idempotent creation (API-6). */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class ProjectsAndMembersTest {

    private static String members(String project) {
        return "/api/v1/projects/" + project + "/members";
    }

    @Test
    void adminAddsChangesAndRemovesMembersAndEachChangeIsAnEvent() {
        String project = createProject("alice");
        post("alice", members(project), "{\"userId\":\"bob\",\"role\":\"viewer\"}").statusCode(201).body("role", equalTo("viewer"));
        get("bob", "/api/v1/projects/" + project).statusCode(200);
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"role\":\"contributor\"}")
                .when().patch(members(project) + "/bob").then().statusCode(200).body("role", equalTo("contributor"));
        get("alice", members(project)).statusCode(200).body("items.userId", hasItem("bob"));
        delete("alice", members(project) + "/bob").statusCode(204);
        get("bob", "/api/v1/projects/" + project).statusCode(404);
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(KafkaProbe.ofType("dev.slipway.project.member-added.v1", project), Duration.ofSeconds(60));
            probe.await(KafkaProbe.ofType("dev.slipway.project.member-role-changed.v1", project), Duration.ofSeconds(60));
            probe.await(KafkaProbe.ofType("dev.slipway.project.member-removed.v1", project), Duration.ofSeconds(60));
        }
    }

    @Test
    void theLastAdminCanBeNeitherDemotedNorRemoved() {
        String project = createProject("alice");
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"role\":\"viewer\"}")
                .when().patch(members(project) + "/alice").then().statusCode(409).body("type", equalTo("urn:slipway:problem:last-admin"))
                .body("rule", equalTo("ENV-9"));
        delete("alice", members(project) + "/alice").statusCode(409).body("type", equalTo("urn:slipway:problem:last-admin"));
        post("alice", members(project), "{\"userId\":\"carol\",\"role\":\"admin\"}").statusCode(201);
        delete("carol", members(project) + "/alice").statusCode(204);
        get("carol", members(project)).body("items.userId", not(hasItem("alice")));
    }

    @Test
    void addingAnExistingMemberConflictsAndBadRolesAreRefused() {
        String project = createProject("alice");
        post("alice", members(project), "{\"userId\":\"alice\",\"role\":\"viewer\"}").statusCode(409).body("type", equalTo("urn:slipway:problem:member-exists"));
        post("alice", members(project), "{\"userId\":\"dave\",\"role\":\"owner\"}").statusCode(400).body("violations[0].field", equalTo("role"))
                .body("rule", nullValue());
        post("alice", members(project), "{\"userId\":\"\",\"role\":\"viewer\"}").statusCode(400).body("violations[0].field", equalTo("userId"));
        get("alice", members(project) + "/dave").statusCode(404).body("rule", nullValue());
    }

    @Test
    void staleIfMatchIsRefusedWith412AndChangesNothing() {
        String project = createProject("alice");
        String etag = get("alice", "/api/v1/projects/" + project).statusCode(200).extract().header("ETag");
        given().header("Authorization", TestTokens.bearer("alice")).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"title\":\"First\"}").when().patch("/api/v1/projects/" + project).then().statusCode(200).body("title", equalTo("First"));
        given().header("Authorization", TestTokens.bearer("alice")).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"title\":\"Second\"}").when().patch("/api/v1/projects/" + project).then().statusCode(412)
                .body("type", equalTo("urn:slipway:problem:precondition-failed")).body("rule", equalTo("API-5"));
        get("alice", "/api/v1/projects/" + project).body("title", equalTo("First"));

        post("alice", members(project), "{\"userId\":\"erin\",\"role\":\"viewer\"}").statusCode(201);
        String memberTag = get("alice", members(project) + "/erin").extract().header("ETag");
        given().header("Authorization", TestTokens.bearer("alice")).header("If-Match", memberTag).contentType(ContentType.JSON)
                .body("{\"role\":\"contributor\"}").when().patch(members(project) + "/erin").then().statusCode(200);
        given().header("Authorization", TestTokens.bearer("alice")).header("If-Match", memberTag).when().delete(members(project) + "/erin")
                .then().statusCode(412);
        get("alice", members(project) + "/erin").statusCode(200).body("role", equalTo("contributor"));
    }

    @Test
    void activeEnvironmentLimitIsOneToFifty() {
        String project = createProject("alice");
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"activeEnvironmentLimit\":0}")
                .when().patch("/api/v1/projects/" + project).then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"activeEnvironmentLimit\":\"lots\"}")
                .when().patch("/api/v1/projects/" + project).then().statusCode(400);
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"activeEnvironmentLimit\":50}")
                .when().patch("/api/v1/projects/" + project).then().statusCode(200).body("activeEnvironmentLimit", equalTo(50));
    }

    @Test
    void repeatedCreateWithTheSameIdempotencyKeyReturnsTheFirstResult() {
        String key = UUID.randomUUID().toString();
        String id = Api.newProjectId();
        String first = given().header("Authorization", TestTokens.bearer("alice")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\"}").when().post("/api/v1/projects").then().statusCode(201).extract().asString();
        String second = given().header("Authorization", TestTokens.bearer("alice")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\"}").when().post("/api/v1/projects").then().statusCode(201)
                .header("Idempotency-Replayed", "true").extract().asString();
        org.assertj.core.api.Assertions.assertThat(second).isEqualTo(first);
        given().header("Authorization", TestTokens.bearer("alice")).header("Idempotency-Key", key).contentType(ContentType.JSON)
                .body("{\"id\":\"" + Api.newProjectId() + "\"}").when().post("/api/v1/projects").then().statusCode(422)
                .body("type", equalTo("urn:slipway:problem:idempotency-key-reused")).body("rule", equalTo("API-6"));
    }

    @Test
    void usersListTheirProjectsAndSupportListsAll() {
        String mine = createProject("frank");
        String theirs = createProject("grace");
        get("frank", "/api/v1/projects?limit=200").statusCode(200).body("items.id", hasItem(mine)).body("items.id", not(hasItem(theirs)));
        get("sam", "/api/v1/projects?limit=1").statusCode(200).body("items.size()", equalTo(0));
        given().header("Authorization", TestTokens.bearer("sam", "support")).when().get("/api/v1/projects?limit=1").then().statusCode(200)
                .body("items.size()", equalTo(1)).body("next", org.hamcrest.Matchers.notNullValue());
        get("frank", "/api/v1/projects?limit=0").statusCode(400);
        get("frank", "/api/v1/projects?limit=lots").statusCode(400).body("violations[0].field", equalTo("limit"));
        get("frank", "/api/v1/projects?cursor=%%%").statusCode(400);
    }

    @Test
    void deletingAProjectRemovesItAndAnnouncesIt() {
        String project = createProject("alice");
        post("alice", members(project), "{\"userId\":\"bob\",\"role\":\"contributor\"}").statusCode(201);
        delete("bob", "/api/v1/projects/" + project).statusCode(403).body("type", equalTo("urn:slipway:problem:insufficient-role"))
                .body("rule", equalTo("SEC-2"));
        delete("alice", "/api/v1/projects/" + project).statusCode(204);
        get("alice", "/api/v1/projects/" + project).statusCode(404);
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(KafkaProbe.ofType("dev.slipway.project.deleted.v1", project), Duration.ofSeconds(60));
        }
    }
}
