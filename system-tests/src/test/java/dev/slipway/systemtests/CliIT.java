package dev.slipway.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.devinfra.origin.OneOrigin;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The command-line client (issue 13) against this suite behind its one origin, as a user runs it: {@code bin/slipway-cli}
 * (the launcher with its AppCDS archive) in a process of its own, its contexts in a configuration folder of the test.
 * A developer and support staff sign in to two contexts; the developer creates a project, pushes master and follows
 * its deployment's log while the hook runs, branches without a local checkout and waits for it, lists the environments
 * as a tree, sets variables (one sensitive, never printed), is refused a Production variable with the rule and exit code
 * the README documents, and opens a DEPLOY ticket that support approves and waits for. Every list command's
 * {@code --format json} is read by a JSON parser, as a script piping it into {@code jq} would.
 *
 * <p>Shares FaultsIT's kind of suite (a private PostgreSQL cluster), the class after it in Failsafe's alphabetical
 * order, so the run starts no suite more for it ({@link SuiteOptions}).
 */
@ExtendWith(Suite.class)
@SuiteOptions(privatePostgres = true)
class CliIT {

    /** One command's bound: a wait for an activity or a ticket included. */
    private static final Duration COMMAND_BOUND = Duration.ofMinutes(3);
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A deploy hook that runs for a few seconds, so that the log is followed while it grows. */
    private static final String APP_YAML = """
            name: cli
            type: php:8.3
            hooks:
              deploy: |
                for step in 1 2 3; do echo "cli hook step $step of $SLIPWAY_ENVIRONMENT"; sleep 1; done
            """;

