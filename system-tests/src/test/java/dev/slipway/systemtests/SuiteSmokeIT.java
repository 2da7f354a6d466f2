package dev.slipway.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The harness works end to end: a project created through environment-service gets its repository
 * on ssh-gateway (ENV-1), a user's key registered through the gateway's API lets git push over SSH
 * (SSH-1, SSH-4), the push deploys master through deployment-service with the commit's hooks
 * (DEP-1, DEP-2, DEP-8), and environment-service shows the deployed commit (ENV-8).
 */
@ExtendWith(Suite.class)
class SuiteSmokeIT {

    private static final String APP_YAML = """
            name: smoke
            type: php:8.3
            hooks:
              build: |
                echo "systest build of tree $SLIPWAY_TREE_ID"
              deploy: |
                echo "systest deploy of $SLIPWAY_PROJECT-$SLIPWAY_ENVIRONMENT on node $SLIPWAY_NODE"
            """;

    @Test
    void aFirstPushToMasterOverSshIsDeployedAndShownAsMastersDeployedCommit(RunningSuite suite) {
        String project = suite.newProjectId();
        SuiteClient alice = suite.client("alice");
        alice.environmentService().body(Map.of("id", project, "title", "Smoke test")).post("/api/v1/projects").then().statusCode(201);
        // ENV-1: ssh-gateway creates the empty repository when it applies project.created.
        Awaitility.await("the repository of " + project).atMost(Suite.PATIENCE)
                .until(() -> alice.sshGateway().get("/api/v1/projects/{project}/repository", project).statusCode() == 200);

        GitUser git = suite.gitUser(alice);
        assertThat(git.fingerprint()).startsWith("SHA256:");
        WorkTree work = git.clone(project + ".git");
        String commit = work.write(".slipway/app.yaml", APP_YAML).write("index.html", "<h1>smoke</h1>\n").commit("First commit");
        GitResult push = work.push("origin", "HEAD:refs/heads/master").requireSuccess();
        assertThat(push.remoteLines()).contains("Slipway: deploying master at " + commit.substring(0, 7) + ".");

        Map<String, Object> deployment = Awaitility.await("a finished deployment of " + commit + " on master").atMost(Suite.PATIENCE)
                .until(() -> deploymentOf(alice, project, commit), found -> found.isPresent()
                        && !List.of("QUEUED", "RUNNING").contains(found.get().get("state"))).orElseThrow();
        assertThat(deployment.get("state")).as(deployment.toString()).isEqualTo("SUCCEEDED");
        assertThat(deployment.get("trigger")).isEqualTo("PUSH");

        String log = alice.deploymentService().get("/api/v1/projects/{project}/deployments/{id}/log", project, deployment.get("id"))
                .then().statusCode(200).extract().asString();
        assertThat(log).contains("systest build of tree ").contains("systest deploy of " + project + "-master on node 1");

        Awaitility.await("master's deployed commit").atMost(Suite.PATIENCE).untilAsserted(() -> {
            JsonPath master = alice.environmentService().get("/api/v1/projects/{project}/environments/master", project)
                    .then().statusCode(200).extract().jsonPath();
            assertThat(master.getString("deployedCommit")).isEqualTo(commit);
            assertThat(master.getString("headCommit")).isEqualTo(commit);
            assertThat(master.getString("latestDeployment.id")).isEqualTo(deployment.get("id"));
            assertThat(master.getString("latestDeployment.state")).isEqualTo("SUCCEEDED");
        });
    }

    /** The newest deployment of {@code commit} on master, as deployment-service lists it (newest first). */
    private static Optional<Map<String, Object>> deploymentOf(SuiteClient client, String project, String commit) {
        List<Map<String, Object>> items = client.deploymentService().queryParam("environment", "master")
                .get("/api/v1/projects/{project}/deployments", project).then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> commit.equals(item.get("commit"))).findFirst();
    }
}
