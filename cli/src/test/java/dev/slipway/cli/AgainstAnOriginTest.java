package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The client against a real HTTP server on this machine (the JDK's, {@link FakeOrigin}) that answers as the one
 * origin does: lists and their formats, problems and exit codes, waiting for activities, tickets and deployment
 * logs, resuming a dropped log stream.
 */
class AgainstAnOriginTest {

    private static final String ENVIRONMENTS = "/api/v1/projects/shop/environments?limit=200";

    @TempDir
    Path home;

    private FakeOrigin origin;

    @BeforeEach
    void start() throws IOException {
        origin = new FakeOrigin();
    }

    @AfterEach
    void stop() {
        origin.close();
    }

    private CliRun cli() {
        return new CliRun(home).against(origin, Tokens.of("alice"));
    }

    private static String environment(String id, String type, String status, String parent, String deployment) {
        return "{\"id\":\"" + id + "\",\"projectId\":\"shop\",\"title\":\"" + id.substring(0, 1).toUpperCase() + id.substring(1)
                + "\",\"type\":\"" + type + "\",\"status\":\"" + status + "\",\"parent\":" + (parent == null ? "null" : "\"" + parent + "\"")
                + ",\"branch\":\"" + id + "\",\"deployedCommit\":\"3b4eecac5cb7524e8bf5ef12d7380f2e104021b6\",\"latestDeployment\":"
                + (deployment == null ? "null" : "{\"id\":\"d1\",\"state\":\"" + deployment + "\"}")
                + ",\"urls\":{\"store\":\"https://" + id + "-shop.local/\",\"ssh\":\"ssh://shop-" + id + "@127.0.0.1:2222\"}}";
    }

    private void environments() {
        origin.json("GET", ENVIRONMENTS, 200, "{\"items\":[" + String.join(",",
                environment("feature-b", "INTEGRATION", "ACTIVE", "master", "SUCCEEDED"),
                environment("master", "INTEGRATION", "ACTIVE", null, "SUCCEEDED"),
                environment("production", "PRODUCTION", "ACTIVE", null, null),
                environment("sprint-1", "INTEGRATION", "INACTIVE", "feature-b", null),
                environment("hotfix", "INTEGRATION", "DIRTY", "sprint-1", "RUNNING"),
                environment("feature-a", "INTEGRATION", "ACTIVE", "master", "FAILED"),
                environment("staging", "STAGING", "ACTIVE", null, "SUCCEEDED")) + "],\"next\":null}");
    }

    @Test
    void environmentListIsATreeSizedToTheTerminal() {
        environments();
        CliRun.Result wide = cli().terminal(100).run("environment:list", "-p", "shop");
        assertThat(wide.exitCode()).isZero();
        Golden.assertMatches("environment-list-100.txt", wide.out());
        CliRun.Result narrow = cli().terminal(60).run("env", "-p", "shop");
        Golden.assertMatches("environment-list-60.txt", narrow.out());
        assertThat(narrow.out().lines()).allSatisfy(line -> assertThat(line).hasSizeLessThanOrEqualTo(60));
        assertThat(origin.requests().get(0).header("Authorization")).isEqualTo("Bearer " + Tokens.of("alice"));
    }

    @Test
    void hidingInactiveEnvironmentsKeepsTheirChildrenUnderTheNearestShownOne() {
        environments();
        CliRun.Result result = cli().run("environment:list", "-p", "shop", "-I", "--columns", "id,parent", "--no-header");
        assertThat(result.out()).isEqualTo("production\t\nstaging\t\nmaster\t\nfeature-a\tmaster\nfeature-b\tmaster\nhotfix\tsprint-1\n");
    }

    @Test
    void jsonIsTheApisOwnViewOfEachItem() throws IOException {
        environments();
        JsonNode printed = Json.parse(cli().run("environment:list", "-p", "shop", "--format", "json").out());
        assertThat(printed.isArray()).isTrue();
        assertThat(printed).hasSize(7);
        JsonNode master = printed.get(2);
        assertThat(Json.write(master)).isEqualTo(Json.write(Json.parse(environment("master", "INTEGRATION", "ACTIVE", null, "SUCCEEDED"))));
    }

    @Test
    void aListFollowsItsPages() {
        origin.json("GET", "/api/v1/projects?limit=200", 200,
                "{\"items\":[{\"id\":\"one\",\"title\":\"One\"}],\"next\":\"c1\"}");
        origin.json("GET", "/api/v1/projects?limit=200&cursor=c1", 200, "{\"items\":[{\"id\":\"two\",\"title\":\"Two\"}],\"next\":null}");
        CliRun.Result result = cli().run("projects", "--columns", "id", "--no-header");
        assertThat(result.out()).isEqualTo("one\ntwo\n");
    }

    @Test
    void aProblemIsPrintedAsErrorWithItsTypeAndTheStatusDecidesTheExitCode() {
        origin.problem("GET", "/api/v1/projects/nope", 404, "not-found", "Project nope does not exist or you are not a member.");
        origin.problem("POST", "/api/v1/projects/shop/environments/production/variables", 403, "ticket-required",
                "Production settings change only through an approved support ticket: open a DEPLOYMENT_SETTINGS ticket.");
        origin.problem("POST", "/api/v1/projects/shop/environments/master/deactivate", 409, "master-environment",
                "The master environment cannot be deactivated.");
        origin.problem("GET", "/api/v1/projects?limit=200", 401, "unauthenticated", "A valid bearer token is required.");

        CliRun.Result notFound = cli().run("project:info", "-p", "nope");
        assertThat(notFound.exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(notFound.err()).isEqualTo("Error: Project nope does not exist or you are not a member. (not-found)\n");
        assertThat(notFound.out()).isEmpty();

        CliRun.Result forbidden = cli().run("variable:create", "-p", "shop", "-e", "production", "X", "--value", "1");
        assertThat(forbidden.exitCode()).isEqualTo(ExitCodes.FORBIDDEN);
        assertThat(forbidden.err()).isEqualTo("Error: Production settings change only through an approved support ticket: open a "
                + "DEPLOYMENT_SETTINGS ticket. (ticket-required)\n");

        CliRun.Result conflict = cli().run("environment:deactivate", "-p", "shop", "-e", "master", "-y");
        assertThat(conflict.exitCode()).isEqualTo(ExitCodes.CONFLICT);
        assertThat(conflict.err()).isEqualTo("Error: The master environment cannot be deactivated. (master-environment)\n");

        assertThat(cli().run("projects").exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
    }

    @Test
    void aProblemWithRuleViolationsAndCorrelationIdShowsThemAll() {
        origin.on("POST", "/api/v1/projects", exchange -> FakeOrigin.send(exchange, 400, "application/problem+json",
                "{\"type\":\"urn:slipway:problem:invalid-request\",\"rule\":\"ENV-1\",\"status\":400,\"detail\":\"id: must be 3-32 lowercase letters\","
                        + "\"violations\":[{\"field\":\"id\",\"message\":\"must be 3-32 lowercase letters\"}]}"));
        origin.on("GET", "/api/v1/projects/shop", exchange -> FakeOrigin.send(exchange, 500, "application/problem+json",
                "{\"type\":\"urn:slipway:problem:internal\",\"status\":500,\"detail\":\"Unexpected failure\",\"correlationId\":\"c-42\"}"));
        CliRun.Result invalid = cli().run("project:create", "A-b");
        assertThat(invalid.exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(invalid.err()).isEqualTo("Error: id: must be 3-32 lowercase letters (ENV-1, invalid-request)\n  id: must be 3-32 lowercase letters\n");
        CliRun.Result failed = cli().run("project:info", "-p", "shop");
        assertThat(failed.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(failed.err()).isEqualTo("Error: Unexpected failure (internal)\n  correlation id: c-42\n");
    }

    @Test
    void anOriginThatDoesNotAnswerIsExitSeven() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        CliRun.Result result = new CliRun(home).env("SLIPWAY_CLI_URL", "http://127.0.0.1:" + port).env("SLIPWAY_CLI_TOKEN", "t").run("projects");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.UNAVAILABLE);
        assertThat(result.err()).isEqualTo("Error: No answer from http://127.0.0.1:" + port + " (is the suite running? bin/slipway status)\n");
    }

    private static String activity(String state, String result, String log) {
        return "{\"id\":\"a1\",\"projectId\":\"shop\",\"environmentId\":\"feature-x\",\"type\":\"environment.branch\",\"state\":\"" + state
                + "\",\"result\":" + (result == null ? "null" : "\"" + result + "\"") + ",\"log\":\"" + log + "\"}";
    }

    @Test
    void branchWaitsForItsActivityAndPrintsItsLog() throws IOException {
        origin.json("POST", "/api/v1/projects/shop/environments/master/branch", 202, activity("IN_PROGRESS", null, "t1 requested\\n"));
        origin.json("GET", "/api/v1/projects/shop/activities/a1", 200, activity("IN_PROGRESS", null, "t1 requested\\nt2 asked the git host\\n"));
        origin.json("GET", "/api/v1/projects/shop/activities/a1", 200, activity("COMPLETE", "SUCCESS", "t1 requested\\nt2 asked the git host\\nt3 created\\n"));
        CliRun.Result result = cli().run("branch", "feature/x", "master", "-p", "shop", "--title", "X");
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEqualTo("  t1 requested\nenvironment.branch of feature-x: IN_PROGRESS\n  t2 asked the git host\n  t3 created\n"
                + "environment.branch of feature-x succeeded (activity a1).\n");
        JsonNode body = Json.parse(origin.requests().get(0).body());
        assertThat(Json.write(body)).isEqualTo("{\"name\":\"feature/x\",\"title\":\"X\"}");
    }

    @Test
    void onATerminalAProgressLineIsRewrittenInPlaceAndClearedBeforeEachLogLine() {
        origin.json("POST", "/api/v1/projects/shop/environments/master/redeploy", 202, activity("PENDING", null, ""));
        origin.json("GET", "/api/v1/projects/shop/activities/a1", 200, activity("IN_PROGRESS", null, ""));
        origin.json("GET", "/api/v1/projects/shop/activities/a1", 200, activity("COMPLETE", "SUCCESS", "t1 done\\n"));
        CliRun.Result result = cli().terminal(80).run("redeploy", "-p", "shop", "-e", "master");
        assertThat(result.exitCode()).isZero();
        String progress = "environment.branch of feature-x: PENDING (0 s)";
        assertThat(result.err()).startsWith("\r" + progress + "\renvironment.branch of feature-x: IN_PROGRESS (0 s)")
                .contains("\r" + " ".repeat("environment.branch of feature-x: IN_PROGRESS (0 s)".length()) + "\r  t1 done\n")
                .endsWith("environment.branch of feature-x succeeded (activity a1).\n");
    }

    @Test
    void sshAndUrlReadTheEnvironmentsUrls() {
        origin.json("GET", "/api/v1/projects/shop/environments/master", 200, environment("master", "INTEGRATION", "ACTIVE", null, null));
        assertThat(cli().run("ssh", "-p", "shop", "-e", "master", "--pipe").out()).isEqualTo("ssh://shop-master@127.0.0.1:2222\n");
        assertThat(cli().run("url", "-p", "shop", "-e", "master").out()).isEqualTo("https://master-shop.local/\n");
        assertThat(cli().run("url", "-p", "shop", "-e", "master", "--all", "--no-header").out())
                .isEqualTo("store\thttps://master-shop.local/\nssh\tssh://shop-master@127.0.0.1:2222\n");
    }

    @Test
    void aFailedActivityExitsOneWithItsLastLogLine() {
        origin.json("POST", "/api/v1/projects/shop/environments/sprint1/merge", 202, activity("IN_PROGRESS", null, ""));
        origin.json("GET", "/api/v1/projects/shop/activities/a1", 200,
                activity("COMPLETE", "FAILURE", "2026-11-28T08:00:00Z requested\\n2026-11-28T08:00:01Z conflicting paths: index.html\\n"));
        CliRun.Result result = cli().run("merge", "-p", "shop", "-e", "sprint1", "-y");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).endsWith("Error: environment.branch of feature-x failed (activity a1): conflicting paths: index.html\n");
    }

    @Test
    void noWaitPrintsTheActivityIdAndReturns() {
        origin.json("POST", "/api/v1/projects/shop/environments/master/redeploy", 202, activity("PENDING", null, ""));
        CliRun.Result result = cli().run("redeploy", "-p", "shop", "-e", "master", "-W");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("a1\n");
        assertThat(origin.requests()).hasSize(1);
    }

    @Test
    void approvingATicketWaitsUntilItIsFulfilled() {
        String ticket = "{\"id\":\"t1\",\"state\":\"%s\",\"result\":{\"detail\":\"deployment d9 succeeded\",\"resultId\":\"d9\"}}";
        origin.json("POST", "/api/v1/tickets/t1/approve", 200, ticket.formatted("APPROVED"));
        origin.json("GET", "/api/v1/tickets/t1", 200, ticket.formatted("IN_PROGRESS"));
        origin.json("GET", "/api/v1/tickets/t1", 200, ticket.formatted("RESOLVED"));
        CliRun.Result result = new CliRun(home).against(origin, Tokens.of("carol", "support")).run("ticket:approve", "t1", "--reason", "ok");
        assertThat(result.exitCode()).isZero();
        assertThat(result.err()).isEqualTo("ticket t1: APPROVED\nticket t1: IN_PROGRESS\nTicket t1 RESOLVED: deployment d9 succeeded\n");
        assertThat(origin.requests().get(0).body()).isEqualTo("{\"reason\":\"ok\"}");
    }

    @Test
    void aTicketThatFailsExitsOne() {
        origin.json("POST", "/api/v1/tickets/t1/approve", 200, "{\"id\":\"t1\",\"state\":\"APPROVED\"}");
        origin.json("GET", "/api/v1/tickets/t1", 200, "{\"id\":\"t1\",\"state\":\"FAILED\",\"result\":{\"detail\":\"DEP-5: commit abc never ran on staging\"}}");
        CliRun.Result result = cli().run("ticket:approve", "t1");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.err()).endsWith("Error: Ticket t1 FAILED: DEP-5: commit abc never ran on staging\n");
    }

    @Test
    void aDeploymentSettingsTicketCarriesItsVariables() throws IOException {
        origin.json("POST", "/api/v1/tickets", 201, "{\"id\":\"t7\",\"state\":\"OPEN\",\"environmentId\":\"production\"}");
        CliRun.Result result = cli().run("ticket:create", "-p", "shop", "-e", "production", "--type", "deployment_settings", "--subject", "Secret",
                "--set", "env:MODE=live", "--set-sensitive", "env:KEY=s=3", "--unset", "OLD");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("t7\n");
        assertThat(Json.write(Json.parse(origin.requests().get(0).body()))).isEqualTo("{\"type\":\"DEPLOYMENT_SETTINGS\","
                + "\"projectId\":\"shop\",\"environmentId\":\"production\",\"subject\":\"Secret\",\"payload\":{\"variables\":["
                + "{\"action\":\"SET\",\"name\":\"env:MODE\",\"value\":\"live\"},{\"action\":\"SET\",\"name\":\"env:KEY\",\"value\":\"s=3\",\"sensitive\":true},"
                + "{\"action\":\"DELETE\",\"name\":\"OLD\"}]}}");
    }

    @Test
    void aVariableNameWithAColonStaysOnePathSegmentAndOnlyGivenFlagsAreSent() {
        origin.json("PATCH", "/api/v1/projects/shop/environments/master/variables/env%3AMODE", 200, "{\"name\":\"env:MODE\"}");
        CliRun.Result result = cli().run("variable:update", "-p", "shop", "-e", "master", "env:MODE", "--value", "x", "--sensitive", "--enabled=false");
        assertThat(result.exitCode()).isZero();
        assertThat(origin.requests().get(0).body()).isEqualTo("{\"sensitive\":true,\"enabled\":false,\"value\":\"x\"}");
    }

    private static void sse(OutputStream out, String text) throws IOException {
        out.write(text.getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    private static String line(int seq, String phase, Integer node, String text) {
        return "id:" + seq + "\nevent:line\ndata:{\"seq\":" + seq + ",\"at\":\"2026-11-28T08:00:0" + seq + "Z\",\"phase\":\"" + phase + "\",\"node\":"
                + node + ",\"stream\":\"out\",\"text\":\"" + text + "\"}\n\n";
    }

    @Test
    void followingALogResumesAfterTheLastLineWhenTheStreamDrops() {
        String stream = "/api/v1/projects/shop/deployments/d1/log/stream";
        origin.on("GET", stream, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            sse(out, line(1, "VALIDATE", null, "deploying"));
            sse(out, line(2, "BUILD", null, "building"));
            exchange.close(); // the origin restarted: no end event
        });
        origin.on("GET", stream, exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            sse(out, ": resumed\n\n");
            sse(out, line(3, "DEPLOY", 1, "switched"));
            sse(out, "event:end\ndata:{\"id\":\"d1\",\"state\":\"SUCCEEDED\",\"detail\":null}\n\n");
            exchange.close();
        });
        CliRun.Result result = cli().run("deployment:log", "d1", "-p", "shop", "--follow");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("""
                2026-11-28T08:00:01Z [VALIDATE] deploying
                2026-11-28T08:00:02Z [BUILD] building
                2026-11-28T08:00:03Z [DEPLOY] [node 1] switched
                """);
        assertThat(result.err()).isEqualTo("the log stream ended before the deployment did; resuming after line 2\nDeployment d1 SUCCEEDED\n");
        List<FakeOrigin.Request> requests = origin.requests();
        assertThat(requests).hasSize(2);
        assertThat(requests.get(0).header("Last-Event-ID")).isNull();
        assertThat(requests.get(1).header("Last-Event-ID")).isEqualTo("2");
        assertThat(requests.get(1).header("Accept")).startsWith("text/event-stream");
    }

    @Test
    void followingTheLogOfTheLatestDeploymentThatFailsExitsOne() {
        origin.json("GET", "/api/v1/projects/shop/deployments?environment=master&limit=1", 200, "{\"items\":[{\"id\":\"d2\"}],\"next\":\"x\"}");
        origin.on("GET", "/api/v1/projects/shop/deployments/d2/log/stream", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            sse(out, line(1, "BUILD", null, "exit 2"));
            sse(out, "event: end\ndata: {\"id\":\"d2\",\"state\":\"FAILED\",\"detail\":\"build hook exited with 2\"}\n\n");
            exchange.close();
        });
        CliRun.Result result = cli().run("deployment:log", "-p", "shop", "-e", "master", "-f");
        assertThat(result.exitCode()).isEqualTo(ExitCodes.FAILED);
        assertThat(result.out()).isEqualTo("2026-11-28T08:00:01Z [BUILD] exit 2\n");
        assertThat(result.err()).as("said once").isEqualTo("Error: Deployment d2 FAILED: build hook exited with 2\n");
    }

    @Test
    void theDeploymentsOfAnActivityAreListedWhicheverEnvironmentTheyDeployed() {
        origin.json("GET", "/api/v1/projects/shop/deployments?activityId=a1&limit=20", 200,
                "{\"items\":[{\"id\":\"d7\",\"environmentId\":\"master\",\"state\":\"RUNNING\",\"trigger\":\"MERGE\"}],\"next\":null}");
        CliRun.Result result = cli().run("deployment:list", "-p", "shop", "-e", "sprint1", "--activity", "a1", "--columns", "id,environment",
                "--no-header");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("d7\tmaster\n");
    }

    @Test
    void aGzippedAnswerIsReadAsTheServicesSendIt() {
        origin.on("GET", ENVIRONMENTS, exchange -> {
            byte[] json = ("{\"items\":[" + environment("master", "INTEGRATION", "ACTIVE", null, "SUCCEEDED") + "],\"next\":null}")
                    .getBytes(StandardCharsets.UTF_8);
            ByteArrayOutputStream zipped = new ByteArrayOutputStream();
            try (GZIPOutputStream gzip = new GZIPOutputStream(zipped)) {
                gzip.write(json);
            }
            exchange.getResponseHeaders().set("Content-Encoding", "gzip");
            FakeOrigin.send(exchange, 200, "application/json", zipped.toByteArray());
        });
        CliRun.Result result = cli().run("environment:list", "-p", "shop", "--columns", "id,status", "--no-header");
        assertThat(result.exitCode()).isZero();
        assertThat(result.out()).isEqualTo("master\tACTIVE\n");
        assertThat(origin.requests().get(0).header("Accept-Encoding")).isEqualTo("gzip");
    }
}
