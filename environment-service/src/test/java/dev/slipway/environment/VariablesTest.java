package dev.slipway.environment;

import static dev.slipway.environment.Api.branchAndComplete;
import static dev.slipway.environment.Api.createProject;
import static dev.slipway.environment.Api.delete;
import static dev.slipway.environment.Api.env;
import static dev.slipway.environment.Api.get;
import static dev.slipway.environment.Api.post;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
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
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** VAR-1..4 and ENV-5 for settings, ENV-7's ADMIN_URL. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class VariablesTest {

    private GitHostPlayer git;
    private String project;

    @BeforeEach
    void setUp() {
        git = new GitHostPlayer();
        project = createProject("alice");
    }

    @AfterEach
    void tearDown() {
        git.close();
    }

    private String vars(String environment) {
        return environment == null ? "/api/v1/projects/" + project + "/variables" : env(project, environment) + "/variables";
    }

    @Test
    void effectiveVariablesFollowProjectThenInheritableAncestorsThenOwn() {
        branchAndComplete(git, "alice", project, "master", "parent", "parent");
        branchAndComplete(git, "alice", project, "parent", "child", "child");
        post("alice", vars(null), "{\"name\":\"SHARED\",\"value\":\"project\"}").statusCode(201);
        post("alice", vars(null), "{\"name\":\"ONLY_PROJECT\",\"value\":\"p\"}").statusCode(201);
        post("alice", vars("master"), "{\"name\":\"SHARED\",\"value\":\"master\"}").statusCode(201);
        post("alice", vars("parent"), "{\"name\":\"SHARED\",\"value\":\"parent\"}").statusCode(201);
        post("alice", vars("parent"), "{\"name\":\"PRIVATE\",\"value\":\"x\",\"inheritable\":false}").statusCode(201);
        post("alice", vars("child"), "{\"name\":\"OWN\",\"value\":\"c\"}").statusCode(201);
        post("alice", vars("child"), "{\"name\":\"OFF\",\"value\":\"c\",\"enabled\":false}").statusCode(201);

        get("alice", env(project, "child") + "/effective-variables").statusCode(200)
                .body("items.find { it.name == 'SHARED' }.value", equalTo("parent"))
                .body("items.find { it.name == 'SHARED' }.inherited", equalTo(true))
                .body("items.find { it.name == 'SHARED' }.source", equalTo("parent"))
                .body("items.find { it.name == 'ONLY_PROJECT' }.source", equalTo("project"))
                .body("items.find { it.name == 'OWN' }.inherited", equalTo(false))
                .body("items.find { it.name == 'PRIVATE' }", nullValue())
                .body("items.find { it.name == 'OFF' }", nullValue())
                .body("next", nullValue());
    }

    /** API-4: the effective view pages by name like every list; a page's cursor resumes after its last name. */
    @Test
    void effectiveVariablesArePagedByName() {
        branchAndComplete(git, "alice", project, "master", "paged", "paged");
        for (String name : java.util.List.of("D", "B", "E")) {
            post("alice", vars(null), "{\"name\":\"" + name + "\",\"value\":\"project\"}").statusCode(201);
        }
        post("alice", vars("paged"), "{\"name\":\"A\",\"value\":\"own\"}").statusCode(201);
        post("alice", vars("paged"), "{\"name\":\"C\",\"value\":\"own\"}").statusCode(201);
        post("alice", vars("paged"), "{\"name\":\"D\",\"value\":\"own\"}").statusCode(201);
        String effective = env(project, "paged") + "/effective-variables";

        java.util.List<String> names = new java.util.ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            io.restassured.path.json.JsonPath page = get("alice", effective + "?limit=2" + (cursor == null ? "" : "&cursor=" + cursor))
                    .statusCode(200).body("items.size()", org.hamcrest.Matchers.lessThanOrEqualTo(2)).extract().jsonPath();
            names.addAll(page.getList("items.name", String.class));
            cursor = page.getString("next");
            pages++;
        } while (cursor != null && pages < 10);
        org.assertj.core.api.Assertions.assertThat(names).containsExactly("A", "B", "C", "D", "E");
        org.assertj.core.api.Assertions.assertThat(pages).isEqualTo(3);
        get("alice", effective + "?limit=2").body("items.find { it.name == 'D' }", nullValue());
        get("alice", effective + "?limit=4").body("items.find { it.name == 'D' }.source", equalTo("paged"));

        get("alice", effective + "?limit=0").statusCode(400).body("violations[0].field", equalTo("limit"));
        get("alice", effective + "?cursor=!!!").statusCode(400).body("violations[0].field", equalTo("cursor"));
    }

    @Test
    void sensitiveValuesAreNeverReturnedButServicesGetThem() {
        Api.pushFirstCommit(project, "c0ffee1");
        post("alice", vars("master"), "{\"name\":\"env:STRIPE_KEY\",\"value\":\"sk_live_secret\",\"sensitive\":true}")
                .statusCode(201).body("value", nullValue()).body(not(containsString("sk_live_secret")));
        get("alice", vars("master") + "/env:STRIPE_KEY").statusCode(200).body("value", nullValue());
        get("alice", vars("master")).body(not(containsString("sk_live_secret")));
        get("alice", env(project, "master") + "/effective-variables").body(not(containsString("sk_live_secret")));
        get("alice", "/api/v1/internal/projects/" + project + "/environments/master/effective-variables").statusCode(403);
        given().header("Authorization", TestTokens.bearer("deployment-service", "service"))
                .when().get("/api/v1/internal/projects/" + project + "/environments/master/effective-variables")
                .then().statusCode(200).body("find { it.name == 'env:STRIPE_KEY' }.value", equalTo("sk_live_secret"));
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"sensitive\":false}")
                .when().patch(vars("master") + "/env:STRIPE_KEY").then().statusCode(409)
                .body("type", equalTo("urn:slipway:problem:sensitive-is-permanent"));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(record -> project.equals(record.key()) && record.value().contains("\"trigger\":\"VARIABLES\""), Duration.ofSeconds(60));
            org.assertj.core.api.Assertions.assertThat(probe.seen()).noneMatch(record -> record.value().contains("sk_live_secret"));
        }
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "name with a space          | {\"name\":\"BAD NAME\",\"value\":\"x\"}",
            "name with a slash          | {\"name\":\"a/b\",\"value\":\"x\"}",
            "empty name                 | {\"name\":\"\",\"value\":\"x\"}",
            "missing value              | {\"name\":\"A\"}",
            "invalid JSON value         | {\"name\":\"A\",\"value\":\"{not json\",\"json\":true}",
            "flag of the wrong type     | {\"name\":\"A\",\"value\":\"x\",\"sensitive\":\"yes please\"}",
            "unknown field              | {\"name\":\"A\",\"value\":\"x\",\"secret\":true}",
    })
    void badVariablesAreRefusedWithNothingChanged(String label, String body) {
        post("alice", vars("master"), body).statusCode(400).contentType("application/problem+json");
        get("alice", vars("master")).body("items", hasSize(0));
    }

    @Test
    void oversizeValuesAreRefused() {
        String bigJson = "{\\\"k\\\":\\\"" + "x".repeat(4100) + "\\\"}";
        post("alice", vars("master"), "{\"name\":\"J\",\"value\":\"" + bigJson + "\",\"json\":true}").statusCode(400)
                .body("detail", containsString("4 KiB"));
        post("alice", vars("master"), "{\"name\":\"V\",\"value\":\"" + "y".repeat(70_000) + "\"}").statusCode(400)
                .body("detail", containsString("64 KiB"));
        get("alice", vars("master")).body("items", hasSize(0));
    }

    @Test
    void stagingAndProductionSettingsNeedATicket() {
        post("alice", vars("staging"), "{\"name\":\"A\",\"value\":\"x\"}").statusCode(403)
                .body("type", equalTo("urn:slipway:problem:ticket-required")).body("detail", containsString("DEPLOYMENT_SETTINGS"));
        post("alice", vars("production"), "{\"name\":\"A\",\"value\":\"x\"}").statusCode(403)
                .body("detail", containsString("Production"));
        get("alice", vars("production")).statusCode(200).body("items", hasSize(0));
    }

    @Test
    void variablesCarryETagsAndStaleWritesAre412() {
        post("alice", vars(null), "{\"name\":\"A\",\"value\":\"1\"}").statusCode(201);
        String etag = get("alice", vars(null) + "/A").extract().header("ETag");
        given().header("Authorization", TestTokens.bearer("alice")).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"value\":\"2\"}").when().patch(vars(null) + "/A").then().statusCode(200).body("value", equalTo("2"));
        given().header("Authorization", TestTokens.bearer("alice")).header("If-Match", etag).contentType(ContentType.JSON)
                .body("{\"value\":\"3\"}").when().patch(vars(null) + "/A").then().statusCode(412);
        get("alice", vars(null) + "/A").body("value", equalTo("2"));
        post("alice", vars(null), "{\"name\":\"A\",\"value\":\"again\"}").statusCode(409);
        delete("alice", vars(null) + "/A").statusCode(204);
        get("alice", vars(null) + "/A").statusCode(404);
    }

    @Test
    void adminUrlVariableMovesTheAdminUrl() {
        post("alice", vars("master"), "{\"name\":\"ADMIN_URL\",\"value\":\"/backoffice\"}").statusCode(201);
        get("alice", env(project, "master")).body("urls.admin", equalTo("https://master-" + project + ".local.slipway.localhost/backoffice"));
    }

    @Test
    void aVariableChangeOnAnActiveIntegrationEnvironmentRedeploysIt() {
        Api.pushFirstCommit(project, "c0ffee1");
        post("alice", vars("master"), "{\"name\":\"FEATURE_FLAG\",\"value\":\"on\"}").statusCode(201);
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(record -> project.equals(record.key()) && record.value().contains("\"environmentId\":\"master\"")
                    && record.value().contains("\"trigger\":\"VARIABLES\""), Duration.ofSeconds(60));
        }
    }
}