    @Test
    void aDeveloperAndSupportWorkThroughTheClient(RunningSuite suite) throws Exception {
        String project = suite.newProjectId();
        String secret = "cli-secret-" + Long.toHexString(System.nanoTime());
        try (OneOrigin origin = suite.startOrigin()) {
            Cli cli = new Cli(suite.newFolder("cli-config"));

            // Two accounts in two contexts (kubectl's way); the token goes in on stdin, never on the command line.
            cli.withInput(suite.token("sam", "support"), "auth:login", "--context", "support", "--url", suite.originUrl(), "--token-stdin")
                    .requireSuccess();
            cli.withInput(suite.token("alice"), "auth:login", "--context", "alice", "--url", suite.originUrl(), "--token-stdin")
                    .requireSuccess();
            JsonNode contexts = cli.jsonList("context:list");
            assertThat(names(contexts, "name")).containsExactlyInAnyOrder("alice", "support");
            assertThat(contexts.toString()).as("a token is never listed").doesNotContain(suite.token("alice").substring(0, 40));
            assertThat(cli.run("auth:info", "user").requireSuccess().stdout().strip()).isEqualTo("alice");
            assertThat(cli.run("--context", "support", "auth:info", "user").requireSuccess().stdout().strip()).isEqualTo("sam");

            cli.run("project:create", project, "--title", "CLI journey").requireSuccess();
            assertThat(names(cli.jsonList("project:list"), "id")).contains(project);

            // master's first push, and its deployment's log followed to its end while the hook writes it.
            GitUser git = suite.gitUser(suite.client("alice"));
            WorkTree work = git.clone(project + ".git");
            String commit = work.write(".slipway/app.yaml", APP_YAML).write("index.html", "cli\n").commit("First");
            work.push("origin", "HEAD:refs/heads/master").requireSuccess();
            String deployment = Awaitility.await("master's deployment").atMost(Suite.PATIENCE).until(() ->
                    firstId(cli.jsonList("deployment:list", "-p", project, "-e", "master")), id -> id != null);
            Result followed = cli.run("deployment:log", "--follow", "-p", project, deployment).requireSuccess();
            assertThat(followed.stdout()).contains("cli hook step 1 of master", "cli hook step 3 of master");
            assertThat(followed.stdout().lines().filter(line -> line.contains("cli hook step 2 of master"))).as("no line twice").hasSize(1);
            assertThat(cli.run("deployment:get", "-p", project, deployment, "state").requireSuccess().stdout().strip()).isEqualTo("SUCCEEDED");
            assertThat(cli.run("deployment:get", "-p", project, deployment, "commit").stdout().strip()).isEqualTo(commit);

            // Inside the clone the project and the environment are the remote's and the branch's.
            work.git("checkout", "-B", "master").requireSuccess();
            assertThat(cli.in(work.dir()).run("environment:info", "id").requireSuccess().stdout().strip()).isEqualTo("master");

            // Branching without a local checkout, waited for: the progress on stderr, nothing but results on stdout.
            Result branched = cli.run("branch", "feature-cli", "master", "-p", project).requireSuccess();
            assertThat(branched.stderr()).contains("environment.branch");
            // The child deploys after its activity: the deployment that activity started, its log followed to the end.
            Matcher activity = Pattern.compile("\\(activity ([0-9a-f-]{36})\\)").matcher(branched.stderr());
            assertThat(activity.find()).as("the activity's id in %s", branched.stderr()).isTrue();
            String childDeployment = Awaitility.await("feature-cli's deployment").atMost(Suite.PATIENCE).until(() ->
                    firstId(cli.jsonList("deployment:list", "-p", project, "--activity", activity.group(1))), id -> id != null);
            assertThat(cli.run("deployment:log", "--follow", "-p", project, childDeployment).requireSuccess().stdout())
                    .contains("cli hook step 3 of feature-cli");
            Result tree = cli.run("environment:list", "-p", project, "--format", "table", "--columns", "id,status");
            assertThat(tree.requireSuccess().stdout()).containsPattern("(?m)^\\| master +\\| ACTIVE").containsPattern("(?m)^\\| {3}feature-cli +\\| ACTIVE");
            JsonNode environments = cli.jsonList("environment:list", "-p", project);
            assertThat(names(environments, "id")).contains("master", "feature-cli", "staging", "production");

            // Variables: one for the environment, one sensitive and inheritable for the project; the value is never printed.
            cli.run("variable:create", "-p", project, "-e", "feature-cli", "env:GREETING", "--value", "hello").requireSuccess();
            cli.run("variable:create", "-p", project, "--level", "project", "API_KEY", "--value", secret, "--sensitive", "--inheritable")
                    .requireSuccess();
            JsonNode effective = cli.jsonList("variable:list", "-p", project, "-e", "feature-cli");
            assertThat(names(effective, "name")).contains("env:GREETING", "API_KEY");
            assertThat(cli.run("variable:get", "-p", project, "-e", "feature-cli", "env:GREETING", "value").requireSuccess().stdout().strip())
                    .isEqualTo("hello");
            assertThat(cli.jsonList("variable:list", "-p", project, "--level", "project").toString()).contains("API_KEY");

            // Production refuses a variable but through a ticket (ENV-5): the API's detail, its rule and slug, exit 4, no stack trace.
            Result refused = cli.run("variable:create", "-p", project, "-e", "production", "env:MODE", "--value", "live");
            assertThat(refused.exit()).isEqualTo(4);
            assertThat(refused.stderr()).startsWith("Error: ").contains("(ENV-5, ticket-required)").doesNotContain("Exception", "\tat ");
            Result missing = cli.run("environment:info", "-p", project, "-e", "no-such-environment");
            assertThat(missing.exit()).isEqualTo(3);
            assertThat(missing.stderr()).startsWith("Error: ").doesNotContain("Exception");

            // A DEPLOY ticket of master's success to Staging, approved by support in the other context and waited for.
            String ticket = Awaitility.await("ticket-service knows master's success").atMost(Suite.PATIENCE).until(() -> {
                Result opened = cli.run("ticket:create", "-p", project, "-e", "staging", "--type", "DEPLOY", "--subject", "Staging, please",
                        "--format", "json");
                return opened.exit() == 0 ? JSON.readTree(opened.stdout()).path("id").asText() : null;
            }, id -> id != null);
            Result approved = cli.run("--context", "support", "ticket:approve", ticket, "--reason", "Checked the preview").requireSuccess();
            assertThat(approved.stderr()).contains("RESOLVED");
            assertThat(cli.run("ticket:get", ticket, "state").requireSuccess().stdout().strip()).isEqualTo("RESOLVED");
            assertThat(cli.run("environment:info", "-p", project, "-e", "staging", "deployedCommit").stdout().strip()).isEqualTo(commit);

            // Every list command's JSON is the API's items, read by a parser.
            cli.run("user:add", "-p", project, "bob", "--role", "viewer").requireSuccess();
            assertThat(names(cli.jsonList("user:list", "-p", project), "userId")).contains("alice", "bob");
            assertThat(cli.jsonList("ssh-key:list")).hasSize(1);
            assertThat(names(cli.jsonList("activity:list", "-p", project), "type")).contains("environment.branch");
            assertThat(names(cli.jsonList("ticket:list", "-p", project), "id")).containsExactly(ticket);
            assertThat(names(cli.jsonList("--context", "support", "ticket:list", "--state", "RESOLVED"), "id")).contains(ticket);
            assertThat(cli.jsonList("deployment:list", "-p", project)).hasSizeGreaterThanOrEqualTo(3);

            // A destructive operation needs -y without a terminal (exit 2, nothing changed); -I then hides what it made inactive.
            assertThat(cli.run("environment:deactivate", "-p", project, "-e", "feature-cli").exit()).isEqualTo(2);
            cli.run("environment:deactivate", "-p", project, "-e", "feature-cli", "-y").requireSuccess();
            assertThat(cli.run("environment:info", "-p", project, "-e", "feature-cli", "status").stdout().strip()).isEqualTo("INACTIVE");
            assertThat(cli.run("environment:list", "-p", project, "-I", "--format", "plain", "--columns", "id", "--no-header").stdout().lines())
                    .contains("master", "staging").doesNotContain("feature-cli");

            String everything = String.join("\n", cli.transcript());
            assertThat(everything).as("the sensitive value is never printed").doesNotContain(secret);
            assertThat(suite.logs()).as("nor logged").doesNotContain(secret);

            cli.run("auth:logout", "--context", "alice").requireSuccess();
            assertThat(cli.run("project:list").exit()).as("signed out: exit 6").isEqualTo(6);
        }
    }

