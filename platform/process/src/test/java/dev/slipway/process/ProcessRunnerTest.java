package dev.slipway.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Hooks as deployment-service will run them (DEP-10): {@code bash -e -c} scripts that hang, flood,
 * fork and fail. Durations are asserted only against generous bounds.
 */
@Timeout(60)
class ProcessRunnerTest {

    private static final Map<String, String> PATH_ONLY = Map.of("PATH", "/usr/bin:/bin");
    private static final Duration ONE_SECOND = Duration.ofSeconds(1);
    private static final Duration AMPLE = Duration.ofSeconds(30);
    /** Whatever a 1 s timeout costs on a busy machine stays well below this. */
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    private final ProcessRunner runner = new ProcessRunner();

    @TempDir
    Path workDir;

    @Test
    void hangingHookTimesOutAndIsGone() throws Exception {
        TailSink output = new TailSink(10);

        ProcessResult result = runHook("echo $$; sleep 600", ONE_SECOND, output);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.succeeded()).isFalse();
        assertThat(result.duration()).isLessThan(PROMPTLY);
        assertThat(alive(pid(output, 0))).isFalse();
    }

    @Test
    void hangingHookAndItsHangingChildAreBothGoneAfterTheTimeout() throws Exception {
        TailSink output = new TailSink(10);

        ProcessResult result = runHook("echo $$; sleep 600 & echo $!; wait", ONE_SECOND, output);

        assertThat(result.timedOut()).isTrue();
        assertThat(alive(pid(output, 0))).isFalse();
        assertThat(alive(pid(output, 1))).isFalse();
    }

    @Test
    void hookThatIgnoresTermIsKilledAfterTheGrace() throws Exception {
        TailSink output = new TailSink(10);
        // An ignored signal stays ignored across exec, so sleep ignores TERM as well.
        ProcessSpec spec = hook("trap '' TERM; echo $$; sleep 600 & echo $!; wait", ONE_SECOND)
                .withKillGrace(Duration.ofMillis(300));

        ProcessResult result = runner.run(spec, output);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.exitCode()).isEqualTo(128 + 9);
        assertThat(alive(pid(output, 0))).isFalse();
        assertThat(alive(pid(output, 1))).isFalse();
    }

    @Test
    void hookThatKeepsForkingIsStoppedWithEveryChild() throws Exception {
        TailSink output = new TailSink(10_000);

        ProcessResult result = runHook("echo $$; while true; do sleep 600 & echo $!; sleep 0.01; done", ONE_SECOND, output);

        assertThat(result.timedOut()).isTrue();
        List<Long> pids = output.lines().stream().map(line -> Long.parseLong(line.text())).toList();
        assertThat(pids).hasSizeGreaterThan(2);
        assertThat(pids).noneMatch(ProcessRunnerTest::alive);
        assertThat(ProcessTree.groupMembers(pids.get(0))).isEmpty();
    }

    @Test
    void childThatOutlivesItsHookIsStoppedAndTheCallReturnsPromptly() throws Exception {
        TailSink output = new TailSink(10);

        // The orphan holds stdout and stderr open: without stopping it the output would never end.
        ProcessResult result = runHook("sleep 600 & echo $!", AMPLE, output);

        assertThat(result.timedOut()).isFalse();
        assertThat(result.exitCode()).isZero();
        assertThat(result.duration()).isLessThan(PROMPTLY);
        assertThat(alive(pid(output, 0))).isFalse();
    }

    @Test
    void childThatLeftTheProcessGroupIsStillStoppedOnTimeout() throws Exception {
        TailSink output = new TailSink(10);

        ProcessResult result = runHook("setsid sleep 600 & echo $!; wait", ONE_SECOND, output);

        assertThat(result.timedOut()).isTrue();
        assertThat(result.duration()).isLessThan(PROMPTLY);
        assertThat(alive(pid(output, 0))).isFalse();
    }

    @Test
    void floodingHookIsFollowedToItsLastLineWithBoundedMemory() throws Exception {
        TailSink tail = new TailSink(100);
        AtomicLong xs = new AtomicLong();
        AtomicLong longestPiece = new AtomicLong();
        LineSink counting = (channel, text) -> {
            xs.addAndGet(text.chars().filter(c -> c == 'x').count());
            longestPiece.accumulateAndGet(text.length(), Math::max);
        };

        // 20 MB without a single line break, then half a million short lines.
        ProcessResult result = runHook("head -c 20000000 /dev/zero | tr '\\0' x; echo; seq 1 500000; echo the end",
                AMPLE, tail.andThen(counting));

        assertThat(result.succeeded()).isTrue();
        assertThat(xs.get()).isEqualTo(20_000_000);
        assertThat(longestPiece.get()).isLessThanOrEqualTo(ProcessRunner.DEFAULT_MAX_LINE_BYTES);
        assertThat(tail.lines()).hasSize(100);
        assertThat(tail.lines().get(98).text()).isEqualTo("500000");
        assertThat(tail.lines().get(99)).isEqualTo(new OutputLine(Channel.STDOUT, "the end"));
        long pieces = (20_000_000 + ProcessRunner.DEFAULT_MAX_LINE_BYTES - 1) / ProcessRunner.DEFAULT_MAX_LINE_BYTES;
        assertThat(tail.linesSeen()).isEqualTo(pieces + 500_000 + 1);
    }

    @Test
    void hookSeesExactlyTheVariablesItIsGivenAndNothingOfTheCaller() throws Exception {
        assertThat(System.getenv()).isNotEmpty();
        Map<String, String> variables = Map.of("SLIPWAY_PROJECT", "shop", "SLIPWAY_BRANCH", "feature/checkout",
                "GREETING", "hello world");
        TailSink output = new TailSink(100);

        runner.run(new ProcessSpec(List.of("/usr/bin/env"), workDir, variables, AMPLE), output);

        assertThat(texts(output)).containsExactlyInAnyOrder(
                "SLIPWAY_PROJECT=shop", "SLIPWAY_BRANCH=feature/checkout", "GREETING=hello world");
    }

    @Test
    void hookWithNoVariablesSeesAnEmptyEnvironment() throws Exception {
        TailSink output = new TailSink(100);

        ProcessResult result = runner.run(new ProcessSpec(List.of("/usr/bin/env"), workDir, Map.of(), AMPLE), output);

        assertThat(result.succeeded()).isTrue();
        assertThat(output.lines()).isEmpty();
    }

    @Test
    void hookRunsInItsWorkingDirectoryWithNothingOnStdin() throws Exception {
        TailSink output = new TailSink(10);

        // cat would wait for input forever if stdin were an open pipe
        ProcessResult result = runHook("pwd; cat; echo done", AMPLE, output);

        assertThat(result.succeeded()).isTrue();
        assertThat(texts(output)).containsExactly(workDir.toRealPath().toString(), "done");
    }

    @Test
    void stdoutAndStderrLinesAreDeliveredTaggedWithTheirStream() throws Exception {
        TailSink output = new TailSink(10);

        runHook("echo to-out; echo to-err >&2", AMPLE, output);

        assertThat(output.lines()).containsExactlyInAnyOrder(
                new OutputLine(Channel.STDOUT, "to-out"), new OutputLine(Channel.STDERR, "to-err"));
    }

    @Test
    void failingHookReportsItsExitCodeInsteadOfThrowing() throws Exception {
        TailSink output = new TailSink(10);

        assertThat(runHook("false", AMPLE, output).exitCode()).isEqualTo(1);
        assertThat(runHook("exit 3", AMPLE, output).exitCode()).isEqualTo(3);
        ProcessResult stopped = runHook("echo before; false; echo after", AMPLE, output);

        assertThat(stopped.exitCode()).isEqualTo(1);
        assertThat(stopped.timedOut()).isFalse();
        assertThat(texts(output)).containsExactly("before");
    }

    @Test
    void programThatDoesNotExistIsReportedWhenStarting() {
        ProcessSpec spec = new ProcessSpec(List.of("no-such-hook-program", "--flag"), workDir, PATH_ONLY, AMPLE);

        assertThatThrownBy(() -> runner.run(spec, LineSink.discard()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("no-such-hook-program")
                .hasMessageContaining("/usr/bin:/bin");
    }

    @Test
    void workingDirectoryThatDoesNotExistIsReportedWhenStarting() {
        Path missing = workDir.resolve("missing");
        ProcessSpec spec = new ProcessSpec(List.of("/usr/bin/env"), missing, PATH_ONLY, AMPLE);

        assertThatThrownBy(() -> runner.run(spec, LineSink.discard()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining(missing.toString());
    }

    @Test
    void concurrentRunsKeepTheirOutputApart() throws Exception {
        int runs = 8;
        ExecutorService pool = Executors.newFixedThreadPool(runs);
        try {
            List<Future<TailSink>> outputs = new ArrayList<>();
            for (int run = 0; run < runs; run++) {
                String tag = "run" + run;
                outputs.add(pool.submit(() -> {
                    TailSink output = new TailSink(10_000);
                    runHook("for i in $(seq 1 2000); do echo " + tag + "-$i; echo " + tag + "-err >&2; done", AMPLE, output);
                    return output;
                }));
            }
            for (int run = 0; run < runs; run++) {
                TailSink output = outputs.get(run).get();
                String prefix = "run" + run + "-";
                assertThat(output.linesSeen()).isEqualTo(4000);
                assertThat(texts(output)).allMatch(text -> text.startsWith(prefix));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void interruptedCallerGetsInterruptedExceptionOnceTheHookIsKilled() throws Exception {
        TailSink output = new TailSink(10);
        CompletableFuture<Void> started = new CompletableFuture<>();
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread caller = new Thread(() -> {
            try {
                runHook("echo $$; sleep 600 & echo $!; wait", AMPLE, output.andThen((channel, text) -> {
                    if (output.linesSeen() == 2) {
                        started.complete(null);
                    }
                }));
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        caller.start();
        started.get(10, TimeUnit.SECONDS);

        caller.interrupt();
        caller.join(PROMPTLY.toMillis());

        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
        assertThat(alive(pid(output, 0))).isFalse();
        assertThat(alive(pid(output, 1))).isFalse();
    }

    @Test
    void sinkThatFailsIsReportedAfterTheHookRanToItsEnd() {
        IllegalStateException broken = new IllegalStateException("log store unavailable");
        LineSink failing = (channel, text) -> {
            throw broken;
        };

        // Far more than a pipe holds: had the runner stopped reading, seq would block until the timeout.
        assertThatThrownBy(() -> runHook("seq 1 200000; touch finished", AMPLE, failing)).isSameAs(broken);
        assertThat(workDir.resolve("finished")).exists();
    }

    private ProcessResult runHook(String script, Duration timeout, LineSink sink) throws IOException, InterruptedException {
        return runner.run(hook(script, timeout), sink);
    }

    private ProcessSpec hook(String script, Duration timeout) {
        Map<String, String> environment = new HashMap<>(PATH_ONLY);
        environment.put("SLIPWAY_PROJECT", "shop");
        return new ProcessSpec(List.of("bash", "-e", "-c", script), workDir, environment, timeout);
    }

    private static long pid(TailSink output, int line) {
        return Long.parseLong(output.lines().get(line).text());
    }

    private static List<String> texts(TailSink output) {
        return output.lines().stream().map(OutputLine::text).toList();
    }

    /**
     * Whether the process still runs. A zombie does not: it is an orphan that was stopped and waits
     * for PID 1 to reap it (ProcessHandle would call it alive, hence /proc).
     */
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
