package dev.slipway.deployment.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Commands and shells in a node's current release (SSH-3), as the exec interface will start them. */
@Timeout(60)
class ExecTest {

    private static final EnvironmentRef SHOP_MASTER = new EnvironmentRef("shop", "master");

    @TempDir
    Path root;

    private LocalRunner runner;
    private Release release;

    @BeforeEach
    void deployed() throws Exception {
        runner = new LocalRunner(root);
        release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));
        runner.deployNode(release, 1, Hook.none(), HookContext.of("master", "t1", Map.of(), Set.of(), HookOutput.discard()));
    }

    @Test
    void commandRunsInTheCurrentReleaseWithTheRuntimeVariablesAndReturnsItsExitCode() throws Exception {
        ExecSession session = runner.exec(SHOP_MASTER, 1, new ExecRequest(
                "pwd; cat version.txt; echo \"$SLIPWAY_PROJECT $SLIPWAY_ENVIRONMENT $SLIPWAY_NODE $SLIPWAY_BRANCH $GREETING\"; "
                        + "echo oops >&2; exit 3",
                Map.of("GREETING", "hello"), "master", "t1", ExecRequest.DEFAULT_TIMEOUT));
        session.stdin().close();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(session.stderr()));

        String stdout = read(session.stdout());

        assertThat(session.await()).isEqualTo(3);
        assertThat(stdout).isEqualTo(release.directory().toRealPath() + "\n1\nshop master 1 master hello\n");
        assertThat(stderr.get(10, TimeUnit.SECONDS)).isEqualTo("oops\n");
        assertThat(session.releaseDirectory()).isEqualTo(release.directory().toRealPath());
    }

    @Test
    void shellReadsItsCommandsFromStdin() throws Exception {
        ExecSession session = runner.exec(SHOP_MASTER, 1, ExecRequest.shell(Map.of()));
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> read(session.stderr()));

        try (OutputStream stdin = session.stdin()) {
            stdin.write("echo node $SLIPWAY_NODE\nexit 7\n".getBytes(StandardCharsets.UTF_8));
        }

        assertThat(read(session.stdout())).isEqualTo("node 1\n");
        assertThat(session.await()).isEqualTo(7);
        assertThat(stderr.get(10, TimeUnit.SECONDS)).isEmpty();
    }

    @Test
    void signalReachesTheCommandAndItsChildren() throws Exception {
        ExecSession session = runner.exec(SHOP_MASTER, 1, new ExecRequest("sleep 600 & echo $!; wait", Map.of(), null, null,
                Duration.ofMinutes(1)));
        byte[] line = new byte[64];
        int read = session.stdout().read(line);
        long child = Long.parseLong(new String(line, 0, read, StandardCharsets.UTF_8).trim());

        session.signal("TERM");

        assertThat(session.await()).isEqualTo(128 + 15);
        assertThat(HookTest.alive(child)).isFalse();
    }

    @Test
    void nodeWithoutAReleaseIsRefused() {
        assertThatThrownBy(() -> runner.exec(SHOP_MASTER, 2, ExecRequest.command("true", Map.of())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("node 2 of shop-master has no release yet");
    }

    private static String read(InputStream input) {
        try (input) {
            return new String(input.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
