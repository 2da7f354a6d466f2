package dev.slipway.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.devinfra.SuiteService;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every service runs as two instances on one database, broker, git root and releases root (SPEC §1):
 * requests alternate between them and the outcomes are those of one instance; ENV-3's limit holds
 * under concurrent branch requests to both, in their answers and in every list taken meanwhile; a
 * DEPLOY ticket opened on one is approved through the other; pushes through both gateways leave
 * master on the last; when one instance of every service is SIGKILLed, the other takes its
 * partitions and its work (EVT-5), and a push and a ticket still complete; and in the end no event
 * of the project was lost and each consumer applied them in their topic's order (EVT-1).
 */
@ExtendWith(Suite.class)
@SuiteOptions(instances = 2)
class TwoInstancesIT {

    private static final int LIMIT = 3;

    private static final String APP_YAML = """
            name: twins
            type: php:8.3
            hooks:
              deploy: |
                echo "deployed $SLIPWAY_ENVIRONMENT"
            """;

    @Test
    void twoInstancesOfEveryServiceShareTheWorkAndOneSurvivesTheOthersDeath(RunningSuite suite) throws Exception {
        String project = suite.newProjectId();
        SuiteClient[] alice = {suite.client("alice"), suite.client("alice").onInstance(2)};
        SuiteClient[] bob = {suite.client("bob"), suite.client("bob").onInstance(2)};
        SuiteClient[] sam = {suite.support("sam"), suite.support("sam").onInstance(2)};
        alice[0].environmentService().body(Map.of("id", project)).post("/api/v1/projects").then().statusCode(201);
        alice[1].environmentService().body(Map.of("userId", "bob", "role", "contributor")).post("/api/v1/projects/{p}/members", project)
                .then().statusCode(201);
        String etag = alice[1].environmentService().get("/api/v1/projects/{p}", project).then().statusCode(200).extract().header("ETag");
        alice[0].environmentService().header("If-Match", etag).body(Map.of("activeEnvironmentLimit", LIMIT))
                .patch("/api/v1/projects/{p}", project).then().statusCode(200);
        Awaitility.await("the repository on both gateways").atMost(Suite.PATIENCE).until(() -> List.of(alice).stream()
                .allMatch(client -> client.sshGateway().get("/api/v1/projects/{project}/repository", project).statusCode() == 200));

        GitUser git = suite.gitUser(alice[1]);
        WorkTree work = git.clone(project + ".git");
        String first = work.write(".slipway/app.yaml", APP_YAML).write("index.html", "one\n").commit("First");
        work.push(suite.gitUrl(project + ".git", 2), "HEAD:refs/heads/master").requireSuccess();
        awaitDeployed(alice[0], project, "master", first);
        awaitDeployed(alice[1], project, "master", first);

        // ENV-3 under concurrent requests to both instances: master plus LIMIT - 1 children, never more,
        // neither in the answers nor in what either instance lists while the children are being made.
        ExecutorService pool = Executors.newFixedThreadPool(7);
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        AtomicBoolean branching = new AtomicBoolean(true);
        AtomicInteger mostActive = new AtomicInteger();
        AtomicInteger samples = new AtomicInteger();
        try {
            CompletableFuture<Void> sampler = CompletableFuture.runAsync(() -> {
                while (branching.get()) {
                    mostActive.accumulateAndGet(activeIntegration(alice[samples.getAndIncrement() % 2], project).size(), Math::max);
                }
            }, pool);
            for (int i = 0; i < 6; i++) {
                SuiteClient client = bob[i % 2];
                String name = "b" + i;
                answers.add(CompletableFuture.supplyAsync(() -> client.environmentService().body(Map.of("name", name, "title", name))
                        .post("/api/v1/projects/{p}/environments/master/branch", project).statusCode(), pool));
            }
            CompletableFuture.allOf(answers.toArray(CompletableFuture[]::new)).join();
            Awaitility.await("the children ACTIVE").atMost(Suite.PATIENCE).untilAsserted(() -> {
                List<String> statusesNow = activeIntegration(alice[1], project);
                assertThat(statusesNow).hasSize(LIMIT).containsOnly("ACTIVE");
            });
            branching.set(false);
            sampler.join();
        } finally {
            branching.set(false);
            pool.shutdownNow();
        }
        List<Integer> statuses = answers.stream().map(CompletableFuture::join).toList();
        assertThat(statuses).as("branch answers").containsOnly(202, 409).filteredOn(status -> status == 202).hasSize(LIMIT - 1);
        assertThat(mostActive.get()).as("most active Integration environments in %d lists while branching", samples.get())
                .isLessThanOrEqualTo(LIMIT);

        // A DEPLOY ticket opened on one instance, approved through the other.
        String deploy = openDeployToStaging(bob[0], project);
        approve(sam[1], deploy);
        awaitTicket(sam[0], deploy, "RESOLVED");
        awaitDeployed(alice[1], project, "staging", first);

        // Pushes in quick succession through both gateways: master ends on the last (one project's events in order).
        String latest = first;
        for (int i = 1; i <= 3; i++) {
            latest = work.write("index.html", "round " + i + "\n").commit("Round " + i);
            work.push(suite.gitUrl(project + ".git", 1 + i % 2), "HEAD:refs/heads/master").requireSuccess();
        }
        awaitDeployed(alice[0], project, "master", latest);

        // One instance of every service dies: the others take its partitions (EVT-5) and its work.
        for (SuiteService service : SuiteService.values()) {
            suite.kill(service, 1);
        }
        Instant killed = Instant.now();
        try {
            String second = work.write("index.html", "two\n").commit("Second");
            work.push(suite.gitUrl(project + ".git", 2), "HEAD:refs/heads/master").requireSuccess();
            awaitDeployed(alice[1], project, "master", second);
            System.out.printf("systest two instances: master deployed %.2f s after the first instances died%n",
                    Duration.between(killed, Instant.now()).toMillis() / 1000.0);
            String again = Awaitility.await("master's newest success is the default").atMost(Suite.PATIENCE).until(
                    () -> openDeployToStaging(bob[1], project), id -> second.equals(bob[1].ticketService().get("/api/v1/tickets/{id}", id)
                            .jsonPath().getString("payload.commit")));
            approve(sam[1], again);
            awaitTicket(sam[1], again, "RESOLVED");
            awaitDeployed(alice[1], project, "staging", second);
            System.out.printf("systest two instances: staging deployed %.2f s after the first instances died%n",
                    Duration.between(killed, Instant.now()).toMillis() / 1000.0);
            List<Map<String, Object>> staging = alice[1].deploymentService().queryParam("environment", "staging")
                    .get("/api/v1/projects/{project}/deployments", project).then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(staging.stream().filter(item -> "SUCCEEDED".equals(item.get("state"))).map(item -> item.get("commit")))
                    .as("each staging deployment ran once").containsExactlyInAnyOrder(first, second);
        } finally {
            for (SuiteService service : SuiteService.values()) {
                suite.restart(service, 1); // the suite is whole again for whatever runs next
            }
        }
        EventLedger.requireNothingLost(suite, project);
        EventLedger.requireAppliedInOrder(suite, project);
    }

