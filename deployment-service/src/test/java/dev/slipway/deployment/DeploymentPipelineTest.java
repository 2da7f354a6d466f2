package dev.slipway.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.events.Topics;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * DEP-2, DEP-5, DEP-8, DEP-10 end to end inside deployment-service: a real git commit (served as the
 * gateway's internal interface serves it, from `git archive` and `git show`), variables with a
 * sensitive one, real bash hooks on the local runner, Production's three nodes.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class DeploymentPipelineTest {

    private static final String APP_YAML = """
            name: shop
            type: php:8.3
            access:
              ssh: contributor
            mounts:
              var: {source: local, source_path: var}
            hooks:
              build: |
                echo "building $SLIPWAY_TREE_ID with $GREETING"
                echo "the secret is $API_KEY"
                echo built > build-evidence
              deploy: |
                echo "deploying on node $SLIPWAY_NODE"
                if [ "$SLIPWAY_ENVIRONMENT" = production ] && [ "$SLIPWAY_NODE" = 2 ]; then echo "node 2 says no" >&2; exit 3; fi
                echo "$SLIPWAY_NODE" >> var/deployed-nodes
              post_deploy: |
                echo "post-deploy on $SLIPWAY_ENVIRONMENT"
            """;

    private static TestRepository repository;
    private static String commit;

    @Inject
    PipelineRuns runs;

    @BeforeAll
    static void aRepository() {
        repository = TestRepository.create();
        commit = repository.commit("first", Map.of(".slipway/app.yaml", APP_YAML, "index.php", "<?php echo 'hello';\n"));
    }

    /** A new project whose master is the commit, with a plain and a sensitive variable on each of {@code environments}. */
    private static ServedProject served(String... environments) {
        ServedProject project = new ServedProject(repository).head("master", commit);
        for (String environment : environments) {
            project.variables(environment, ServedProject.variable("env:GREETING", "hello"), ServedProject.sensitive("env:API_KEY", "sk-live-5ecret"));
        }
        return project;
    }

    private Deployment runToTheEnd(String project, String environment, DeploymentTrigger trigger, String commitOrNull) {
        return runs.runToTheEnd(trigger == DeploymentTrigger.TICKET ? PipelineRuns.ticket(project, environment, commitOrNull)
                : PipelineRuns.integration(project, environment, trigger));
    }

    private String logOf(Deployment deployment) {
        return runs.logOf(deployment);
    }

    @Test
    void aPushDeploysMasterThroughEveryPhaseWithMaskedSecretsAndTheAppsSshAccess() throws Exception {
        String project = served("master").id();
        Deployment done;
        try (KafkaProbe probe = KafkaProbe.reading(Topics.DEPLOYMENTS)) {
            done = runToTheEnd(project, "master", DeploymentTrigger.PUSH, null);
            String succeeded = probe.await(KafkaProbe.ofType("dev.slipway.deployment.succeeded.v1", project), Duration.ofSeconds(60)).value();
            assertThat(succeeded).contains("\"sshAccess\":\"contributor\"").contains("\"node\":1").contains(commit);
            assertThat(probe.seen().stream().filter(record -> project.equals(record.key())).map(record -> KafkaProbe.header(record, "ce_type"))
                    .toList()).contains("dev.slipway.deployment.started.v1", "dev.slipway.deployment.phase-changed.v1");
        }
        assertThat(done.state()).as(done.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(done.commit()).isEqualTo(commit);
        assertThat(done.configDigest()).startsWith("sha256:");
        String log = logOf(done);
        assertThat(log).contains("[BUILD]").contains("building").contains("with hello").contains("[DEPLOY] [node 1] deploying on node 1")
                .contains("[POST_DEPLOY]").contains("post-deploy on master").contains("the secret is ****").doesNotContain("sk-live-5ecret");
        Path data = Path.of("target/releases").resolve(project).resolve("master").resolve("data");
        assertThat(Files.readString(data.resolve("var/deployed-nodes")).strip()).isEqualTo("1");
    }

    @io.quarkus.test.common.http.TestHTTPResource("/")
    java.net.URI base;

    /** What an exec session gave back: stdout, stderr and the exit frame. */
    record Exec(String stdout, String stderr, String exit) {
    }

    /** Opens the exec interface as the gateway does (docs/exec-interface.md) and runs {@code command} to its end. */
    private Exec exec(String project, String environment, String token, String command) throws Exception {
        java.util.concurrent.CompletableFuture<Exec> done = new java.util.concurrent.CompletableFuture<>();
        StringBuilder out = new StringBuilder();
        StringBuilder err = new StringBuilder();
        java.net.URI uri = java.net.URI.create("ws://" + base.getHost() + ":" + base.getPort() + dev.slipway.platform.exec.ExecFrames.path(project, environment));
        java.net.http.WebSocket socket = java.net.http.HttpClient.newHttpClient().newWebSocketBuilder().header("Authorization", token)
                .buildAsync(uri, new java.net.http.WebSocket.Listener() {
                    @Override
                    public java.util.concurrent.CompletionStage<?> onBinary(java.net.http.WebSocket ws, java.nio.ByteBuffer data, boolean last) {
                        dev.slipway.platform.exec.ExecFrames.Data frame = dev.slipway.platform.exec.ExecFrames.data(data);
                        (frame.stream() == dev.slipway.platform.exec.ExecFrames.STDOUT ? out : err).append(new String(frame.bytes(), StandardCharsets.UTF_8));
                        ws.request(1);
                        return null;
                    }

                    @Override
                    public java.util.concurrent.CompletionStage<?> onText(java.net.http.WebSocket ws, CharSequence text, boolean last) {
                        done.complete(new Exec(out.toString(), err.toString(), text.toString()));
                        return null;
                    }
                }).get(30, java.util.concurrent.TimeUnit.SECONDS);
        socket.sendText(dev.slipway.platform.exec.ExecFrames.encode(new dev.slipway.platform.exec.ExecRequest("s-1", "alice", command, false,
                null, null, null, 1, java.util.Map.of("FROM_CLIENT", "yes"))), true);
        return done.get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    @Test
    void theExecInterfaceRunsCommandsInTheDeployedReleaseWithItsVariables() throws Exception {
        String project = served("master").id();
        assertThat(runToTheEnd(project, "master", DeploymentTrigger.PUSH, null).state()).isEqualTo(DeploymentState.SUCCEEDED);
        Exec run = exec(project, "master", dev.slipway.testing.TestTokens.bearer("gateway", "service"),
                "echo \"$GREETING from $SLIPWAY_ENVIRONMENT node $SLIPWAY_NODE, client $FROM_CLIENT\"; ls; echo oops >&2; exit 3");
        assertThat(run.stdout()).contains("hello from master node 1, client yes").contains("index.php");
        assertThat(run.stderr()).contains("oops");
        assertThat(run.exit()).contains("\"exitCode\":3");
        Exec noNode = exec(project, "master", dev.slipway.testing.TestTokens.bearer("gateway", "service"), "true");
        assertThat(noNode.exit()).contains("exitCode");
        java.net.http.HttpResponse<String> refused = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                base.resolve(dev.slipway.platform.exec.ExecFrames.path(project, "master").substring(1)))
                .header("Authorization", dev.slipway.testing.TestTokens.bearer("alice")).build(), java.net.http.HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).as("a user's token is not a service's").isEqualTo(401);
    }

    @Test
    void productionNeedsStagingFirstAndANodeThatFailsStopsTheRolloutOnItsOldRelease() throws Exception {
        String project = served("master", "staging", "production").id();
        Deployment refused = runToTheEnd(project, "production", DeploymentTrigger.TICKET, commit);
        assertThat(refused.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(refused.detail()).contains("VALIDATE failed").contains("DEP-5: commit " + commit + " has no successful deployment on Staging");

        assertThat(runToTheEnd(project, "master", DeploymentTrigger.PUSH, null).state()).isEqualTo(DeploymentState.SUCCEEDED);
        Deployment staging = runToTheEnd(project, "staging", DeploymentTrigger.TICKET, null);
        assertThat(staging.state()).as(staging.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        assertThat(staging.commit()).as("a ticket without a commit takes the source tier's last success").isEqualTo(commit);

        Deployment production = runToTheEnd(project, "production", DeploymentTrigger.TICKET, commit);
        assertThat(production.state()).isEqualTo(DeploymentState.FAILED);
        assertThat(production.detail()).isEqualTo("DEPLOY on node 2 failed with exit code 3: hooks.deploy");
        assertThat(production.failedNode()).isEqualTo(2);
        Path nodes = Path.of("target/releases").resolve(project).resolve("production").resolve("nodes");
        assertThat(Files.readSymbolicLink(nodes.resolve("1/current")).toString()).contains(production.id().toString());
        assertThat(Files.exists(nodes.resolve("2/current"))).as("node 2 had no release before, and has none after").isFalse();
        assertThat(Files.exists(nodes.resolve("3/current"))).as("the rollout stopped before node 3").isFalse();
        assertThat(logOf(production)).contains("[DEPLOY] [node 2] ! node 2 says no");
    }
}
