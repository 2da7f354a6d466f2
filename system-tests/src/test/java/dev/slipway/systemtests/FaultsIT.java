package dev.slipway.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.devinfra.SuiteService;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A flow in flight survives a crash of any part of the suite (SPEC §1, EVT-3, EVT-5, DEP-3): each
 * test starts a flow, SIGKILLs one service, the broker or PostgreSQL at a point where the flow's
 * state is half-way (a hook running, a pack arriving, an event in an outbox, an approval not yet
 * fulfilled), starts it again, and checks the end state: tickets in their expected states,
 * environments on the expected commits, each deployment run once (the deployment list and a file
 * every deploy hook appends to agree), no event lost ({@link EventLedger}: every event the services
 * committed for the project is on its topic and in the inbox of every service that consumes it).
 * How long the flow took to resume once the restarted process was ready is printed, never asserted
 * (STYLE.md: figures are measured, not tested).
 *
 * <p>Its suite has a private PostgreSQL cluster ({@link SuiteOptions#privatePostgres()}), so the
 * machine's server is never killed.
 */
@ExtendWith(Suite.class)
@SuiteOptions(privatePostgres = true)
class FaultsIT {

    @Test
    void aDeploymentWhoseServiceIsKilledDuringItsHookFailsAsInterruptedAndARedeployRunsTheHookOnce(RunningSuite suite) {
        Flow flow = Flow.start(suite);
        flow.hold("master");
        String commit = flow.pushMaster("First");
        Awaitility.await("master's deploy hook runs").atMost(Suite.PATIENCE).until(() -> flow.runs("run master").size() == 1);

        Instant ready = suite.killAndRestart(SuiteService.DEPLOYMENT, 1);
        // DEP-3: the restarted instance kills the hook its previous life left and fails the deployment.
        Map<String, Object> interrupted = Awaitility.await("the interrupted deployment fails").atMost(Suite.PATIENCE)
                .until(() -> flow.deployments("master"), items -> items.size() == 1 && "FAILED".equals(items.get(0).get("state"))).get(0);
        resumed("deployment-service: the interrupted deployment failed", ready);
        assertThat((String) interrupted.get("detail")).contains("interrupted by restart");

        flow.release("master");
        flow.alice.environmentService().body(Map.of()).post("/api/v1/projects/{p}/environments/master/redeploy", flow.project).then().statusCode(202);
        flow.awaitDeployed("master", commit);
        resumed("deployment-service: the redeploy succeeded", ready);
        flow.requireSucceededOnce("master", commit);
        // The killed hook never finished: it was killed, not left to end after its hold went away.
        Awaitility.await("no second run of master's hook").during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10))
                .until(() -> flow.runs("done master").size() == 1);
        EventLedger.requireNothingLost(suite, flow.project);
    }

    @Test
    void aNewBranchPushedRightBeforeEnvironmentServiceIsKilledStillBecomesADeployedEnvironment(RunningSuite suite) {
        Flow flow = Flow.start(suite);
        flow.awaitDeployed("master", flow.pushMaster("First"));
        String feature = flow.work.write("feature.txt", "feature\n").commit("Feature");
        flow.work.push("origin", "HEAD:refs/heads/feature").requireSuccess();

        // SSH-4: the gateway's ref.updated event waits in its outbox or on the broker until environment-service is back.
        Instant ready = suite.killAndRestart(SuiteService.ENVIRONMENT, 1);
        flow.awaitDeployed("feature", feature);
        resumed("environment-service: the pushed branch deployed", ready);
        flow.requireSucceededOnce("feature", feature);
        flow.requireSucceededOnce("master", flow.head("master"));
        EventLedger.requireNothingLost(suite, flow.project);
    }

    @Test
    void anApprovalWhoseTicketServiceIsKilledAtOnceIsFulfilledOnceAndAnAddSshKeyApprovalSurvivesTheGateway(RunningSuite suite) {
        Flow flow = Flow.start(suite);
        String commit = flow.pushMaster("First");
        flow.awaitDeployed("master", commit);
        String deploy = flow.openDeployToStaging();

        flow.approve(deploy);
        // EVT-3: ticket.approved is in ticket-service's outbox (or already on its way) when it dies.
        Instant ready = suite.killAndRestart(SuiteService.TICKET, 1);
        flow.awaitTicket(deploy, "RESOLVED");
        resumed("ticket-service: the DEPLOY ticket resolved", ready);
        flow.awaitDeployed("staging", commit);
        flow.requireSucceededOnce("staging", commit);

        GitUser bob = suite.gitUser(flow.bob);
        String key = flow.open("ADD_SSH_KEY", "staging", Map.of("publicKey", bob.publicKey())).then().statusCode(201).extract().path("id");
        flow.approve(key);
        Instant gatewayReady = suite.killAndRestart(SuiteService.GATEWAY, 1);
        flow.awaitTicket(key, "RESOLVED");
        resumed("ssh-gateway: the ADD_SSH_KEY ticket resolved", gatewayReady);
        Awaitility.await("bob reaches staging").atMost(Suite.PATIENCE)
                .until(() -> bob.ssh(flow.project + "-staging", "echo granted").output().contains("granted"));
        resumed("ssh-gateway: bob reaches staging", gatewayReady);
        EventLedger.requireNothingLost(suite, flow.project);
    }

    @Test
    void anApprovalMadeWhileTheBrokerIsDownAndADeploymentThatEndsWhileItIsDownAgainAreFulfilledOnceItIsBack(RunningSuite suite) {
        Flow flow = Flow.start(suite);
        String commit = flow.pushMaster("First");
        flow.awaitDeployed("master", commit);
        String deploy = flow.openDeployToStaging();
        flow.hold("staging");

        suite.killBroker();
        Instant ready;
        try {
            // EVT-3: the approval commits with its event in the outbox; the relay publishes it when the broker is back.
            flow.approve(deploy);
        } finally {
            ready = suite.restartBroker();
        }
        Awaitility.await("staging's deploy hook runs").atMost(Suite.PATIENCE).until(() -> flow.runs("run staging").size() == 1);
        resumed("broker: the approved deployment started", ready);

        // The deployment ends while the broker is down again: its result waits in deployment-service's outbox.
        suite.killBroker();
        try {
            flow.release("staging");
            Awaitility.await("staging's deploy hook ends").atMost(Suite.PATIENCE).until(() -> flow.runs("done staging").size() == 1);
        } finally {
            ready = suite.restartBroker();
        }
        flow.awaitTicket(deploy, "RESOLVED");
        resumed("broker: the DEPLOY ticket resolved", ready);
        flow.awaitDeployed("staging", commit);
        flow.requireSucceededOnce("staging", commit);
        flow.requireSucceededOnce("master", commit);
        EventLedger.requireNothingLost(suite, flow.project);
    }

    @Test
    void aPushWhoseGatewayIsKilledWhileItReceivesThePackFailsLeavesNothingAndItsRepeatDeploysOnce(RunningSuite suite) throws IOException {
        Flow flow = Flow.start(suite);
        String first = flow.pushMaster("First");
        flow.awaitDeployed("master", first);
        // Large and incompressible, so the gateway is still receiving it when it is killed.
        byte[] noise = new byte[48 * 1024 * 1024];
        new Random(7).nextBytes(noise);
        String big = flow.work.write("assets/noise.bin", noise).commit("Noise");
        Path repository = suite.gitRoot().resolve(flow.project + ".git");

        CompletableFuture<GitResult> push = CompletableFuture.supplyAsync(() -> flow.work.push("origin", "HEAD:refs/heads/master"));
        Awaitility.await("the gateway receiving the pack").atMost(Suite.PATIENCE).pollInterval(Duration.ofMillis(5))
                .until(() -> receivingPack(repository));
        Instant ready = suite.killAndRestart(SuiteService.GATEWAY, 1);
        GitResult cut = push.join();
        assertThat(cut.exitCode()).as("the cut push: " + cut.output()).isNotZero();
        assertThat(flow.head("master")).as("master after the cut push").isEqualTo(first);

        flow.work.push("origin", "HEAD:refs/heads/master").requireSuccess();
        flow.awaitDeployed("master", big);
        resumed("ssh-gateway: the repeated push deployed", ready);
        flow.requireSucceededOnce("master", first, big);
        EventLedger.requireNothingLost(suite, flow.project);
    }

    @Test
    void aBranchActivityWhoseDatabaseIsKilledCompletesAndDeploysTheChildOnce(RunningSuite suite) {
        Flow flow = Flow.start(suite);
        String commit = flow.pushMaster("First");
        flow.awaitDeployed("master", commit);

        String activity = flow.alice.environmentService().body(Map.of("name", "feature", "title", "Feature"))
                .post("/api/v1/projects/{p}/environments/master/branch", flow.project).then().statusCode(202).extract().path("id");
        Instant ready;
        try {
            suite.killPostgres();
        } finally {
            ready = suite.restartPostgres();
        }
        JsonPath done = Awaitility.await("the branch activity completes").atMost(Suite.PATIENCE).until(() -> flow.alice.environmentService()
                .get("/api/v1/projects/{p}/activities/{id}", flow.project, activity).then().extract().jsonPath(),
                json -> "COMPLETE".equals(json.getString("state")));
        resumed("PostgreSQL: the branch activity completed", ready);
        assertThat(done.getString("result")).as(done.prettify()).isEqualTo("SUCCESS");
        flow.awaitDeployed("feature", commit);
        resumed("PostgreSQL: the child deployed", ready);
        flow.requireSucceededOnce("feature", commit);
        flow.requireSucceededOnce("master", commit);
        EventLedger.requireNothingLost(suite, flow.project);
    }

    /** JGit writes a pack it receives to {@code objects/incoming_*.pack} until it has checked and indexed it. */
    private static boolean receivingPack(Path repository) throws IOException {
        Path objects = repository.resolve("objects");
        if (!Files.isDirectory(objects)) {
            return false;
        }
        try (Stream<Path> files = Files.list(objects)) {
            return files.anyMatch(file -> file.getFileName().toString().startsWith("incoming_"));
        }
    }

    private static void resumed(String what, Instant ready) {
        System.out.printf("systest faults: %s %.2f s after the restarted process was ready%n", what,
                Duration.between(ready, Instant.now()).toMillis() / 1000.0);
    }

    /**
     * One project with alice (admin), bob (contributor) and sam (support), a clone of its repository,
     * and a deploy hook that appends "run" and "done" lines to a file of the test's own, waiting in
     * between while a hold file for the environment exists.
     */
    private static final class Flow {

        final String project;
        final SuiteClient alice;
        final SuiteClient bob;
        final SuiteClient sam;
        final WorkTree work;
        final Path folder;

        private Flow(String project, SuiteClient alice, SuiteClient bob, SuiteClient sam, WorkTree work, Path folder) {
            this.project = project;
            this.alice = alice;
            this.bob = bob;
            this.sam = sam;
            this.work = work;
            this.folder = folder;
        }

        static Flow start(RunningSuite suite) {
            String project = suite.newProjectId();
            SuiteClient alice = suite.client("alice");
            SuiteClient bob = suite.client("bob");
            alice.environmentService().body(Map.of("id", project)).post("/api/v1/projects").then().statusCode(201);
            alice.environmentService().body(Map.of("userId", "bob", "role", "contributor")).post("/api/v1/projects/{p}/members", project)
                    .then().statusCode(201);
            Awaitility.await("the repository").atMost(Suite.PATIENCE)
                    .until(() -> alice.sshGateway().get("/api/v1/projects/{project}/repository", project).statusCode() == 200);
            WorkTree work = suite.gitUser(alice).clone(project + ".git");
            Path folder = suite.newFolder(project);
            // a folder of the test's own that every hook can write to (the suite runs as one user)
            return new Flow(project, alice, bob, suite.support("sam"), work, folder);
        }

        String pushMaster(String message) {
            String appYaml = """
                    name: faults
                    type: php:8.3
                    hooks:
                      deploy: |
                        echo "run $SLIPWAY_ENVIRONMENT $SLIPWAY_TREE_ID" >> FLOW/runs
                        while [ -e FLOW/hold-$SLIPWAY_ENVIRONMENT ]; do sleep 0.2; done
                        echo "done $SLIPWAY_ENVIRONMENT $SLIPWAY_TREE_ID" >> FLOW/runs
                    """.replace("FLOW", folder.toString());
            String commit = work.write(".slipway/app.yaml", appYaml).write("index.html", message + "\n").commit(message);
            work.push("origin", "HEAD:refs/heads/master").requireSuccess();
            return commit;
        }

        void hold(String environment) {
            try {
                Files.writeString(folder.resolve("hold-" + environment), "");
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        void release(String environment) {
            try {
                Files.deleteIfExists(folder.resolve("hold-" + environment));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        /** The hook's lines starting with {@code prefix} ("run master", "done staging"). */
        List<String> runs(String prefix) {
            Path runs = folder.resolve("runs");
            try {
                return Files.exists(runs) ? Files.readAllLines(runs).stream().filter(line -> line.startsWith(prefix + " ")).toList() : List.of();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        List<Map<String, Object>> deployments(String environment) {
            return alice.deploymentService().queryParam("environment", environment).get("/api/v1/projects/{project}/deployments", project)
                    .then().statusCode(200).extract().jsonPath().getList("items");
        }

        String head(String environment) {
            return alice.environmentService().get("/api/v1/projects/{p}/environments/{e}", project, environment).then().statusCode(200)
                    .extract().path("headCommit");
        }

        void awaitDeployed(String environment, String commit) {
            Awaitility.await(environment + " deploys " + commit).atMost(Suite.PATIENCE).untilAsserted(() -> {
                Response response = alice.environmentService().get("/api/v1/projects/{p}/environments/{e}", project, environment);
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(response.jsonPath().getString("deployedCommit")).isEqualTo(commit);
            });
        }

        /** One SUCCEEDED deployment of the environment per commit, and its hook ran to the end once per commit (no double run). */
        void requireSucceededOnce(String environment, String... commits) {
            List<Object> succeeded = deployments(environment).stream().filter(item -> "SUCCEEDED".equals(item.get("state")))
                    .map(item -> item.get("commit")).toList();
            assertThat(succeeded).as("commits of SUCCEEDED deployments of " + environment).containsExactlyInAnyOrder((Object[]) commits);
            assertThat(runs("done " + environment)).as("runs of " + environment + "'s deploy hook").hasSize(commits.length);
        }

        Response open(String type, String environment, Map<String, Object> payload) {
            return bob.ticketService().body(Map.of("type", type, "projectId", project, "environmentId", environment, "subject", type + " please",
                    "payload", payload)).post("/api/v1/tickets");
        }

        /** A DEPLOY ticket to Staging of master's last success, once ticket-service has heard of it (TKT-1). */
        String openDeployToStaging() {
            return Awaitility.await("ticket-service knows master's success").atMost(Suite.PATIENCE).until(() -> {
                Response response = open("DEPLOY", "staging", Map.of());
                return response.statusCode() == 201 ? response.jsonPath().getString("id") : null;
            }, id -> id != null);
        }

        /** sam (support) approves {@code ticket}. */
        void approve(String ticket) {
            sam.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/approve", ticket).then().statusCode(200);
        }

        JsonPath awaitTicket(String ticket, String state) {
            JsonPath json = Awaitility.await("ticket " + ticket + " " + state).atMost(Suite.PATIENCE).until(() ->
                    sam.ticketService().get("/api/v1/tickets/{id}", ticket).then().statusCode(200).extract().jsonPath(),
                    found -> List.of("RESOLVED", "FAILED").contains(found.getString("state")));
            assertThat(json.getString("state")).as(json.prettify()).isEqualTo(state);
            return json;
        }
    }
}