    /** Statuses of the project's active (ACTIVE or DIRTY) Integration environments. */
    private static List<String> activeIntegration(SuiteClient client, String project) {
        List<Map<String, Object>> items = client.environmentService().queryParam("type", "INTEGRATION").queryParam("limit", 50)
                .get("/api/v1/projects/{p}/environments", project).then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().map(item -> (String) item.get("status")).filter(status -> List.of("ACTIVE", "DIRTY").contains(status)).toList();
    }

    private static String openDeployToStaging(SuiteClient bob, String project) {
        return Awaitility.await("ticket-service knows master's success").atMost(Suite.PATIENCE).until(() -> {
            Response response = bob.ticketService().body(Map.of("type", "DEPLOY", "projectId", project, "environmentId", "staging",
                    "subject", "DEPLOY please", "payload", Map.of())).post("/api/v1/tickets");
            return response.statusCode() == 201 ? response.jsonPath().getString("id") : null;
        }, id -> id != null);
    }

    private static void approve(SuiteClient support, String ticket) {
        support.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/approve", ticket).then().statusCode(200);
    }

    private static void awaitTicket(SuiteClient support, String ticket, String state) {
        var json = Awaitility.await("ticket " + ticket + " " + state).atMost(Suite.PATIENCE).until(() ->
                support.ticketService().get("/api/v1/tickets/{id}", ticket).then().statusCode(200).extract().jsonPath(),
                found -> List.of("RESOLVED", "FAILED").contains(found.getString("state")));
        assertThat(json.getString("state")).as(json.prettify()).isEqualTo(state);
    }

    private static void awaitDeployed(SuiteClient client, String project, String environment, String commit) {
        Awaitility.await(environment + " deploys " + commit).atMost(Suite.PATIENCE).untilAsserted(() ->
                assertThat(client.environmentService().get("/api/v1/projects/{p}/environments/{e}", project, environment).jsonPath()
                        .getString("deployedCommit")).isEqualTo(commit));
    }
}
