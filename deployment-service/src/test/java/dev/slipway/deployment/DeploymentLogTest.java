package dev.slipway.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.DeploymentRequest;
import dev.slipway.deployment.domain.LogLine;
import dev.slipway.deployment.runner.Cancellation;
import dev.slipway.deployment.service.DeploymentLogs;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.events.deployment.DeploymentPhase;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** DEP-8: the log as text and as server-sent events that follow a deployment to its end, resumable. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class DeploymentLogTest {

    @Inject
    DeploymentQueue queue;

    @Inject
    DeploymentLogs logs;

    @Inject
    PipelineRuns runs;

    private String project;

    private Deployment deploymentWithLog() {
        project = ProjectAccessReadModelContract.newProjectId();
        ProjectAccessReadModelContract.sendProjectCreated(project, "alice");
        ProjectAccessReadModelContract.awaitRole(project, "alice", "admin");
        Deployment deployment = QuarkusTransaction.requiringNew().call(() -> queue.enqueue(new DeploymentRequest(project, "master", "master",
                null, DeploymentTrigger.PUSH, null, null, null, null, "alice")));
        logs.append(deployment.id(), List.of(new LogLine(0, Instant.parse("2026-11-27T10:00:00Z"), DeploymentPhase.BUILD, null, "out", "building"),
                new LogLine(0, Instant.parse("2026-11-27T10:00:01Z"), DeploymentPhase.DEPLOY, 2, "err", "deploy hook said no")));
        return deployment;
    }

    private String path(Deployment deployment) {
        return "/api/v1/projects/" + project + "/deployments/" + deployment.id();
    }

    @Test
    void theLogReadsAsTextTaggedByPhaseAndNode() {
        Deployment deployment = deploymentWithLog();
        String text = given().header("Authorization", TestTokens.bearer("alice")).when().get(path(deployment) + "/log").then().statusCode(200)
                .contentType("text/plain").extract().asString();
        assertThat(text).isEqualTo("2026-11-27T10:00:00Z [BUILD] building\n2026-11-27T10:00:01Z [DEPLOY] [node 2] ! deploy hook said no\n");
        given().header("Authorization", TestTokens.bearer("mallory")).when().get(path(deployment) + "/log").then().statusCode(404);
    }

    @Test
    void theStreamFollowsNewLinesUntilTheDeploymentEndsAndResumesFromLastEventId() throws Exception {
        Deployment deployment = deploymentWithLog();
        CompletableFuture<String> followed = CompletableFuture.supplyAsync(() -> given().header("Authorization", TestTokens.bearer("alice"))
                .header("Accept", "text/event-stream").when().get(path(deployment) + "/log/stream").then().statusCode(200).extract().asString());
        // A line written while the client follows reaches it; the stream ends when the deployment does.
        logs.append(deployment.id(), List.of(new LogLine(0, Instant.now(), DeploymentPhase.POST_DEPLOY, null, "out", "done")));
        QuarkusTransaction.requiringNew().run(() -> queue.cancel(project, deployment.id(), "alice"));
        String events = followed.get(60, TimeUnit.SECONDS);
        assertThat(events).contains("id:1", "id:2", "id:3").contains("event:line").contains("deploy hook said no").contains("\"node\":2")
                .contains("event:end").contains("\"state\":\"CANCELLED\"");
        String resumed = given().header("Authorization", TestTokens.bearer("alice")).header("Accept", "text/event-stream")
                .header("Last-Event-ID", "2").when().get(path(deployment) + "/log/stream").then().statusCode(200).extract().asString();
        assertThat(resumed).doesNotContain("id:1").doesNotContain("id:2").contains("id:3").contains("event:end");
        given().header("Authorization", TestTokens.bearer("alice")).header("Accept", "text/event-stream").header("Last-Event-ID", "x")
                .when().get(path(deployment) + "/log/stream").then().statusCode(400);
    }

    /**
     * DEP-8: a follower sees a running hook's lines as they come, not when its step ends: the hook
     * prints a line, then waits for the test's hold file; the line must be in the log meanwhile.
     */
    @Test
    void aRunningHooksLinesReachTheLogWhileItStillRuns() throws Exception {
        Path hold = Files.createTempDirectory("slipway-live-log-").resolve("hold");
        Files.writeString(hold, "");
        ServedProject served = ServedProject.withMaster(new Hooks("echo built", "echo 'first line, the hook goes on'\nwhile [ -e " + hold
                + " ]; do sleep 0.1; done\necho 'second line'", null).files()).variables("master");
        ProjectAccessReadModelContract.sendProjectCreated(served.id(), "alice");
        ProjectAccessReadModelContract.awaitRole(served.id(), "alice", "admin");
        Deployment queued = runs.enqueue(PipelineRuns.integration(served.id(), "master", DeploymentTrigger.PUSH));
        ExecutorService worker = Executors.newSingleThreadExecutor();
        try {
            Future<Deployment> run = worker.submit(() -> runs.run(queued.id(), new Cancellation()));
            Awaitility.await("the first line while the hook waits").atMost(60, TimeUnit.SECONDS)
                    .until(() -> runs.logOf(queued).contains("first line, the hook goes on"));
            assertThat(runs.logOf(queued)).doesNotContain("second line");
            assertThat(runs.reload(queued.id()).state()).isEqualTo(DeploymentState.RUNNING);
            Files.delete(hold);
            Deployment done = run.get(60, TimeUnit.SECONDS);
            assertThat(done.state()).isEqualTo(DeploymentState.SUCCEEDED);
            assertThat(runs.logOf(done)).containsSubsequence("first line, the hook goes on", "second line");
        } finally {
            Files.deleteIfExists(hold);
            worker.shutdownNow();
        }
    }
}
