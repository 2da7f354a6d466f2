package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Signing in, contexts of several accounts, and where the tokens are kept (0600, never printed unasked). */
class ContextsTest {

    @TempDir
    Path home;

    private FakeOrigin origin;

    @BeforeEach
    void start() throws IOException {
        origin = new FakeOrigin();
        origin.json("GET", "/api/v1/projects?limit=1", 200, "{\"items\":[],\"next\":null}");
        origin.json("GET", "/api/v1/projects?limit=200", 200, "{\"items\":[],\"next\":null}");
    }

    @AfterEach
    void stop() {
        origin.close();
    }

    private CliRun cli() {
        return new CliRun(home);
    }

    private Path configFile() {
        return home.resolve("config/slipway-cli/config.json");
    }

    @Test
    void loginChecksTheTokenAndKeepsItInAFileOnlyTheUserReads() throws IOException {
        String token = Tokens.of("alice");
        CliRun.Result login = cli().run("auth:login", "--url", origin.url(), "--token", token);
        assertThat(login.exitCode()).isZero();
        assertThat(login.err()).isEqualTo("Signed in as alice on " + origin.url() + ", context default.\n");
        assertThat(origin.requests().get(0).header("Authorization")).isEqualTo("Bearer " + token);
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile()))).isEqualTo("rw-------");
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(configFile().getParent()))).isEqualTo("rwx------");
        JsonNode stored = Json.parse(Files.readString(configFile()));
        assertThat(stored.path("current").asText()).isEqualTo("default");
        assertThat(stored.path("contexts").path("default").path("token").asText()).isEqualTo(token);

        CliRun.Result info = cli().run("auth:info");
        assertThat(info.out()).isEqualTo("Property\tValue\ncontext\tdefault\nurl\t" + origin.url()
                + "\nsignedIn\ttrue\nuser\talice\ngroups\t\nexpiresAt\t2100-01-01T00:00:00Z\n");
        assertThat(cli().run("auth:info", "--format", "json").out()).doesNotContain(token);
        assertThat(cli().run("context:list", "--format", "json").out()).doesNotContain(token);
        assertThat(cli().run("auth:info", "user").out()).isEqualTo("alice\n");
        assertThat(cli().run("auth:token").out()).isEqualTo(token + "\n");
    }

    @Test
    void aRefusedTokenIsNotKept() {
        origin.close();
        try (FakeOrigin refusing = new FakeOrigin()) {
            refusing.problem("GET", "/api/v1/projects?limit=1", 401, "unauthenticated", "A valid bearer token is required.");
            CliRun.Result login = cli().run("auth:login", "--url", refusing.url(), "--token", "nope");
            assertThat(login.exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
            assertThat(login.err()).isEqualTo("Error: A valid bearer token is required. (unauthenticated)\n");
            assertThat(configFile()).doesNotExist();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void theDevelopmentSignInMintsATokenForTheUserAndGroup() throws IOException {
        String token = Tokens.of("carol", "support");
        origin.json("POST", "/dev/sign-in", 200, "{\"token\":\"" + token + "\"}");
        CliRun.Result login = cli().run("login", "--url", origin.url(), "--dev-user", "carol", "--support", "--context", "support");
        assertThat(login.exitCode()).isZero();
        assertThat(login.err()).isEqualTo("Signed in as carol (support) on " + origin.url() + ", context support.\n");
        assertThat(Json.write(Json.parse(origin.requests().get(0).body()))).isEqualTo("{\"user\":\"carol\",\"support\":true}");
    }

    @Test
    void twoAccountsLiveInTwoContextsAndTheCurrentOneOrContextChoosesTheToken() {
        String alice = Tokens.of("alice");
        String bob = Tokens.of("bob");
        assertThat(cli().run("auth:login", "--context", "a", "--url", origin.url(), "--token", alice).exitCode()).isZero();
        assertThat(cli().run("auth:login", "--context", "b", "--url", origin.url(), "--token-stdin").exitCode()).isEqualTo(ExitCodes.USAGE);
        assertThat(cli().stdin(bob + "\n").run("auth:login", "--context", "b", "--url", origin.url(), "--token-stdin").exitCode()).isZero();

        assertThat(cli().run("contexts").out()).isEqualTo("Current\tName\tURL\tUser\tSigned in\n\ta\t" + origin.url() + "\talice\tyes\n*\tb\t"
                + origin.url() + "\tbob\tyes\n");
        origin.requests().clear();
        cli().run("projects");
        cli().run("projects", "--context", "a");
        cli().env("SLIPWAY_CLI_CONTEXT", "a").run("projects");
        assertThat(cli().run("context:use", "a").exitCode()).isZero();
        cli().run("projects");
        assertThat(origin.requests().stream().map(request -> request.header("Authorization")))
                .containsExactly("Bearer " + bob, "Bearer " + alice, "Bearer " + alice, "Bearer " + alice);

        assertThat(cli().run("context:use", "nope").exitCode()).isEqualTo(ExitCodes.NOT_FOUND);
        assertThat(cli().run("auth:logout").exitCode()).isZero();
        assertThat(cli().run("projects").exitCode()).isEqualTo(ExitCodes.UNAUTHENTICATED);
        assertThat(cli().run("projects", "--context", "b").exitCode()).isZero();
        assertThat(cli().run("context:delete", "b").exitCode()).isZero();
        assertThat(cli().run("contexts", "--no-header").out()).isEqualTo("*\ta\t" + origin.url() + "\t\tno\n");
    }
}
