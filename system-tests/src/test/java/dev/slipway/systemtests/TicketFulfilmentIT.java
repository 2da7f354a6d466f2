package dev.slipway.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import io.restassured.path.json.JsonPath;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Assisted deployment through the four real services and the real broker (SPEC §5, TKT-5): each
 * ticket type is opened by a member, approved by support, fulfilled by the owning service, and
 * ends RESOLVED or FAILED with the result's detail; the sensitive value of a DEPLOYMENT_SETTINGS
 * ticket reaches the deployed hook and no log, ticket view or API response (SEC-3).
 */
@ExtendWith(Suite.class)
class TicketFulfilmentIT {

    private static final String SECRET = "s3cr3t-of-the-systest-" + Long.toHexString(System.nanoTime());

    /** One configuration for every commit, so CFG-3's approved digest stays the first one. */
    private static final String APP_YAML = """
            name: tickets
            type: php:8.3
            hooks:
              deploy: |
                echo "secret sha256: $(printf %s "${SECRET_TOKEN:-}" | sha256sum | cut -c1-64)"
            """;

    @Test
    void everyTicketTypeIsFulfilledByItsOwnerAndEndsWithTheResult(RunningSuite suite) {
        String project = suite.newProjectId();
        SuiteClient alice = suite.client("alice");
        SuiteClient bob = suite.client("bob");
        SuiteClient sam = suite.support("sam");
        alice.environmentService().body(Map.of("id", project)).post("/api/v1/projects").then().statusCode(201);
        alice.environmentService().body(Map.of("userId", "bob", "role", "contributor")).post("/api/v1/projects/{p}/members", project)
                .then().statusCode(201);
        Awaitility.await("the repository").atMost(Suite.PATIENCE)
                .until(() -> alice.sshGateway().get("/api/v1/projects/{project}/repository", project).statusCode() == 200);
        GitUser git = suite.gitUser(alice);
        WorkTree work = git.clone(project + ".git");
        String first = work.write(".slipway/app.yaml", APP_YAML).write("index.html", "one\n").commit("First");
        work.push("origin", "HEAD:refs/heads/master").requireSuccess();
        awaitDeployment(alice, project, "master", first, "SUCCEEDED");

        // DEPLOY to Staging without a commit: master's last success (TKT-1), deployed by deployment-service.
        String deploy = Awaitility.await("ticket-service knows master's success").atMost(Suite.PATIENCE).until(() -> {
            var response = open(bob, project, "DEPLOY", "staging", Map.of());
            return response.statusCode() == 201 ? response.jsonPath().getString("id") : null;
        }, id -> id != null);
        bob.ticketService().get("/api/v1/tickets/{id}", deploy).then().statusCode(200).body("payload.commit", org.hamcrest.Matchers.equalTo(first));
        JsonPath resolved = approveAndAwait(sam, deploy, "RESOLVED");
        assertThat(resolved.getString("result.resultId")).isNotBlank();
        assertThat(resolved.getList("trail.deployments.state")).containsExactly("SUCCEEDED");
        assertThat(resolved.getList("history.to")).containsExactly("APPROVED", "IN_PROGRESS", "RESOLVED");
        awaitDeployedCommit(alice, project, "staging", first);

        // DEPLOY to Production of a commit Staging never ran: deployment-service refuses it (DEP-5), the ticket says so.
        String second = work.write("index.html", "two\n").commit("Second");
        work.push("origin", "HEAD:refs/heads/master").requireSuccess();
        awaitDeployment(alice, project, "master", second, "SUCCEEDED");
        String refused = open(bob, project, "DEPLOY", "production", Map.of("commit", second.substring(0, 10))).then().statusCode(201)
                .extract().path("id");
        assertThat(bob.ticketService().get("/api/v1/tickets/{id}", refused).jsonPath().getBoolean("preview.deploy.promotion.holds")).isFalse();
        JsonPath failed = approveAndAwait(sam, refused, "FAILED");
        assertThat(failed.getString("result.detail")).contains("DEP-5");

        // DEPLOYMENT_SETTINGS with a sensitive variable: environment-service reads the value from ticket-service (SEC-3, SEC-4).
        String settings = open(bob, project, "DEPLOYMENT_SETTINGS", "staging", Map.of("variables", List.of(
                Map.of("action", "SET", "name", "env:SECRET_TOKEN", "value", SECRET, "sensitive", true)))).then().statusCode(201)
                .extract().path("id");
        approveAndAwait(sam, settings, "RESOLVED");
        String variables = alice.environmentService().get("/api/v1/projects/{p}/environments/staging/variables", project).then().statusCode(200)
                .extract().asString();
        assertThat(variables).contains("env:SECRET_TOKEN").doesNotContain(SECRET);
        // The next deployment of Staging (a DEPLOY ticket of master's newest success) runs the hook with it.
        String redeploy = open(bob, project, "DEPLOY", "staging", Map.of()).then().statusCode(201).extract().path("id");
        JsonPath deployed = approveAndAwait(sam, redeploy, "RESOLVED");
        String log = alice.deploymentService().get("/api/v1/projects/{p}/deployments/{id}/log", project, deployed.getString("result.resultId"))
                .then().statusCode(200).extract().asString();
        assertThat(log).contains("secret sha256: " + sha256(SECRET)).doesNotContain(SECRET);
        for (String id : List.of(settings, redeploy)) {
            assertThat(sam.ticketService().get("/api/v1/tickets/{id}", id).then().statusCode(200).extract().asString()).doesNotContain(SECRET);
        }
        assertThat(suite.logs()).as("no service logs the value").doesNotContain(SECRET);
        assertThat(everyEvent(suite)).as("no event carries the value").noneMatch(event -> event.contains(SECRET)).isNotEmpty();

        // CFG-3: a commit that changes the configuration is refused on Staging until a DEPLOYMENT_SETTINGS ticket approves its digest.
        String changed = work.write(".slipway/app.yaml", APP_YAML + "disk: 2048\n").commit("More disk");
        work.push("origin", "HEAD:refs/heads/master").requireSuccess();
        awaitDeployment(alice, project, "master", changed, "SUCCEEDED");
        String blocked = Awaitility.await("master's newest success is the default").atMost(Suite.PATIENCE).until(() ->
                open(bob, project, "DEPLOY", "staging", Map.of()).then().statusCode(201).extract().jsonPath(),
                ticket -> changed.equals(ticket.getString("payload.commit"))).getString("id");
        JsonPath preview = bob.ticketService().get("/api/v1/tickets/{id}", blocked).jsonPath();
        assertThat(preview.getBoolean("preview.deploy.config.changes")).isTrue();
        assertThat(preview.getBoolean("preview.deploy.config.approvalNeeded")).isTrue();
        assertThat(preview.getList("preview.deploy.changedPaths.path")).contains(".slipway/app.yaml");
        bob.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/cancel", blocked).then().statusCode(200);
        String approveConfig = open(bob, project, "DEPLOYMENT_SETTINGS", "staging", Map.of("approveConfigOf", changed)).then().statusCode(201)
                .extract().path("id");
        approveAndAwait(sam, approveConfig, "RESOLVED");
        String afterApproval = open(bob, project, "DEPLOY", "staging", Map.of("commit", changed)).then().statusCode(201).extract().path("id");
        assertThat(bob.ticketService().get("/api/v1/tickets/{id}", afterApproval).jsonPath().getBoolean("preview.deploy.config.approvalNeeded"))
                .isFalse();
        approveAndAwait(sam, afterApproval, "RESOLVED");
        awaitDeployedCommit(alice, project, "staging", changed);

        // ADD_SSH_KEY on Staging: ssh-gateway grants bob's key, bob reaches Staging, and the ticket's trail shows the session.
        GitUser bobsKey = suite.gitUser(bob);
        assertThat(bobsKey.ssh(project + "-staging", "echo before").exitCode()).as("no grant yet").isNotZero();
        String key = open(bob, project, "ADD_SSH_KEY", "staging", Map.of("publicKey", bobsKey.publicKey())).then().statusCode(201)
                .extract().path("id");
        JsonPath granted = approveAndAwait(sam, key, "RESOLVED");
        assertThat(granted.getString("result.resultId")).isNotBlank();
        Awaitility.await("bob reaches staging").atMost(Suite.PATIENCE)
                .until(() -> bobsKey.ssh(project + "-staging", "echo granted").output().contains("granted"));
        Awaitility.await("the trail shows the session").atMost(Suite.PATIENCE).until(() -> !sam.ticketService().get("/api/v1/tickets/{id}", key)
                .jsonPath().getList("trail.grants[0].sessions").isEmpty());

        // GO_LIVE: Production answers on the live domain (ENV-7).
        String live = open(bob, project, "GO_LIVE", "production", Map.of("domains", List.of("shop-" + project + ".example.com")))
                .then().statusCode(201).extract().path("id");
        approveAndAwait(sam, live, "RESOLVED");
        assertThat(alice.environmentService().get("/api/v1/projects/{p}/environments/production", project).jsonPath().getList("liveDomains"))
                .containsExactly("shop-" + project + ".example.com");
    }

