package dev.slipway.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.deployment.config.RunnerConfig;
import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.runner.Cancellation;
import dev.slipway.deployment.service.DeploymentQueue;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.platform.client.ServicesConfig;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * DEP-3: a cancel stops a running deployment, its hook's whole process tree included, and the
 * thread that ran it goes on to the next; SEC-4: a called service that is away makes the
 * deployment wait in the queue, not fail. The pipeline runs on a thread of the test's, and the
 * test plays the worker's heartbeat (the tests run without workers).
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class CancelAndOutageTest {

    private final ExecutorService worker = Executors.newSingleThreadExecutor();

    @Inject
    PipelineRuns runs;

    @Inject
    DeploymentQueue queue;

    @Inject
    RunnerConfig runner;

    @Inject
    ServicesConfig services;

    @AfterEach
    void stopTheWorker() {
        worker.shutdownNow();
    }

    private static ServedProject served(Hooks hooks) {
        return ServedProject.withMaster(hooks.files()).variables("master");
    }

    /** Whether the process runs: it exists and is not a zombie waiting for a parent to reap it. */
    private static boolean running(long pid) throws IOException {
        Path stat = Path.of("/proc", Long.toString(pid), "stat");
        try {
            String text = Files.readString(stat);
            return text.charAt(text.lastIndexOf(')') + 2) != 'Z';
        } catch (java.nio.file.NoSuchFileException gone) {
            return false;
        }
    }

    @Test
    void cancellingThroughTheApiStopsTheRunningBuildHookAndItsChildren() throws Exception {
        Path pidFile = Files.createTempDirectory("slipway-cancel-").resolve("sleep.pid");
        ServedProject project = served(new Hooks("sleep 300 &\necho $! > " + pidFile + "\nwait", "echo deployed", null));
        ProjectAccessReadModelContract.sendProjectCreated(project.id(), "alice");
        ProjectAccessReadModelContract.awaitRole(project.id(), "alice", "admin");
        Deployment queued = runs.enqueue(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH));
        Cancellation cancellation = new Cancellation();
        Future<Deployment> run = worker.submit(() -> runs.run(queued.id(), cancellation));

        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() -> Files.exists(pidFile) && !Files.readString(pidFile).isBlank());
        long sleep = Long.parseLong(Files.readString(pidFile).strip());
        assertThat(running(sleep)).as("the build hook's child runs").isTrue();
        given().header("Authorization", TestTokens.bearer("alice")).when()
                .post("/api/v1/projects/" + project.id() + "/deployments/" + queued.id() + "/cancel")
                .then().statusCode(200).body("state", equalTo("CANCELLED")).body("detail", equalTo("cancelled by alice during BUILD"));
        runs.heartbeat(queued.id(), cancellation);

        Deployment cancelled = run.get(60, TimeUnit.SECONDS);
        assertThat(cancelled.state()).isEqualTo(DeploymentState.CANCELLED);
        assertThat(cancelled.detail()).isEqualTo("cancelled by alice during BUILD");
        Awaitility.await().atMost(30, TimeUnit.SECONDS).until(() -> !running(sleep));
        assertThat(runs.logOf(cancelled)).doesNotContain("[DEPLOY]");
        assertThat(runner.root().resolve(project.id()).resolve("master/nodes/1/current")).doesNotExist();
    }

    @Test
    void aDeploymentCancelledWhileValidateWaitsStopsBeforeBuildingAndItsThreadGoesOn() throws Exception {
        Hooks hooks = new Hooks("echo built", "echo deployed", null);
        ServedProject project = served(hooks);
        CompletableFuture<Void> asked = new CompletableFuture<>();
        CompletableFuture<Void> answer = new CompletableFuture<>();
        project.onVariables("master", request -> {
            asked.complete(null);
            answer.thenRun(() -> request.response().putHeader("Content-Type", "application/json").end("[]"));
        });
        Deployment queued = runs.enqueue(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH));
        Cancellation cancellation = new Cancellation();
        Future<Boolean> interruptedAfterwards = worker.submit(() -> {
            runs.run(queued.id(), cancellation);
            return Thread.interrupted();
        });

        asked.get(60, TimeUnit.SECONDS);
        queue.cancel(project.id(), queued.id(), "alice");
        runs.heartbeat(queued.id(), cancellation);
        answer.complete(null);

        // A worker whose thread were left interrupted would stop claiming deployments for good.
        assertThat(interruptedAfterwards.get(60, TimeUnit.SECONDS)).as("the thread that ran the pipeline is left interrupted").isFalse();
        Deployment cancelled = runs.reload(queued.id());
        assertThat(cancelled.state()).isEqualTo(DeploymentState.CANCELLED);
        assertThat(cancelled.detail()).isEqualTo("cancelled by alice during VALIDATE");
        assertThat(runner.root().resolve(project.id()).resolve("master/releases")).as("BUILD never started").doesNotExist();
    }

    @Test
    void environmentServiceAwayForAWhileMakesTheDeploymentWaitInTheQueueThenSucceed() {
        ServedProject project = served(new Hooks("echo \"built with $GREETING\"", "echo deployed", null));
        // Away for one whole call (every attempt of it) and the first attempt of the next.
        project.variablesAwayFor(services.retry().maxAttempts() + 1, "master", ServedProject.variable("env:GREETING", "hello"));
        Deployment queued = runs.enqueue(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH));

        Deployment waiting = runs.run(queued.id(), new Cancellation());
        assertThat(waiting.state()).as(waiting.detail()).isEqualTo(DeploymentState.QUEUED);
        assertThat(waiting.detail()).isNull();
        assertThat(runs.logOf(waiting)).contains("environment-service is unavailable after").contains("the deployment waits and is retried");

        Deployment done = runs.run(queued.id(), new Cancellation());
        assertThat(done.state()).as(done.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(runs.logOf(done)).contains("[BUILD] built with hello");
    }
}