    private static List<String> names(JsonNode array, String field) {
        return StreamSupport.stream(array.spliterator(), false).map(item -> item.path(field).asText()).toList();
    }

    private static String firstId(JsonNode array) {
        return array.isEmpty() ? null : array.get(0).path("id").asText();
    }

    /** One command's outcome. */
    record Result(List<String> command, int exit, String stdout, String stderr) {

        Result requireSuccess() {
            assertThat(exit).as("exit code of slipway-cli %s%nstdout: %s%nstderr: %s", String.join(" ", command), stdout, stderr).isZero();
            return this;
        }
    }

    /** bin/slipway-cli with a configuration folder of its own, run without a terminal as a script runs it. */
    private static final class Cli {

        private final Path config;
        private final Path directory;
        private final List<String> transcript;

        Cli(Path config) {
            this(config, config, new ArrayList<>());
            try {
                Files.setPosixFilePermissions(config, PosixFilePermissions.fromString("rwx------"));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Cli(Path config, Path directory, List<String> transcript) {
            this.config = config;
            this.directory = directory;
            this.transcript = transcript;
        }

        /** The same client run from another folder (a git clone's defaults). */
        Cli in(Path folder) {
            return new Cli(config, folder, transcript);
        }

        Result run(String... args) {
            return withInput("", args);
        }

        /** The command's {@code --format json} read as JSON; it must succeed and be an array (a list's items). */
        JsonNode jsonList(String... args) throws IOException {
            List<String> command = new ArrayList<>(List.of(args));
            command.addAll(List.of("--format", "json"));
            JsonNode list = JSON.readTree(run(command.toArray(String[]::new)).requireSuccess().stdout());
            assertThat(list.isArray()).as("slipway-cli %s --format json is an array", String.join(" ", args)).isTrue();
            return list;
        }

        Result withInput(String input, String... args) {
            List<String> command = new ArrayList<>();
            command.add(SlipwayHome.locate().root().resolve("bin/slipway-cli").toString());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile());
            builder.environment().put("XDG_CONFIG_HOME", config.toString());
            builder.environment().remove("SLIPWAY_CLI_URL");
            builder.environment().remove("SLIPWAY_CLI_TOKEN");
            builder.environment().remove("SLIPWAY_CLI_CONTEXT");
            builder.environment().put("COLUMNS", "120");
            try {
                Process process = builder.start();
                process.getOutputStream().write(input.getBytes(StandardCharsets.UTF_8));
                process.getOutputStream().close();
                CompletableFuture<String> stdout = CompletableFuture.supplyAsync(() -> read(process.getInputStream()));
                CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(process.getErrorStream()));
                if (!process.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new AssertionError("slipway-cli " + String.join(" ", args) + " did not end within " + COMMAND_BOUND);
                }
                Result result = new Result(List.of(args), process.exitValue(), stdout.get(30, TimeUnit.SECONDS), stderr.get(30, TimeUnit.SECONDS));
                transcript.add(result.stdout());
                transcript.add(result.stderr());
                return result;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } catch (Exception e) {
                throw new AssertionError("slipway-cli " + String.join(" ", args) + ": " + e, e);
            }
        }

        List<String> transcript() {
            return transcript;
        }

        private static String read(java.io.InputStream stream) {
            try (stream) {
                return new String(stream.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
