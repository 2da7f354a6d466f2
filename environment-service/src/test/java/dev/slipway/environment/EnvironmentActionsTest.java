package dev.slipway.environment;

import static dev.slipway.environment.Api.createProject;
import static dev.slipway.environment.Api.delete;
import static dev.slipway.environment.Api.env;
import static dev.slipway.environment.Api.get;
import static dev.slipway.environment.Api.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static dev.slipway.testing.NextActions.refusal;

import dev.slipway.testing.NextActions;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * An environment's view says what the caller may do next (SEC-2, ENV-3, ENV-4, ENV-5, DEP-1,
 * DEP-6): every operation allowed, or refused with exactly the problem its endpoint answers, which
 * each test checks by trying every refused one.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class EnvironmentActionsTest {

    @Test
    void masterOfANewProjectCanOnlyBeBranchedAndTheViewSaysWhyNotTheRest() {
        String project = createProject("alice");
        Map<String, Map<String, Object>> actions = checkedActions("alice", project, "master");

        assertThat(actions.keySet()).containsExactly("branch", "merge", "sync", "activate", "deactivate", "redeploy", "delete");
        assertThat(actions.get("branch")).containsEntry("allowed", true).containsEntry("refusal", null);
        assertThat(refusal(actions, "merge")).containsEntry("rule", "ENV-4").containsEntry("type", "urn:slipway:problem:no-parent");
        assertThat(refusal(actions, "activate")).containsEntry("detail", "Active environments cannot be activated");
        assertThat(refusal(actions, "deactivate")).containsEntry("type", "urn:slipway:problem:master-environment");
        assertThat(refusal(actions, "redeploy")).containsEntry("rule", "DEP-1").containsEntry("status", 409);
        assertThat(refusal(actions, "delete")).containsEntry("detail", "The master environment cannot be deleted.");
    }

    @Test
    void productionRefusesEveryOperationAndRedeploysOnlyThroughATicket() {
        String project = createProject("alice");
        Map<String, Map<String, Object>> actions = checkedActions("alice", project, "production");

        actions.forEach((name, action) -> assertThat(action).as(name).containsEntry("allowed", false));
        assertThat(refusal(actions, "branch")).containsEntry("rule", "ENV-5").containsEntry("type", "urn:slipway:problem:operation-not-available");
        assertThat(refusal(actions, "redeploy")).containsEntry("rule", "DEP-6").containsEntry("status", 403)
                .containsEntry("type", "urn:slipway:problem:ticket-required");
    }

    @Test
    void theCallersRoleComesFirstAndTheActiveEnvironmentLimitRefusesABranch() {
        String project = createProject("alice");
        post("alice", "/api/v1/projects/" + project + "/members", "{\"userId\":\"bob\",\"role\":\"viewer\"}").statusCode(201);
        Map<String, Map<String, Object>> viewer = checkedActions("bob", project, "master");
        viewer.forEach((name, action) -> assertThat(refusal(viewer, name)).as(name).containsEntry("rule", "SEC-2")
                .containsEntry("type", "urn:slipway:problem:insufficient-role"));
        assertThat(refusal(viewer, "merge")).containsEntry("detail", "This needs the admin role on project " + project + "; you are viewer.");

        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"activeEnvironmentLimit\":1}")
                .when().patch("/api/v1/projects/" + project).then().statusCode(200);
        Map<String, Map<String, Object>> full = checkedActions("alice", project, "master");
        assertThat(refusal(full, "branch")).containsEntry("rule", "ENV-3").containsEntry("type", "urn:slipway:problem:active-environment-limit");
    }

    /** The view's actions by name, each refused one tried as {@code user} (NextActions.checked). */
    private static Map<String, Map<String, Object>> checkedActions(String user, String project, String environment) {
        List<Map<String, Object>> actions = get(user, env(project, environment)).statusCode(200).extract().path("actions");
        return NextActions.checked(actions, name -> attempt(user, project, environment, name));
    }

    private static ValidatableResponse attempt(String user, String project, String environment, String action) {
        String path = env(project, environment);
        return switch (action) {
            case "branch" -> post(user, path + "/branch", "{\"name\":\"tryout\"}");
            case "sync" -> post(user, path + "/sync", "{\"code\":true}");
            case "delete" -> delete(user, path);
            default -> post(user, path + "/" + action, null);
        };
    }
}
