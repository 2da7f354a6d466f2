package dev.slipway.environment;

import static dev.slipway.environment.Api.awaitActivity;
import static dev.slipway.environment.Api.awaitStatus;
import static dev.slipway.environment.Api.branchAndComplete;
import static dev.slipway.environment.Api.createProject;
import static dev.slipway.environment.Api.delete;
import static dev.slipway.environment.Api.env;
import static dev.slipway.environment.Api.get;
import static dev.slipway.environment.Api.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ENV-2, ENV-4..8: environment operations through the real database and broker, the git host played by the test. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class EnvironmentOperationsTest {

    @Inject
    DataSource dataSource;

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

    @Test
    void branchCreatesADirtyChildThatBecomesActiveWhenTheGitHostCreatedTheBranch() {
        String activity = post("alice", env(project, "master") + "/branch", "{\"name\":\"Feature/Checkout_v2\",\"title\":\"Checkout\"}")
                .statusCode(202)
                .header("Location", containsString("/api/v1/projects/" + project + "/activities/"))
                .body("type", equalTo("environment.branch"))
                .body("state", equalTo("IN_PROGRESS"))
                .extract().path("id");
        get("alice", env(project, "feature-checkout-v2")).statusCode(200)
                .body("status", equalTo("DIRTY")).body("parent", equalTo("master")).body("branch", equalTo("Feature/Checkout_v2"));

        JsonNode request = git.awaitRequest(project, "CREATE_BRANCH", "Feature/Checkout_v2");
        assertThat(request.get("baseBranch").asText()).isEqualTo("master");
        git.complete(request, "abc123");

        awaitActivity("alice", project, activity, "SUCCESS");
        get("alice", env(project, "feature-checkout-v2")).statusCode(200)
                .body("status", equalTo("ACTIVE")).body("headCommit", equalTo("abc123")).body("title", equalTo("Checkout"));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(record -> project.equals(record.key())
                    && "dev.slipway.environment.deployment-requested.v1".equals(KafkaProbe.header(record, "ce_type"))
                    && record.value().contains("\"trigger\":\"BRANCH\"") && record.value().contains("\"dataFrom\":\"master\""), Duration.ofSeconds(60));
        }
    }

    @Test
    void aBranchOfAParentWithoutCommitsDeploysNothingUntilAFirstPush() throws SQLException {
        String activity = post("alice", env(project, "master") + "/branch", "{\"name\":\"empty-child\"}").statusCode(202).extract().path("id");
        git.complete(git.awaitRequest(project, "CREATE_BRANCH", "empty-child"), null);

        awaitActivity("alice", project, activity, "SUCCESS");
        get("alice", "/api/v1/projects/" + project + "/activities/" + activity).body("log", containsString("nothing is deployed until a first push"));
        get("alice", env(project, "empty-child")).statusCode(200)
                .body("status", equalTo("ACTIVE")).body("headCommit", nullValue()).body("latestDeployment", nullValue());
        // A deployment request would have been committed with the activity's success, in one transaction (EVT-1).
        try (Connection connection = dataSource.getConnection();
                PreparedStatement count = connection.prepareStatement(
                        "SELECT count(*) FROM outbox_event WHERE kafka_key = ? AND type = 'dev.slipway.environment.deployment-requested.v1'")) {
            count.setString(1, project);
            try (ResultSet rows = count.executeQuery()) {
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).as("deployment requests of project %s", project).isZero();
            }
        }
    }

    @Test
    void branchThatTheGitHostRefusesIsRemovedAndItsActivityFails() {
        String activity = post("alice", env(project, "master") + "/branch", "{\"name\":\"doomed\"}").statusCode(202).extract().path("id");
        git.fail(git.awaitRequest(project, "CREATE_BRANCH", "doomed"), "branch already exists in git", List.of());
        awaitActivity("alice", project, activity, "FAILURE");
        get("alice", env(project, "doomed")).statusCode(404);
        get("alice", "/api/v1/projects/" + project + "/activities/" + activity).body("log", containsString("branch already exists in git"));
    }

    @ParameterizedTest(name = "branch name \"{0}\" is refused")
    @ValueSource(strings = {"has space", "a..b", "x{y}", "feat*", "-lead", "end/", "trail.", "x.lock", "a<b", "a&b", "100%", "(paren)",
            "this-branch-name-is-much-too-long-for-an-id"})
    void invalidBranchNamesAreRefusedAndNothingIsCreated(String name) {
        post("alice", env(project, "master") + "/branch", "{\"name\":\"" + name + "\"}")
                .statusCode(400).contentType("application/problem+json").body("type", equalTo("urn:slipway:problem:invalid-branch-name"));
        get("alice", "/api/v1/projects/" + project + "/environments").body("items", hasSize(3));
    }

    @ParameterizedTest(name = "branch \"{0}\" would take a reserved id")
    @ValueSource(strings = {"staging", "Production", "STAGING"})
    void reservedEnvironmentIdsAreRefused(String name) {
        post("alice", env(project, "master") + "/branch", "{\"name\":\"" + name + "\"}")
                .statusCode(400).body("type", equalTo("urn:slipway:problem:reserved-environment-id"));
    }

    @Test
    void twoBranchesGivingTheSameIdConflict() {
        post("alice", env(project, "master") + "/branch", "{\"name\":\"feature/a\"}").statusCode(202);
        post("alice", env(project, "master") + "/branch", "{\"name\":\"feature_a\"}")
                .statusCode(409).body("type", equalTo("urn:slipway:problem:environment-exists"));
    }

    @Test
    void branchNeedsANameAndAnActiveParent() {
        post("alice", env(project, "master") + "/branch", "{}").statusCode(400).body("violations[0].field", equalTo("name"));
        branchAndComplete(git, "alice", project, "master", "sleepy", "sleepy");
        post("alice", env(project, "sleepy") + "/deactivate", null).statusCode(202);
        post("alice", env(project, "sleepy") + "/branch", "{\"name\":\"child\"}")
                .statusCode(409).body("type", equalTo("urn:slipway:problem:parent-not-active"));
    }

    @Test
    void repeatedBranchWithTheSameIdempotencyKeyReturnsTheFirstActivity() {
        String key = UUID.randomUUID().toString();
        String first = given().header("Authorization", TestTokens.bearer("alice"))
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"name\":\"once\"}")
                .when().post(env(project, "master") + "/branch").then().statusCode(202).extract().path("id");
        String second = given().header("Authorization", TestTokens.bearer("alice"))
                .header("Idempotency-Key", key).contentType(ContentType.JSON).body("{\"name\":\"once\"}")
                .when().post(env(project, "master") + "/branch").then().statusCode(202).extract().path("id");
        assertThat(second).isEqualTo(first);
        get("alice", "/api/v1/projects/" + project + "/activities?type=environment.branch").body("items", hasSize(1));
    }

    @Test
    void oversizedBodyIsRefusedWith413AndNothingIsCreated() {
        post("alice", env(project, "master") + "/branch", "{\"name\":\"big\",\"title\":\"" + "x".repeat(1_100_000) + "\"}")
                .statusCode(413).contentType("application/problem+json");
        get("alice", env(project, "big")).statusCode(404);
    }

    @Test
    void mergeNeedsAParent() {
        post("alice", env(project, "master") + "/merge", null)
                .statusCode(409).body("detail", equalTo("The environment does not have a parent, so it cannot be merged"));
    }

    @Test
    void mergeAsksTheGitHostAndRedeploysTheParent() {
        branchAndComplete(git, "alice", project, "master", "feature", "feature");
        String activity = post("alice", env(project, "feature") + "/merge", null).statusCode(202).extract().path("id");
        get("alice", env(project, "feature")).body("status", equalTo("DIRTY"));
        JsonNode request = git.awaitRequest(project, "MERGE", "feature");
        assertThat(request.get("baseBranch").asText()).isEqualTo("master");
        git.complete(request, "merge999");
        awaitActivity("alice", project, activity, "SUCCESS");
        get("alice", env(project, "master")).body("headCommit", equalTo("merge999"));
        get("alice", env(project, "feature")).body("status", equalTo("ACTIVE"));
    }

    @Test
    void mergeConflictFailsTheActivityWithTheConflictingPaths() {
        branchAndComplete(git, "alice", project, "master", "clash", "clash");
        String activity = post("alice", env(project, "clash") + "/merge", null).statusCode(202).extract().path("id");
        git.fail(git.awaitRequest(project, "MERGE", "clash"), "merge conflict", List.of("app/etc/env.php", "composer.lock"));
        awaitActivity("alice", project, activity, "FAILURE");
        get("alice", "/api/v1/projects/" + project + "/activities/" + activity)
                .body("log", containsString("app/etc/env.php")).body("log", containsString("composer.lock"));
        get("alice", env(project, "clash")).body("status", equalTo("ACTIVE"));
    }

    @Test
    void syncNeedsCodeOrData() {
        branchAndComplete(git, "alice", project, "master", "s1", "s1");
        post("alice", env(project, "s1") + "/sync", "{\"code\":false,\"data\":false}")
                .statusCode(400).body("detail", equalTo("Nothing to synchronize: you must specify data or code"));
    }

    @Test
    void syncOfCodeMergesTheParentIn() {
        branchAndComplete(git, "alice", project, "master", "s2", "s2");
        String activity = post("alice", env(project, "s2") + "/sync", "{\"code\":true,\"data\":true}").statusCode(202).extract().path("id");
        JsonNode request = git.awaitRequest(project, "SYNC", "s2");
        assertThat(request.get("baseBranch").asText()).isEqualTo("master");
        git.complete(request, "synced1");
        awaitActivity("alice", project, activity, "SUCCESS");
        get("alice", env(project, "s2")).body("headCommit", equalTo("synced1"));
    }

    @Test
    void syncOfDataOnlyCompletesWithADeploymentRequest() {
        branchAndComplete(git, "alice", project, "master", "s3", "s3");
        String activity = post("alice", env(project, "s3") + "/sync", "{\"data\":true}").statusCode(202).extract().path("id");
        awaitActivity("alice", project, activity, "SUCCESS");
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(record -> project.equals(record.key())
                    && "dev.slipway.environment.deployment-requested.v1".equals(KafkaProbe.header(record, "ce_type"))
                    && record.value().contains("\"environmentId\":\"s3\"") && record.value().contains("\"trigger\":\"SYNC\"")
                    && record.value().contains("\"dataFrom\":\"master\"") && record.value().contains("\"activityId\":\"" + activity + "\""),
                    Duration.ofSeconds(60));
        }
    }

    @Test
    void activationAndDeactivationFollowTheStatus() {
        post("alice", env(project, "master") + "/activate", null)
                .statusCode(409).body("detail", equalTo("Active environments cannot be activated"));
        post("alice", env(project, "master") + "/deactivate", null)
                .statusCode(409).body("detail", containsString("master environment cannot be deactivated"));
        branchAndComplete(git, "alice", project, "master", "toggle", "toggle");
        post("alice", env(project, "toggle") + "/deactivate", null).statusCode(202).body("result", equalTo("SUCCESS"));
        get("alice", env(project, "toggle")).body("status", equalTo("INACTIVE"));
        post("alice", env(project, "toggle") + "/deactivate", null)
                .statusCode(409).body("detail", equalTo("Inactive environments cannot be deactivated"));
        post("alice", env(project, "toggle") + "/activate", null).statusCode(202);
        get("alice", env(project, "toggle")).body("status", equalTo("ACTIVE"));
    }

    @Test
    void deleteNeedsAnInactiveEnvironmentAndRemovesTheBranch() {
        branchAndComplete(git, "alice", project, "master", "gone", "gone");
        delete("alice", env(project, "gone")).statusCode(409).body("detail", equalTo("Active environments cannot be deleted"));
        post("alice", env(project, "gone") + "/deactivate", null).statusCode(202);
        String activity = delete("alice", env(project, "gone")).statusCode(202).extract().path("id");
        get("alice", env(project, "gone")).body("status", equalTo("DELETING"));
        git.complete(git.awaitRequest(project, "DELETE_BRANCH", "gone"), null);
        awaitActivity("alice", project, activity, "SUCCESS");
        get("alice", env(project, "gone")).statusCode(404);
        delete("alice", env(project, "master")).statusCode(409);
    }

    @Test
    void deleteWithKeepBranchRemovesTheEnvironmentAtOnce() {
        branchAndComplete(git, "alice", project, "master", "keep", "keep");
        post("alice", env(project, "keep") + "/deactivate", null).statusCode(202);
        delete("alice", env(project, "keep") + "?keepBranch=true").statusCode(202).body("result", equalTo("SUCCESS"));
        get("alice", env(project, "keep")).statusCode(404);
    }

    @Test
    void anEnvironmentWithAGitOperationUnderWayRefusesAnotherOperation() {
        branchAndComplete(git, "alice", project, "master", "busy", "busy");
        post("alice", env(project, "busy") + "/merge", null).statusCode(202);
        post("alice", env(project, "busy") + "/redeploy", null).statusCode(409).body("type", equalTo("urn:slipway:problem:operation-in-progress"));
        post("alice", env(project, "busy") + "/deactivate", null).statusCode(409);
    }

    @ParameterizedTest(name = "{0} is not available on staging or production")
    @ValueSource(strings = {"branch", "merge", "sync", "activate", "deactivate"})
    void stagingAndProductionRefuseIntegrationOperations(String operation) {
        String body = operation.equals("branch") ? "{\"name\":\"x\"}" : operation.equals("sync") ? "{\"code\":true}" : null;
        post("alice", env(project, "staging") + "/" + operation, body)
                .statusCode(409).body("type", equalTo("urn:slipway:problem:operation-not-available"))
                .body("detail", containsString("Staging"));
        post("alice", env(project, "production") + "/" + operation, body)
                .statusCode(409).body("detail", containsString("Production"));
        delete("alice", env(project, "production")).statusCode(409).body("type", equalTo("urn:slipway:problem:operation-not-available"));
    }

    @Test
    void aRedeployOfStagingOrProductionTakesATicket() {
        for (String tier : List.of("staging", "production")) {
            post("alice", env(project, tier) + "/redeploy", null).statusCode(403)
                    .body("type", equalTo("urn:slipway:problem:ticket-required")).body("detail", containsString("DEPLOY ticket"));
        }
    }

    @Test
    void environmentsShowHardwareAndUrls() {
        get("alice", env(project, "master")).statusCode(200)
                .body("hardware.kind", equalTo("shared")).body("hardware.nodes", equalTo(1))
                .body("urls.store", equalTo("https://master-" + project + ".local.slipway.localhost/"))
                .body("urls.admin", equalTo("https://master-" + project + ".local.slipway.localhost/admin"))
                .body("urls.git", equalTo("ssh://git@127.0.0.1:2222/" + project + ".git"))
                .body("urls.ssh", equalTo("ssh://" + project + "-master@127.0.0.1:2222"));
        get("alice", env(project, "staging")).statusCode(200)
                .body("hardware.kind", equalTo("dedicated")).body("hardware.nodes", equalTo(1))
                .body("urls.store", equalTo("https://staging-" + project + ".local.slipway.localhost/"))
                .body("urls.git", equalTo("ssh://git@127.0.0.1:2222/" + project + "-staging.git"));
        get("alice", env(project, "production")).statusCode(200)
                .body("hardware.nodes", equalTo(3)).body("nodes", hasSize(3))
                .body("urls.store", equalTo("https://" + project + ".local.slipway.localhost/"))
                .body("urls.git", equalTo("ssh://git@127.0.0.1:2222/" + project + "-production.git"))
                .body("latestDeployment", nullValue());
    }

    @Test
    void environmentListFiltersByTypeAndStatus() {
        get("alice", "/api/v1/projects/" + project + "/environments?type=STAGING").statusCode(200)
                .body("items", hasSize(1)).body("items[0].id", equalTo("staging"));
        get("alice", "/api/v1/projects/" + project + "/environments?type=integration&status=ACTIVE").statusCode(200).body("items", hasSize(1));
        get("alice", "/api/v1/projects/" + project + "/environments?type=CLOUD").statusCode(400).body("violations[0].field", equalTo("type"));
        get("alice", "/api/v1/projects/" + project + "/environments?limit=2").statusCode(200)
                .body("items", hasSize(2)).body("next", org.hamcrest.Matchers.notNullValue());
    }
}
