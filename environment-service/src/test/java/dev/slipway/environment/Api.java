package dev.slipway.environment;

import static io.restassured.RestAssured.given;

import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.hamcrest.Matchers;

/** Calls of environment-service's API as a given user, shared by the tests. */
final class Api {

    private Api() {
    }

    static String newProjectId() {
        return "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }

    static String createProject(String admin) {
        String id = newProjectId();
        given().header("Authorization", TestTokens.bearer(admin)).contentType(ContentType.JSON).body("{\"id\":\"" + id + "\"}")
                .when().post("/api/v1/projects").then().statusCode(201);
        return id;
    }

    static ValidatableResponse post(String user, String path, String body) {
        var request = given().header("Authorization", TestTokens.bearer(user));
        if (body != null) {
            request = request.contentType(ContentType.JSON).body(body);
        }
        return request.when().post(path).then();
    }

    static ValidatableResponse get(String user, String path) {
        return given().header("Authorization", TestTokens.bearer(user)).when().get(path).then();
    }

    static ValidatableResponse delete(String user, String path) {
        return given().header("Authorization", TestTokens.bearer(user)).when().delete(path).then();
    }

    static String env(String project, String environment) {
        return "/api/v1/projects/" + project + "/environments/" + environment;
    }

    /** Branches {@code name} off {@code parent} and plays the git host so that the child becomes ACTIVE. */
    static void branchAndComplete(GitHostPlayer git, String user, String project, String parent, String name, String id) {
        post(user, env(project, parent) + "/branch", "{\"name\":\"" + name + "\"}").statusCode(202);
        git.complete(git.awaitRequest(project, "CREATE_BRANCH", name), "c0ffee" + id.hashCode());
        awaitStatus(user, project, id, "ACTIVE");
    }

    static void awaitStatus(String user, String project, String environment, String status) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                get(user, env(project, environment)).statusCode(200).body("status", Matchers.equalTo(status)));
    }

    static void awaitActivity(String user, String project, String activityId, String result) {
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                get(user, "/api/v1/projects/" + project + "/activities/" + activityId).statusCode(200)
                        .body("state", Matchers.equalTo("COMPLETE")).body("result", Matchers.equalTo(result)));
    }

    /** Plays ssh-gateway's ref.updated for a push of {@code branch} from {@code oldHead} to {@code newHead} (null: created or deleted). */
    static void push(String project, String branch, String oldHead, String newHead) {
        String data = "{\"projectId\":\"" + project + "\",\"branch\":\"" + branch + "\",\"oldHead\":" + quoted(oldHead)
                + ",\"newHead\":" + quoted(newHead) + ",\"pushedBy\":\"alice\"}";
        KafkaProbe.send(Topics.GIT, project, Map.of("id", UUID.randomUUID().toString(), "type", "dev.slipway.ref.updated.v1",
                "source", "/slipway/ssh-gateway"), data);
    }

    /** A first commit on a new project's master, applied: master now has something to deploy (DEP-1). */
    static void pushFirstCommit(String project, String head) {
        push(project, "master", null, head);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                get("alice", env(project, "master")).statusCode(200).body("headCommit", Matchers.equalTo(head)));
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }
}
