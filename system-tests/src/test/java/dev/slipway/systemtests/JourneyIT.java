package dev.slipway.systemtests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole user journey of a project, in order, through public faces only: REST with each user's
 * token, the real {@code git} and {@code ssh} clients with each user's own key. alice (admin) and bob
 * (contributor) work on a project of their own; carol is support. Each step builds on the ones
 * before it, so a failed step skips the rest ({@link StopAfterFirstFailure}) instead of each waiting
 * out {@link Suite#PATIENCE}.
 *
 * <p>The journey: a first push deploys master with every phase (DEP-2); bob's branch becomes an
 * environment that is branched, synced and merged back into master (ENV-4), and a conflict fails its
 * activity; the ninth pushed branch is created INACTIVE (ENV-3); DEPLOY tickets take master's commit
 * to Staging and then to Production's three nodes, never an unstaged commit (DEP-5, ENV-6, TKT-4/5);
 * a Production variable needs a DEPLOYMENT_SETTINGS ticket, whose approval redeploys Production, and
 * reaches every later ticketed deployment (ENV-5, VAR-4, SEC-3); an ADD_SSH_KEY grant lets bob see it over SSH (SSH-2, SSH-3); a changed
 * configuration reaches Staging only once its digest is approved (CFG-3); GO_LIVE (ENV-7).
 */
@ExtendWith(Suite.class)
@ExtendWith(JourneyIT.StopAfterFirstFailure.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class JourneyIT {

    /** Every hook leaves evidence: a line in the log, and files in the release that SSH can read. */
    private static final String APP_YAML = """
            name: journey
            type: php:8.3
            hooks:
              build: |
                echo "journey build of tree $SLIPWAY_TREE_ID"
                echo "built from tree $SLIPWAY_TREE_ID" > build-evidence
              deploy: |
                echo "journey deploy of $SLIPWAY_PROJECT-$SLIPWAY_ENVIRONMENT on node $SLIPWAY_NODE"
                echo "shop secret sha256: $(printf %s "${SHOP_SECRET:-}" | sha256sum | cut -c1-64)"
                echo "deployed on $SLIPWAY_ENVIRONMENT node $SLIPWAY_NODE" > evidence
              post_deploy: |
                echo "journey post_deploy of $SLIPWAY_ENVIRONMENT"
                echo "post_deploy ran on $SLIPWAY_ENVIRONMENT" >> evidence
            """;

    private static final String SECRET = "journey-secret-" + Long.toHexString(System.nanoTime());

    private RunningSuite suite;
    private String project;
    private SuiteClient alice;
    private SuiteClient bob;
    private SuiteClient carol;
    private GitUser alicesKey;
    private GitUser bobsKey;
    private WorkTree alicesTree;
    private WorkTree bobsTree;
    private String featureHead;
    private String mergedMaster;

    @BeforeAll
    void users(RunningSuite suite) {
        this.suite = suite;
        project = suite.newProjectId();
        alice = suite.client("alice");
        bob = suite.client("bob");
        carol = suite.support("carol");
    }

    @Test
    @Order(1)
    void aliceCreatesTheProjectAddsBobAsContributorAndRegistersHerKey() {
        alice.environmentService().body(Map.of("id", project, "title", "Journey")).post("/api/v1/projects").then().statusCode(201);
        alice.environmentService().body(Map.of("userId", "bob", "role", "contributor")).post("/api/v1/projects/{p}/members", project)
                .then().statusCode(201);
        // ENV-1: three environments, and the repository on the gateway.
        assertThat(alice.environmentService().get("/api/v1/projects/{p}/environments", project).then().statusCode(200).extract().jsonPath()
                .getList("items.id", String.class)).containsExactlyInAnyOrder("master", "staging", "production");
        Awaitility.await("the repository").atMost(Suite.PATIENCE)
                .until(() -> alice.sshGateway().get("/api/v1/projects/{p}/repository", project).statusCode() == 200);
        alicesKey = suite.gitUser(alice);
        assertThat(alicesKey.fingerprint()).startsWith("SHA256:");
        bob.environmentService().get("/api/v1/projects/{p}/access", project).then().statusCode(200).body("role", equalTo("contributor"));
        carol.environmentService().get("/api/v1/projects/{p}/access", project).then().statusCode(200).body("support", equalTo(true));
    }

    @Test
    @Order(2)
    void alicesFirstPushDeploysMasterThroughEveryPhaseAndTheHooksLeaveEvidenceInTheRelease() {
        alicesTree = alicesKey.clone(project + ".git");
        String first = alicesTree.write(".slipway/app.yaml", APP_YAML).write("index.html", "<h1>journey</h1>\n").commit("First");
        GitResult push = alicesTree.push("origin", "HEAD:refs/heads/master").requireSuccess();
        assertThat(push.remoteLines()).contains("Slipway: deploying master at " + first.substring(0, 7) + ".");

        Map<String, Object> deployment = awaitDeployment("master", first);
        assertThat(deployment.get("trigger")).isEqualTo("PUSH");
        String log = log(deployment);
        assertThat(log).contains("[VALIDATE]", "[BUILD]", "[DEPLOY]", "[POST_DEPLOY]")
                .contains("journey build of tree ", "journey deploy of " + project + "-master on node 1", "journey post_deploy of master");
        awaitDeployed("master", first);

        // SSH-3: alice (admin, app's default access.ssh) reads what the hooks wrote in master's release.
        String evidence = Awaitility.await("alice reads master's release over SSH").atMost(Suite.PATIENCE)
                .until(() -> alicesKey.ssh(project + "-master", "cat build-evidence evidence"), result -> result.exitCode() == 0).output();
        assertThat(evidence).contains("built from tree ", "deployed on master node 1", "post_deploy ran on master");
    }

    @Test
    @Order(3)
    void bobsPushOfFeature1CreatesAnIntegrationEnvironmentThatDeploys() {
        bobsKey = suite.gitUser(bob);
        bobsTree = bobsKey.clone(project + ".git");
        bobsTree.git("checkout", "-q", "-b", "feature1").requireSuccess();
        featureHead = bobsTree.write("feature.txt", "feature one\n").commit("Feature one");
        GitResult push = bobsTree.push("origin", "HEAD:refs/heads/feature1").requireSuccess();
        assertThat(push.remoteLines()).contains("Slipway: environment feature1 will be created from branch feature1 and deployed.");

        assertThat(awaitDeployment("feature1", featureHead).get("trigger")).isEqualTo("PUSH");
        JsonPath feature1 = awaitDeployed("feature1", featureHead);
        assertThat(feature1.getString("type")).isEqualTo("INTEGRATION");
        assertThat(feature1.getString("parent")).isEqualTo("master");
        assertThat(feature1.getString("branch")).isEqualTo("feature1");
    }

    @Test
    @Order(4)
    void sprint1IsBranchedFromFeature1ThroughTheApi() {
        Response accepted = bob.environmentService().body(Map.of("name", "sprint1", "title", "Sprint 1"))
                .post("/api/v1/projects/{p}/environments/feature1/branch", project);
        JsonPath activity = awaitActivity(accepted, "environment.branch");
        assertThat(activity.getString("result")).as(activity.prettify()).isEqualTo("SUCCESS");

        JsonPath sprint1 = awaitDeployed("sprint1", featureHead);
        assertThat(sprint1.getString("parent")).isEqualTo("feature1");
        assertThat(sprint1.getString("headCommit")).isEqualTo(featureHead);
    }

    @Test
    @Order(5)
    void sprint1SyncsFromFeature1AndMergesBackUpToMasterWhichRedeploysTheMergedCommit() {
        String featureTwo = bobsTree.write("feature.txt", "feature two\n").commit("Feature two");
        bobsTree.push("origin", "HEAD:refs/heads/feature1").requireSuccess();
        awaitDeployed("feature1", featureTwo);

        // ENV-4 sync (code): feature1's branch is merged into sprint1's, and sprint1 redeploys.
        JsonPath sync = awaitActivity(bob.environmentService().body(Map.of("code", true)).post("/api/v1/projects/{p}/environments/sprint1/sync",
                project), "environment.sync");
        assertThat(sync.getString("result")).as(sync.prettify()).isEqualTo("SUCCESS");
        String synced = awaitHeadContaining("sprint1", featureTwo);
        awaitDeployed("sprint1", synced);

        bobsTree.git("fetch", "-q", "origin").requireSuccess();
        bobsTree.git("checkout", "-q", "-B", "sprint1", "origin/sprint1").requireSuccess();
        String sprintWork = bobsTree.write("sprint.txt", "sprint work\n").commit("Sprint work");
        bobsTree.push("origin", "HEAD:refs/heads/sprint1").requireSuccess();
        awaitDeployed("sprint1", sprintWork);

        // ENV-4 merge needs the admin role (SEC-2): bob may not, alice may.
        bob.environmentService().post("/api/v1/projects/{p}/environments/sprint1/merge", project).then().statusCode(403);
        JsonPath intoFeature = awaitActivity(alice.environmentService().post("/api/v1/projects/{p}/environments/sprint1/merge", project),
                "environment.merge");
        assertThat(intoFeature.getString("result")).as(intoFeature.prettify()).isEqualTo("SUCCESS");
        featureHead = awaitHeadContaining("feature1", sprintWork);
        awaitDeployed("feature1", featureHead);

        JsonPath intoMaster = awaitActivity(alice.environmentService().post("/api/v1/projects/{p}/environments/feature1/merge", project),
                "environment.merge");
        assertThat(intoMaster.getString("result")).as(intoMaster.prettify()).isEqualTo("SUCCESS");
        mergedMaster = awaitHeadContaining("master", sprintWork);
        assertThat(awaitDeployment("master", mergedMaster).get("trigger")).isEqualTo("MERGE");
        awaitDeployed("master", mergedMaster);
    }

    @Test
    @Order(6)
    void aConflictingMergeFailsItsActivityNamingTheConflictingPaths() {
        bobsTree.git("fetch", "-q", "origin").requireSuccess();
        bobsTree.git("checkout", "-q", "-B", "sprint1", "origin/sprint1").requireSuccess();
        String onSprint = bobsTree.write("index.html", "<h1>sprint's page</h1>\n").commit("Sprint's page");
        bobsTree.push("origin", "HEAD:refs/heads/sprint1").requireSuccess();
        bobsTree.git("checkout", "-q", "-B", "feature1", "origin/feature1").requireSuccess();
        String onFeature = bobsTree.write("index.html", "<h1>feature's page</h1>\n").commit("Feature's page");
        bobsTree.push("origin", "HEAD:refs/heads/feature1").requireSuccess();
        awaitDeployed("sprint1", onSprint);
        awaitDeployed("feature1", onFeature);

        JsonPath merge = awaitActivity(alice.environmentService().post("/api/v1/projects/{p}/environments/sprint1/merge", project),
                "environment.merge");
        assertThat(merge.getString("result")).as(merge.prettify()).isEqualTo("FAILURE");
        assertThat(merge.getString("log")).contains("conflicting paths: index.html");
        // Nothing moved: feature1 keeps its head and stays deployed.
        JsonPath feature1 = awaitDeployed("feature1", onFeature);
        assertThat(feature1.getString("headCommit")).isEqualTo(onFeature);
        featureHead = onFeature;
    }

    @Test
    @Order(7)
    void pushedBranchesBecomeActiveUpToEightAndTheNinthIsCreatedInactiveWithTheReasonInTheRemoteLines() {
        // master, feature1 and sprint1 are active; five more branches of master's head make eight (ENV-3's default).
        for (int n = 4; n <= 8; n++) {
            GitResult push = bobsTree.push("origin", "refs/remotes/origin/master:refs/heads/env" + n).requireSuccess();
            assertThat(push.remoteLines()).contains("Slipway: environment env" + n + " will be created from branch env" + n + " and deployed.");
        }
        for (int n = 4; n <= 8; n++) {
            awaitDeployed("env" + n, mergedMaster);
        }
        assertThat(activeIntegrationEnvironments()).hasSize(8);

        GitResult ninth = bobsTree.push("origin", "refs/remotes/origin/master:refs/heads/env9").requireSuccess();
        assertThat(ninth.remoteLines()).contains("Slipway: environment env9 will be created INACTIVE: ENV-3 allows 8 active environments and 8"
                + " are active; deactivate one, then activate env9.");
        Awaitility.await("env9, inactive").atMost(Suite.PATIENCE).untilAsserted(() ->
                assertThat(environment("env9", 200).getString("status")).isEqualTo("INACTIVE"));
        assertThat(activeIntegrationEnvironments()).hasSize(8).doesNotContain("env9");
        assertThat(deployments("env9")).as("an inactive environment is not deployed").isEmpty();
    }

    @Test
    @Order(8)
    void anApprovedDeployTicketTakesMastersCommitToStagingAndOnlySupportDecidesTickets() {
        String ticket = Awaitility.await("ticket-service knows master's newest success").atMost(Suite.PATIENCE).until(() ->
                open(bob, "DEPLOY", "staging", Map.of()).then().statusCode(201).extract().jsonPath(),
                opened -> mergedMaster.equals(opened.getString("payload.commit"))).getString("id");

        // TKT-4: only support decides, so bob can approve neither his own ticket nor alice's.
        bob.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/approve", ticket).then().statusCode(403);
        String alices = open(alice, "GENERAL", "staging", Map.of()).then().statusCode(201).extract().path("id");
        bob.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/approve", alices).then().statusCode(403);
        alice.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/cancel", alices).then().statusCode(200);

        JsonPath resolved = approveAndAwait(ticket, "RESOLVED");
        String deployment = resolved.getString("result.resultId");
        assertThat(deployment).isNotBlank();
        assertThat(resolved.getList("trail.deployments.id")).containsExactly(deployment);
        assertThat(resolved.getList("trail.deployments.state")).containsExactly("SUCCEEDED");
        assertThat(resolved.getList("history.to")).containsExactly("APPROVED", "IN_PROGRESS", "RESOLVED");
        alice.deploymentService().get("/api/v1/projects/{p}/deployments/{id}", project, deployment).then().statusCode(200)
                .body("trigger", equalTo("TICKET")).body("commit", equalTo(mergedMaster)).body("environmentId", equalTo("staging"));
        awaitDeployed("staging", mergedMaster);
    }

    @Test
    @Order(9)
    void productionRefusesACommitStagingNeverRanAndRollsTheStagedOneAcrossThreeNodes() {
        // featureHead succeeded on feature1 only: DEP-5 refuses it at VALIDATE.
        String refused = open(bob, "DEPLOY", "production", Map.of("commit", featureHead)).then().statusCode(201).extract().path("id");
        assertThat(bob.ticketService().get("/api/v1/tickets/{id}", refused).jsonPath().getBoolean("preview.deploy.promotion.holds")).isFalse();
        JsonPath failed = approveAndAwait(refused, "FAILED");
        assertThat(failed.getString("result.detail")).contains("DEP-5", featureHead.substring(0, 7));

        JsonPath resolved = approveAndAwait(open(bob, "DEPLOY", "production", Map.of("commit", mergedMaster)).then().statusCode(201)
                .extract().path("id"), "RESOLVED");
        String log = alice.deploymentService().get("/api/v1/projects/{p}/deployments/{id}/log", project, resolved.getString("result.resultId"))
                .then().statusCode(200).extract().asString();
        for (int node = 1; node <= 3; node++) {
            assertThat(log).contains("journey deploy of " + project + "-production on node " + node);
        }
        // ENV-6: three dedicated nodes, every one on the same release of the staged commit.
        JsonPath production = awaitDeployed("production", mergedMaster);
        assertThat(production.getString("hardware.kind")).isEqualTo("dedicated");
        assertThat(production.getList("nodes.node")).containsExactly(1, 2, 3);
        Awaitility.await("production's nodes report the release").atMost(Suite.PATIENCE).untilAsserted(() -> {
            JsonPath nodes = environment("production", 200);
            assertThat(nodes.getList("nodes.commit")).containsExactly(mergedMaster, mergedMaster, mergedMaster);
            assertThat(nodes.getList("nodes.release", String.class)).doesNotContainNull().containsOnly(nodes.getString("nodes[0].release"));
        });
    }

    @Test
    @Order(10)
    void aProductionVariableNeedsASettingsTicketAndReachesProductionAtItsNextTicketedDeployment() {
        // ENV-5: even an admin writes Production's settings only through a ticket.
        alice.environmentService().body(Map.of("name", "env:SHOP_SECRET", "value", SECRET))
                .post("/api/v1/projects/{p}/environments/production/variables", project).then().statusCode(403)
                .body("type", equalTo("urn:slipway:problem:ticket-required")).body("detail", containsString("DEPLOYMENT_SETTINGS"));

        String settings = open(alice, "DEPLOYMENT_SETTINGS", "production", Map.of("variables", List.of(
                Map.of("action", "SET", "name", "env:SHOP_SECRET", "value", SECRET, "sensitive", true)))).then().statusCode(201).extract().path("id");
        approveAndAwait(settings, "RESOLVED");
        String variables = alice.environmentService().get("/api/v1/projects/{p}/environments/production/variables", project)
                .then().statusCode(200).extract().asString();
        assertThat(variables).contains("env:SHOP_SECRET").doesNotContain(SECRET);

        // VAR-4: the settings ticket redeployed Production's commit (the browser journey checks that); a
        // later DEPLOY ticket's deployment has the variable too.
        JsonPath redeployed = approveAndAwait(open(alice, "DEPLOY", "production", Map.of("commit", mergedMaster)).then().statusCode(201)
                .extract().path("id"), "RESOLVED");
        String log = alice.deploymentService().get("/api/v1/projects/{p}/deployments/{id}/log", project, redeployed.getString("result.resultId"))
                .then().statusCode(200).extract().asString();
        assertThat(log).contains("shop secret sha256: " + sha256(SECRET)).doesNotContain(SECRET);
        for (String ticket : List.of(settings, redeployed.getString("id"))) {
            assertThat(carol.ticketService().get("/api/v1/tickets/{id}", ticket).then().statusCode(200).extract().asString()).doesNotContain(SECRET);
        }
    }

    @Test
    @Order(11)
    void anApprovedKeyReachesProductionWhereItSeesTheVariableAndAnUngrantedKeyIsRefused() {
        assertThat(bobsKey.ssh(project + "-production", "true").exitCode()).as("no grant yet").isNotZero();
        String ticket = open(bob, "ADD_SSH_KEY", "production", Map.of("publicKey", bobsKey.publicKey(), "title", "bob's laptop"))
                .then().statusCode(201).extract().path("id");
        assertThat(approveAndAwait(ticket, "RESOLVED").getString("result.resultId")).isNotBlank();

        // SSH-3: the command runs in Production's release with its runtime variables, env: prefix dropped (VAR-1).
        GitResult seen = Awaitility.await("bob reaches production").atMost(Suite.PATIENCE).until(() -> bobsKey.ssh(project + "-production",
                "printf %s \"$SHOP_SECRET\" | sha256sum | cut -c1-64; cat evidence"), result -> result.exitCode() == 0);
        assertThat(seen.output()).contains(sha256(SECRET), "post_deploy ran on production");
        assertThat(suite.logs()).as("SEC-3: no service logs the value").doesNotContain(SECRET);

        // SSH-2: alice is admin, but Production takes granted keys only.
        GitResult refused = alicesKey.ssh(project + "-production", "true");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.output()).contains("Permission denied");
    }

    @Test
    @Order(12)
    void aConfigurationChangeDeploysOnIntegrationButReachesStagingOnlyOnceItsDigestIsApproved() {
        alicesTree.git("fetch", "-q", "origin").requireSuccess();
        alicesTree.git("reset", "-q", "--hard", "origin/master").requireSuccess();
        String changed = alicesTree.write(".slipway/services.yaml", """
                database:
                  type: mysql:10.6
                  disk: 2048
                """).commit("A database");
        alicesTree.push("origin", "HEAD:refs/heads/master").requireSuccess();
        awaitDeployed("master", changed);

        String deploy = open(bob, "DEPLOY", "staging", Map.of("commit", changed)).then().statusCode(201).extract().path("id");
        JsonPath preview = bob.ticketService().get("/api/v1/tickets/{id}", deploy).jsonPath();
        assertThat(preview.getBoolean("preview.deploy.config.approvalNeeded")).isTrue();
        String digest = preview.getString("preview.deploy.config.digest");
        assertThat(digest).startsWith("sha256:");
        JsonPath refused = approveAndAwait(deploy, "FAILED");
        assertThat(refused.getString("result.detail")).contains("CFG-3: configuration change requires an approved DEPLOYMENT_SETTINGS ticket", digest);

        String approval = open(bob, "DEPLOYMENT_SETTINGS", "staging", Map.of("approveConfigOf", changed)).then().statusCode(201).extract().path("id");
        approveAndAwait(approval, "RESOLVED");

        // TKT-3: support retries the FAILED ticket as a new attempt.
        carol.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/retry", deploy).then().statusCode(200);
        JsonPath resolved = awaitTicket(deploy, "RESOLVED");
        assertThat(resolved.getInt("attempt")).isEqualTo(2);
        awaitDeployed("staging", changed);
    }

    @Test
    @Order(13)
    void goLivePutsProductionOnTheShopsDomain() {
        String domain = "shop-" + project + ".example.com";
        approveAndAwait(open(bob, "GO_LIVE", "production", Map.of("domains", List.of(domain))).then().statusCode(201).extract().path("id"),
                "RESOLVED");
        JsonPath production = environment("production", 200);
        assertThat(production.getList("liveDomains")).containsExactly(domain);
        assertThat(production.getString("urls.store")).isEqualTo("https://" + domain + "/");
    }

    // --- helpers ---

    private JsonPath environment(String id, int status) {
        return alice.environmentService().get("/api/v1/projects/{p}/environments/{e}", project, id).then().statusCode(status).extract().jsonPath();
    }

    private List<String> activeIntegrationEnvironments() {
        List<Map<String, Object>> items = alice.environmentService().queryParam("type", "INTEGRATION").queryParam("limit", 50)
                .get("/api/v1/projects/{p}/environments", project).then().statusCode(200).extract().jsonPath().getList("items");
        return items.stream().filter(item -> List.of("ACTIVE", "DIRTY").contains(item.get("status"))).map(item -> (String) item.get("id")).toList();
    }

    /** The environment once {@code commit} is its deployed commit and its latest deployment succeeded (ENV-8). */
    private JsonPath awaitDeployed(String id, String commit) {
        return Awaitility.await(id + " runs " + commit).atMost(Suite.PATIENCE).until(() -> environment(id, 200), env ->
                commit.equals(env.getString("deployedCommit")) && "SUCCEEDED".equals(env.getString("latestDeployment.state"))
                        && "ACTIVE".equals(env.getString("status")));
    }

    /** The environment's head once it contains {@code commit} (a merge or sync moved it): checked by the real git client. */
    private String awaitHeadContaining(String id, String commit) {
        return Awaitility.await(id + "'s head contains " + commit).atMost(Suite.PATIENCE).until(() -> {
            String head = environment(id, 200).getString("headCommit");
            if (head == null || head.equals(commit)) {
                return head;
            }
            bobsTree.git("fetch", "-q", "origin").requireSuccess();
            return bobsTree.git("merge-base", "--is-ancestor", commit, head).exitCode() == 0 ? head : null;
        }, head -> head != null);
    }

    private List<Map<String, Object>> deployments(String environment) {
        return alice.deploymentService().queryParam("environment", environment).get("/api/v1/projects/{p}/deployments", project)
                .then().statusCode(200).extract().jsonPath().getList("items");
    }

    /** The newest deployment of {@code commit} on {@code environment}, once it SUCCEEDED. */
    private Map<String, Object> awaitDeployment(String environment, String commit) {
        Predicate<Map<String, Object>> finished = item -> !List.of("QUEUED", "RUNNING").contains(item.get("state"));
        Map<String, Object> deployment = Awaitility.await(environment + " deploys " + commit).atMost(Suite.PATIENCE).until(() ->
                deployments(environment).stream().filter(item -> commit.equals(item.get("commit"))).findFirst().orElse(null),
                found -> found != null && finished.test(found));
        assertThat(deployment.get("state")).as(deployment.toString()).isEqualTo("SUCCEEDED");
        return deployment;
    }

    private String log(Map<String, Object> deployment) {
        return alice.deploymentService().get("/api/v1/projects/{p}/deployments/{id}/log", project, deployment.get("id"))
                .then().statusCode(200).extract().asString();
    }

    /** API-3: a 202 whose {@code Location} names the activity, followed until it is COMPLETE. */
    private JsonPath awaitActivity(Response accepted, String type) {
        accepted.then().statusCode(202).body("type", equalTo(type));
        String location = accepted.header("Location");
        assertThat(location).isNotBlank();
        return Awaitility.await(type + " " + location).atMost(Suite.PATIENCE).until(() ->
                alice.environmentService().get(location).then().statusCode(200).extract().jsonPath(),
                activity -> "COMPLETE".equals(activity.getString("state")));
    }

    private Response open(SuiteClient who, String type, String environment, Map<String, Object> payload) {
        return who.ticketService().body(Map.of("type", type, "projectId", project, "environmentId", environment, "subject", type + " please",
                "payload", payload)).post("/api/v1/tickets");
    }

    /** carol (support) approves; the ticket ends in {@code state} (TKT-5). */
    private JsonPath approveAndAwait(String ticket, String state) {
        carol.ticketService().body(Map.of()).post("/api/v1/tickets/{id}/approve", ticket).then().statusCode(200);
        return awaitTicket(ticket, state);
    }

    private JsonPath awaitTicket(String ticket, String state) {
        JsonPath done = Awaitility.await("ticket " + ticket + " " + state).atMost(Suite.PATIENCE).until(() ->
                carol.ticketService().get("/api/v1/tickets/{id}", ticket).then().statusCode(200).extract().jsonPath(),
                json -> List.of("RESOLVED", "FAILED").contains(json.getString("state")));
        assertThat(done.getString("state")).as(done.prettify()).isEqualTo(state);
        return done;
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The steps of a journey build on each other: once one fails, the later ones are skipped (and
     * reported as such) rather than each failing after waiting out its bounds.
     */
    static final class StopAfterFirstFailure implements ExecutionCondition, TestWatcher {

        private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(StopAfterFirstFailure.class);

        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            String failed = context.getTestMethod().isEmpty() ? null
                    : context.getParent().orElseThrow().getStore(NAMESPACE).get("failed", String.class);
            return failed == null ? ConditionEvaluationResult.enabled("no step failed")
                    : ConditionEvaluationResult.disabled("an earlier step failed: " + failed);
        }

        @Override
        public void testFailed(ExtensionContext context, Throwable cause) {
            context.getParent().orElseThrow().getStore(NAMESPACE).put("failed", context.getDisplayName());
        }
    }
}