    private static io.restassured.response.Response open(SuiteClient who, String project, String type, String environment, Map<String, Object> payload) {
        return who.ticketService().body(Map.of("type", type, "projectId", project, "environmentId", environment, "subject", type + " please",
                "payload", payload)).post("/api/v1/tickets");
    }

    private static JsonPath approveAndAwait(SuiteClient support, String ticket, String state) {
        support.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/approve", ticket).then().statusCode(200);
        return Awaitility.await("ticket " + ticket + " " + state).atMost(Suite.PATIENCE).until(() ->
                support.ticketService().get("/api/v1/tickets/{id}", ticket).then().statusCode(200).extract().jsonPath(),
                json -> List.of("RESOLVED", "FAILED").contains(json.getString("state")) && assertState(json, state));
    }

    private static boolean assertState(JsonPath ticket, String state) {
        assertThat(ticket.getString("state")).as(ticket.prettify()).isEqualTo(state);
        return true;
    }

    private static void awaitDeployment(SuiteClient client, String project, String environment, String commit, String state) {
        Awaitility.await(environment + " deploys " + commit).atMost(Suite.PATIENCE).untilAsserted(() -> {
            List<Map<String, Object>> items = client.deploymentService().queryParam("environment", environment)
                    .get("/api/v1/projects/{project}/deployments", project).then().statusCode(200).extract().jsonPath().getList("items");
            assertThat(items.stream().filter(item -> commit.equals(item.get("commit"))).map(item -> item.get("state"))).contains(state);
        });
    }

    private static void awaitDeployedCommit(SuiteClient client, String project, String environment, String commit) {
        Awaitility.await(environment + "'s deployed commit").atMost(Suite.PATIENCE).untilAsserted(() ->
                assertThat(client.environmentService().get("/api/v1/projects/{p}/environments/{e}", project, environment).jsonPath()
                        .getString("deployedCommit")).isEqualTo(commit));
    }

    /** Every record of every Slipway topic so far, as text: its value and its headers. */
    private static List<String> everyEvent(RunningSuite suite) {
        return EventLedger.everyRecord(suite).stream().map(record -> {
            StringBuilder text = new StringBuilder(String.valueOf(record.value()));
            record.headers().forEach(header -> text.append(' ').append(new String(header.value(), StandardCharsets.UTF_8)));
            return text.toString();
        }).toList();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
