package dev.slipway.ticket;

import static dev.slipway.ticket.support.TicketWorld.as;
import static dev.slipway.ticket.support.TicketWorld.support;
import static dev.slipway.testing.NextActions.refusal;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import dev.slipway.testing.NextActions;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.ticket.support.GeneratedKey;
import dev.slipway.ticket.support.ServiceStandIns;
import dev.slipway.ticket.support.TicketWorld;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The tickets API: opening with checked payloads (TKT-1, TKT-2), previews, lists (TKT-6) and who may do what (TKT-4). */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class TicketApiTest {

    private static final String C1 = "1111111111111111111111111111111111111111";
    private static final String C2 = "2222222222222222222222222222222222222222";

    @Test
    void aDeployTicketWithoutCommitTakesTheSourceTiersLastSuccessAndPreviewsWhatChanges() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        ServiceStandIns.start().configCheck(world.project, "staging", C2, "sha256:" + "b".repeat(64), "sha256:" + "a".repeat(64), true);
        world.deployment("succeeded", UUID.randomUUID().toString(), "master", C1, "SUCCEEDED", "POST_DEPLOY", null, null, null);
        world.deployment("succeeded", UUID.randomUUID().toString(), "staging", C1, "SUCCEEDED", "POST_DEPLOY", null, null, null);
        world.deployment("succeeded", UUID.randomUUID().toString(), "master", C2, "SUCCEEDED", "POST_DEPLOY", null, null, null);
        Awaitility.await().atMost(30, TimeUnit.SECONDS).untilAsserted(() -> world.open("bob", "DEPLOY", "staging", null).statusCode(201)
                .body("payload.commit", equalTo(C2)).body("payload.commitDefaulted", equalTo(true))
                .body("preview.deploy.currentCommit", equalTo(C1)).body("preview.deploy.commit", equalTo(C2))
                .body("preview.deploy.promotion.holds", equalTo(true))
                .body("preview.deploy.changedPaths[0].path", equalTo(".slipway/app.yaml"))
                .body("preview.deploy.config.changes", equalTo(true)).body("preview.deploy.config.approvalNeeded", equalTo(true))
                .body("state", equalTo("OPEN")).body("allowedActions", contains("CANCEL", "COMMENT")));
    }

    @Test
    void aDeployToProductionOfACommitStagingNeverRanPreviewsThatDep5DoesNotHold() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        ServiceStandIns.start().commits(world.project, C2);
        String id = world.openId("bob", "DEPLOY", "production", "{\"commit\":\"2222222\"}");
        as("bob").get("/api/v1/tickets/" + id).then().statusCode(200).body("payload.commit", equalTo(C2))
                .body("payload.commitDefaulted", equalTo(false)).body("preview.deploy.promotion.holds", equalTo(false))
                .body("preview.deploy.promotion.detail", containsString("DEP-5")).body("preview.unavailable", hasItem("deployment-service"));
    }

    @Test
    void payloadsAreCheckedWhenOpenedAndChangeNothingWhenRefused() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        ServiceStandIns.start().commits(world.project, C1);
        world.open("bob", "DEPLOY", "feature-x", null).statusCode(422).body("detail", containsString("Integration environments are self-service"));
        world.open("bob", "GO_LIVE", "staging", "{\"domains\":[\"shop.example.com\"]}").statusCode(422);
        world.open("bob", "DEPLOY", "staging", "{\"commit\":\"not-a-sha\"}").statusCode(400).body("violations[0].field", equalTo("payload.commit"));
        world.open("bob", "DEPLOY", "staging", "{\"commit\":\"abcdef0\"}").statusCode(422).body("detail", containsString("not in the project's repository"));
        world.open("bob", "DEPLOY", "staging", null).statusCode(422).body("detail", containsString("no successful deployment"));
        world.open("bob", "DEPLOY", "staging", "{\"domains\":[\"a.example.com\"]}").statusCode(400).body("violations[0].field", equalTo("payload.domains"));
        world.open("bob", "GO_LIVE", "production", "{\"domains\":[\"not a host\"]}").statusCode(400).body("violations[0].field", equalTo("payload.domains[0]"));
        world.open("bob", "ADD_SSH_KEY", "staging", "{\"publicKey\":\"ssh-dss AAAAB3NzaC1kc3M\"}").statusCode(400);
        String privateKey = GeneratedKey.ed25519("bob@laptop").privateText();
        String privateBody = privateKey.lines().filter(line -> !line.startsWith("-----")).findFirst().orElseThrow();
        world.open("bob", "ADD_SSH_KEY", "staging", "{\"publicKey\":\"" + privateKey.replace("\n", "\\n") + "\"}").statusCode(400)
                .body(not(containsString(privateBody)));
        world.open("bob", "DEPLOYMENT_SETTINGS", "staging", "{\"variables\":[{\"action\":\"SET\",\"name\":\"bad name\",\"value\":\"x\"}]}").statusCode(400)
                .body("violations[0].field", equalTo("payload.variables[0].name"));
        world.open("bob", "DEPLOYMENT_SETTINGS", "staging", "{\"variables\":[{\"action\":\"SET\",\"name\":\"J\",\"value\":\"{\",\"json\":true}]}").statusCode(400);
        world.open("bob", "DEPLOYMENT_SETTINGS", "staging", "{}").statusCode(400);
        as("bob").body("{\"type\":\"GENERAL\",\"projectId\":\"" + world.project + "\",\"environmentId\":\"master\",\"subject\":\"x\",\"extra\":1}")
                .post("/api/v1/tickets").then().statusCode(400);
        as("bob").get("/api/v1/tickets?project=" + world.project).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
    }

    @Test
    void previewsOfKeysDomainsAndVariablesShowWhatApprovalChangesButNeverASensitiveValue() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        ServiceStandIns standIns = ServiceStandIns.start();
        standIns.liveDomains(world.project, "[\"old.example.com\"]");
        standIns.variables(world.project, "production", "[{\"name\":\"API_KEY\",\"value\":null,\"json\":false,\"sensitive\":true,\"inheritable\":true,"
                + "\"visibleBuild\":true,\"visibleRuntime\":true,\"enabled\":true},{\"name\":\"MODE\",\"value\":\"slow\",\"json\":false,\"sensitive\":false,"
                + "\"inheritable\":true,\"visibleBuild\":true,\"visibleRuntime\":true,\"enabled\":true}]");
        String key = world.openId("bob", "ADD_SSH_KEY", "production", "{\"publicKey\":\"" + GeneratedKey.ed25519("bob@laptop").publicLine() + "\",\"expiresAt\":\"2030-01-01T00:00:00Z\"}");
        as("bob").get("/api/v1/tickets/" + key).then().body("preview.sshKey.keyType", equalTo("ssh-ed25519"))
                .body("preview.sshKey.fingerprint", containsString("SHA256:")).body("preview.sshKey.title", equalTo("bob@laptop"))
                .body("preview.sshKey.expiresAt", equalTo("2030-01-01T00:00:00Z"));
        String live = world.openId("bob", "GO_LIVE", "production", "{\"domains\":[\"Shop.Example.com\"]}");
        as("bob").get("/api/v1/tickets/" + live).then().body("preview.goLive.domains", contains("shop.example.com"))
                .body("preview.goLive.currentDomains", contains("old.example.com"));
        String settings = world.openId("bob", "DEPLOYMENT_SETTINGS", "production", "{\"variables\":["
                + "{\"action\":\"SET\",\"name\":\"API_KEY\",\"value\":\"s3cr3t-rotated\"},"
                + "{\"action\":\"SET\",\"name\":\"DB_PASSWORD\",\"value\":\"hunter2-secret\",\"sensitive\":true},"
                + "{\"action\":\"SET\",\"name\":\"MODE\",\"value\":\"fast\"},{\"action\":\"DELETE\",\"name\":\"GONE\"}]}");
        String body = as("bob").get("/api/v1/tickets/" + settings).then().statusCode(200)
                .body("preview.settings.variables.change", contains("CHANGED", "ADDED", "CHANGED", "ABSENT"))
                .body("preview.settings.variables[0].after.value", nullValue()).body("preview.settings.variables[2].before.value", equalTo("slow"))
                .body("preview.settings.variables[2].after.value", equalTo("fast")).body("payload.variables[0].sealedValue", equalTo(true))
                .extract().asString();
        org.assertj.core.api.Assertions.assertThat(body).doesNotContain("s3cr3t-rotated").doesNotContain("hunter2-secret");
    }

    @Test
    void listsFilterAndSortByPriorityThenAgeAndPage() {
        TicketWorld world = new TicketWorld().member("bob", "contributor").member("carol", "contributor");
        String low = idOf(as("bob").body(general(world, "LOW")).post("/api/v1/tickets").then().statusCode(201).extract().path("id"));
        String urgent = idOf(as("carol").body(general(world, "URGENT")).post("/api/v1/tickets").then().statusCode(201).extract().path("id"));
        String normal = idOf(as("bob").body(general(world, null)).post("/api/v1/tickets").then().statusCode(201).extract().path("id"));
        as("bob").get("/api/v1/tickets?project=" + world.project).then().statusCode(200).body("items.id", contains(urgent, normal, low));
        String next = as("bob").get("/api/v1/tickets?limit=2&project=" + world.project).then().body("items.id", contains(urgent, normal))
                .extract().path("next");
        as("bob").get("/api/v1/tickets?limit=2&project=" + world.project + "&cursor=" + next).then().body("items.id", contains(low))
                .body("next", nullValue());
        as("bob").get("/api/v1/tickets?project=" + world.project + "&requester=carol").then().body("items.id", contains(urgent));
        as("bob").get("/api/v1/tickets?project=" + world.project + "&type=DEPLOY").then().body("items", org.hamcrest.Matchers.empty());
        as("bob").get("/api/v1/tickets?state=WAITING").then().statusCode(400);
        as("bob").get("/api/v1/tickets?cursor=%%%").then().statusCode(400);
        as("mallory").get("/api/v1/tickets?project=" + world.project).then().statusCode(200).body("items", org.hamcrest.Matchers.empty());
        support("sam").get("/api/v1/tickets?project=" + world.project).then().body("items.id", contains(urgent, normal, low));
    }

    private static String idOf(String id) {
        return id;
    }

    private static String general(TicketWorld world, String priority) {
        return "{\"type\":\"GENERAL\",\"projectId\":\"" + world.project + "\",\"environmentId\":\"master\",\"subject\":\"Question\""
                + (priority == null ? "" : ",\"priority\":\"" + priority + "\"") + "}";
    }

    /** TKT-4: requester, other member, viewer, non-member, support, support on their own ticket, no token. */
    @Test
    void whoMayDoWhatFollowsTkt4() {
        TicketWorld world = new TicketWorld().member("bob", "contributor").member("carol", "contributor").member("vic", "viewer")
                .member("sue", "admin");
        world.open("vic", "GENERAL", "master", null).statusCode(403);
        world.open("mallory", "GENERAL", "master", null).statusCode(404);
        given().contentType(ContentType.JSON).body("{}").post("/api/v1/tickets").then().statusCode(401);
        String id = world.openId("bob", "GENERAL", "master", null);
        String path = "/api/v1/tickets/" + id;
        given().get(path).then().statusCode(401);
        as("mallory").get(path).then().statusCode(404);
        as("vic").get(path).then().statusCode(200).body("allowedActions", contains("COMMENT"));
        support("sam").get(path).then().statusCode(200).body("allowedActions", contains("REJECT", "RESOLVE", "COMMENT"));
        for (String action : List.of("approve", "resolve")) {
            as("carol").body("{}").post(path + "/" + action).then().statusCode(403).body("type", containsString("support-only"));
            as("bob").body("{}").post(path + "/" + action).then().statusCode(403);
        }
        as("carol").body("{}").post(path + "/cancel").then().statusCode(403).body("type", containsString("requester-only"));
        support("sam").body("{}").post(path + "/cancel").then().statusCode(403);
        as("mallory").body("{}").post(path + "/cancel").then().statusCode(404);
        as("vic").body("{\"body\":\"me too\"}").post(path + "/comments").then().statusCode(201);
        as("mallory").body("{\"body\":\"hi\"}").post(path + "/comments").then().statusCode(404);
        support("sam").body("{}").post(path + "/reject").then().statusCode(422).body("type", containsString("reason-required"));
        support("sam").body("{\"body\":\"Looking\"}").post(path + "/comments").then().statusCode(201);
        support("sam").get(path).then().body("firstResponseAt", not(nullValue()));
        support("sam").body("{\"reason\":\"answered\"}").post(path + "/resolve").then().statusCode(200).body("state", equalTo("RESOLVED"))
                .body("history[0].actor", equalTo("sam")).body("history[0].reason", equalTo("answered")).body("resolvedAt", not(nullValue()));
        // Support who is also a member never decides their own ticket.
        world.member("sam", "contributor");
        String own = world.openId("sam", "GENERAL", "master", null);
        support("sam").body("{}").post("/api/v1/tickets/" + own + "/resolve").then().statusCode(403).body("type", containsString("own-ticket"));
        as("bob").body("{}").post("/api/v1/tickets/" + own + "/cancel").then().statusCode(403);
        support("sam").body("{}").post("/api/v1/tickets/" + own + "/cancel").then().statusCode(200).body("state", equalTo("CANCELLED"));
        support("ann").body("{}").post("/api/v1/tickets/" + own + "/resolve").then().statusCode(409).body("detail", containsString("CANCELLED"));
    }

    @Test
    void ifMatchAndIdempotencyKeyFollowApi5AndApi6() {
        TicketWorld world = new TicketWorld().member("bob", "contributor");
        String body = general(world, "HIGH");
        String first = as("bob").header("Idempotency-Key", "k-" + world.project).body(body).post("/api/v1/tickets").then().statusCode(201)
                .extract().path("id");
        as("bob").header("Idempotency-Key", "k-" + world.project).body(body).post("/api/v1/tickets").then().statusCode(201).body("id", equalTo(first));
        as("bob").header("Idempotency-Key", "k-" + world.project).body(general(world, "LOW")).post("/api/v1/tickets").then().statusCode(422);
        String etag = as("bob").get("/api/v1/tickets/" + first).then().extract().header("ETag");
        as("bob").body("{\"body\":\"more detail\"}").post("/api/v1/tickets/" + first + "/comments").then().statusCode(201);
        support("sam").header("If-Match", etag).body("{}").post("/api/v1/tickets/" + first + "/resolve").then().statusCode(412);
        as("bob").get("/api/v1/tickets/" + first).then().body("state", equalTo("OPEN")).body("comments[0].body", equalTo("more detail"));
    }

    /**
     * The ticket view says what the caller may do next: every action, and each refused one, tried,
     * answers exactly the view's refusal (TKT-4 who, then TKT-3 the state).
     */
    @Test
    void theViewsActionsRefuseWhatTheEndpointsRefuseWithTheSameProblem() {
        TicketWorld world = new TicketWorld().member("bob", "contributor").member("carol", "contributor");
        String path = "/api/v1/tickets/" + world.openId("bob", "GENERAL", "master", null);

        Map<String, Map<String, Object>> carol = checkedActions(() -> as("carol"), path);
        assertThat(carol.keySet()).containsExactly("approve", "reject", "cancel", "retry", "resolve", "comment");
        assertThat(refusal(carol, "approve")).containsEntry("rule", "TKT-4").containsEntry("type", "urn:slipway:problem:support-only");
        assertThat(refusal(carol, "cancel")).containsEntry("detail", "Only the requester cancels a ticket.");
        assertThat(carol.get("comment")).containsEntry("allowed", true);

        Map<String, Map<String, Object>> sam = checkedActions(() -> support("sam"), path);
        assertThat(refusal(sam, "approve")).containsEntry("rule", "TKT-3").containsEntry("detail", "This GENERAL ticket is OPEN: it cannot be approved.");
        assertThat(sam.get("reject")).containsEntry("allowed", true);
        assertThat(sam.get("resolve")).containsEntry("allowed", true);

        support("sam").body("{\"reason\":\"not for us\"}").post(path + "/reject").then().statusCode(200);
        Map<String, Map<String, Object>> decided = checkedActions(() -> support("sam"), path);
        assertThat(refusal(decided, "resolve")).containsEntry("type", "urn:slipway:problem:invalid-ticket-state");
        assertThat(decided.values()).filteredOn(action -> Boolean.TRUE.equals(action.get("allowed"))).extracting(action -> action.get("name"))
                .containsExactly("comment");
    }

    /** The ticket's actions by name, each refused one tried by {@code caller} (NextActions.checked). */
    private static Map<String, Map<String, Object>> checkedActions(Supplier<RequestSpecification> caller, String path) {
        List<Map<String, Object>> actions = caller.get().get(path).then().statusCode(200).extract().path("actions");
        return NextActions.checked(actions, name -> name.equals("comment")
                ? caller.get().body("{\"body\":\"tried\"}").post(path + "/comments").then()
                : caller.get().body("{\"reason\":\"tried\"}").post(path + "/" + name).then());
    }
}
