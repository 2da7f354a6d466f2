package dev.slipway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Started processes as deployment-service holds them (DEP-10, SSH-3): known by pid and group before
 * they end, cancelled, signalled, driven through their streams, and stopped by group id after the
 * JVM that started them is gone.
 */
@Timeout(60)
class RunningProcessTest {

    private static final Map<String, String> PATH_ONLY = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration AMPLE = Duration.ofSeconds(30);
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @TempDir
    Path workDir;

    @Test
    void startedHookIsKnownByPidAndGroupBeforeItEnds() throws Exception {
        ProcessRunner runner = new ProcessRunner();
        TailSink output = new TailSink(10);

        RunningProcess hook = runner.start(hook("echo $$; echo $(ps -o pgid= $$)", AMPLE), output);
        long pid = hook.pid();
        ProcessResult result = hook.await();

        assertThat(result.succeeded()).isTrue();
        assertThat(hook.processGroupId()).hasValue(pid);
        assertThat(output.lines()).extracting(OutputLine::text).containsExactly(Long.toString(pid), Long.toString(pid));
        assertThat(hook.isDone()).isTrue();
    }

    @Test
    void cancelStopsTheHookAndItsChildrenAndSaysCancelled() throws Exception {
        TailSink output = new TailSink(10);
        CompletableFuture<Void> childStarted = new CompletableFuture<>();
        RunningProcess hook = new ProcessRunner().start(hook("echo $$; sleep 600 & echo $!; wait", AMPLE),
                output.andThen((channel, text) -> {
                    if (output.linesSeen() == 2) {
                        childStarted.complete(null);
                    }
                }));
        childStarted.get(10, TimeUnit.SECONDS);

        hook.cancel();
        ProcessResult result = hook.await();

        assertThat(result.cancelled()).isTrue();
        assertThat(result.timedOut()).isFalse();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.duration()).isLessThan(PROMPTLY);
        assertThat(alive(pid(output, 0))).isFalse();
        assertThat(alive(pid(output, 1))).isFalse();
    }

    @Test
    void cancelAfterTheEndChangesNothing() throws Exception {
        RunningProcess hook = new ProcessRunner().start(hook("exit 4", AMPLE), LineSink.discard());
        ProcessResult result = hook.await();

        hook.cancel();

        assertThat(hook.await()).isEqualTo(result);
        assertThat(result.cancelled()).isFalse();
        assertThat(result.exitCode()).isEqualTo(4);
    }

    @Test
    void groupRecordedByAnEarlierRunnerIsKilledWithItsGrandchild() throws Exception {
        Path pids = workDir.resolve("pids");
        // The hook's own run outlives this test's handle on it: as if the JVM that started it died,
        // leaving only the group id recorded in the database.
        RunningProcess hook = new ProcessRunner().start(
                hook("(sleep 600 & echo $! > pids.tmp; mv pids.tmp pids; wait) & wait", AMPLE), LineSink.discard());
        long groupId = hook.processGroupId().orElseThrow();
        waitForFile(pids);
        long grandchild = Long.parseLong(Files.readString(pids).trim());
        assertThat(alive(grandchild)).isTrue();
        assertThat(ProcessTree.groupMembers(groupId)).isNotEmpty();

        ProcessRunner afterRestart = new ProcessRunner();
        assertThat(afterRestart).isNotSameAs(hook);
        boolean gone = ProcessTree.killGroup(groupId, Duration.ofSeconds(2));

        assertThat(gone).isTrue();
        assertThat(alive(grandchild)).isFalse();
        assertThat(ProcessTree.groupMembers(groupId)).isEmpty();
        assertThat(hook.await().exitCode()).isNotZero();
    }

    @Test
    void killGroupOfAnEmptyGroupIsDone() throws Exception {
        RunningProcess hook = new ProcessRunner().start(hook("true", AMPLE), LineSink.discard());
        hook.await();

        assertThat(ProcessTree.killGroup(hook.pid())).isTrue();
    }

    @Test
    void killGroupRefusesTheJvmsOwnGroupAndInit() {
        assertThatThrownBy(() -> ProcessTree.killGroup(1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ProcessTree.killGroup(ProcessHandle.current().pid()))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void signalReachesTheWholeGroup() throws Exception {
        TailSink output = new TailSink(10);
        CompletableFuture<Void> ready = new CompletableFuture<>();
        RunningProcess hook = new ProcessRunner().start(hook("trap 'echo got INT; exit 7' INT; echo ready; sleep 600 & wait", AMPLE),
                output.andThen((channel, text) -> ready.complete(null)));
        ready.get(10, TimeUnit.SECONDS);

        assertThat(hook.signal("INT")).isTrue();
        ProcessResult result = hook.await();

        assertThat(result.exitCode()).isEqualTo(7);
        assertThat(output.lines()).extracting(OutputLine::text).containsExactly("ready", "got INT");
        assertThatThrownBy(() -> hook.signal("INT; rm")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void attachedProcessIsDrivenThroughItsStreams() throws Exception {
        AttachedProcess shell = new ProcessRunner().attach(new ProcessSpec(List.of("bash", "-s"), workDir,
                Map.of("PATH", "/usr/bin:/bin", "GREETING", "hello"), AMPLE));
        CompletableFuture<byte[]> stderr = CompletableFuture.supplyAsync(() -> readAll(shell.stderr()));

        try (OutputStream stdin = shell.stdin()) {
            stdin.write("echo $GREETING; read line; echo got $line; echo oops >&2; exit 5\nworld\n".getBytes(StandardCharsets.UTF_8));
        }
        String stdout = new String(readAll(shell.stdout()), StandardCharsets.UTF_8);
        ProcessResult result = shell.process().await();

        assertThat(stdout).isEqualTo("hello\ngot world\n");
        assertThat(new String(stderr.get(10, TimeUnit.SECONDS), StandardCharsets.UTF_8)).isEqualTo("oops\n");
        assertThat(result.exitCode()).isEqualTo(5);
    }

    @Test
    void attachedProcessEndedByASignalReportsIt() throws Exception {
        AttachedProcess command = new ProcessRunner().attach(hook("sleep 600", AMPLE));

        command.process().signal("KILL");
        ProcessResult result = command.process().await();

        assertThat(result.exitCode()).isEqualTo(128 + 9);
        assertThat(readAll(command.stdout())).isEmpty();
    }

    private ProcessSpec hook(String script, Duration timeout) {
        return new ProcessSpec(List.of("bash", "-e", "-c", script), workDir, PATH_ONLY, timeout);
    }

    private static void waitForFile(Path file) {
        Awaitility.await("waiting for " + file).atMost(PROMPTLY).until(() -> Files.exists(file));
    }

    private static byte[] readAll(InputStream input) {
        try (input) {
            return input.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static long pid(TailSink output, int line) {
        return Long.parseLong(output.lines().get(line).text());
    }

    private static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return !state.equals("Z") && !state.equals("X");
        } catch (IOException e) {
            return false;
        }
    }
}
