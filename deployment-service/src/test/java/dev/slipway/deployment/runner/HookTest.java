package dev.slipway.deployment.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Hooks as DEP-10 runs them: bash -e from a file, a clean environment, tagged and masked output, timeouts, cancels. */
@Timeout(60)
class HookTest {

    private static final EnvironmentRef SHOP_MASTER = new EnvironmentRef("shop", "master");
    private static final Duration PROMPTLY = Duration.ofSeconds(10);

    @TempDir
    Path root;

    private final RecordedLog log = new RecordedLog();

    @Test
    void buildRunsWithItsVariablesAndItsOutputIsCapturedLineByLineWithPhaseTags() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));
        Hook build = Hook.of("""
                echo "building $SLIPWAY_PROJECT/$SLIPWAY_ENVIRONMENT on $SLIPWAY_BRANCH tree $SLIPWAY_TREE_ID"
                echo "mode=$MAGE_MODE" >&2
                echo "dir=$(pwd) app=$SLIPWAY_APP_DIR home=$HOME"
                cat version.txt > built.txt
                """);

        BuildResult result = runner.build(release, "t1-k", build, context(Map.of("MAGE_MODE", "production")));

        assertThat(result.succeeded()).isTrue();
        assertThat(result.reused()).isFalse();
        assertThat(result.hook().ran()).isTrue();
        List<LogLine> lines = log.lines();
        assertThat(lines).allMatch(line -> line.phase() == Phase.BUILD && line.node() == LogLine.NO_NODE);
        assertThat(lines).extracting(LogLine::stream).containsOnly(LogStream.STDOUT, LogStream.STDERR);
        assertThat(log.texts(line -> line.stream() == LogStream.STDOUT).get(0))
                .isEqualTo("building shop/master on master tree t1");
        assertThat(log.texts(line -> line.stream() == LogStream.STDERR)).containsExactly("mode=production");
        String where = log.texts(line -> line.stream() == LogStream.STDOUT).get(1);
        // The build runs in a copy under _builds, which is its app dir and its home.
        assertThat(where).matches("dir=(\\S+) app=\\1 home=\\1").contains("/shop/_builds/");
        // The release now holds the build's output, and nothing of the runner's script.
        assertThat(release.directory().resolve("built.txt")).hasContent("1");
        assertThat(release.directory().resolve(LocalRunner.SCRIPTS)).doesNotExist();
        assertThat(root.resolve("shop/_builds/t1-k/built.txt")).hasContent("1");
    }

    @Test
    void buildOfAnExistingKeyIsReusedWithoutRunningTheHook() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Path evidence = Files.createDirectories(root.resolve("evidence"));
        Hook build = Hook.of("echo built > output.txt; touch " + evidence + "/run-$RANDOM-$$");
        Release first = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));
        Release second = runner.prepareRelease(new EnvironmentRef("shop", "feature-x"), "r2", Tars.app("1"));

        BuildResult built = runner.build(first, "t1-k", build, context(Map.of()));
        BuildResult reused = runner.build(second, "t1-k", build, context(Map.of()));

        assertThat(built.reused()).isFalse();
        assertThat(reused.reused()).isTrue();
        assertThat(reused.succeeded()).isTrue();
        assertThat(reused.hook().ran()).isFalse();
        try (var runs = Files.list(evidence)) {
            assertThat(runs.count()).isEqualTo(1);
        }
        assertThat(second.directory().resolve("output.txt")).hasContent("built");
        assertThat(log.texts(line -> line.stream() == LogStream.RUNNER))
                .containsExactly("build already exists for tree t1, skipping");
    }

    @Test
    void buildOfAKeyThatAnotherEnvironmentFinishedMeanwhileTakesThatBuild() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(new EnvironmentRef("shop", "feature-y"), "r1", Tars.app("1"));
        // While this build runs (in _builds/.t1-k.building-<uuid>), another one of the same key ends
        // first, as when two instances build two environments of one commit at once.
        Hook build = Hook.of("echo mine > output.txt; mkdir ../t1-k; echo theirs > ../t1-k/output.txt");

        BuildResult result = runner.build(release, "t1-k", build, context(Map.of()));

        assertThat(result.succeeded()).isTrue();
        assertThat(release.directory().resolve("output.txt")).hasContent("theirs");
        try (var builds = Files.list(root.resolve("shop/_builds"))) {
            assertThat(builds.map(path -> path.getFileName().toString())).as("no half-moved copy is left").containsExactly("t1-k");
        }
    }

    @Test
    void failedBuildNamesItsPhaseAndExitCodeAndKeepsNothing() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));

        BuildResult result = runner.build(release, "t1-k", Hook.of("echo half > half.txt\nfalse\necho never"), context(Map.of()));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.hook().exitCode()).isEqualTo(1);
        assertThat(result.hook().failure()).contains("hooks.build failed with exit code 1");
        assertThat(log.hookLines(Phase.BUILD, 0)).doesNotContain("never");
        assertThat(root.resolve("shop/_builds/t1-k")).doesNotExist();
        assertThat(release.directory().resolve("half.txt")).doesNotExist();
    }

    @Test
    void hookSeesOnlyItsVariablesAndSlipwaysNothingOfTheJvm() throws Exception {
        assertThat(System.getenv()).containsKey("HOME");
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));

        NodeResult result = runner.deployNode(release, 1, Hook.of("env | sort"), context(Map.of("CUSTOM", "yes")));

        assertThat(result.succeeded()).isTrue();
        List<String> variables = log.hookLines(Phase.DEPLOY, 1);
        // PWD, SHLVL and _ are bash's own.
        assertThat(variables).extracting(line -> line.substring(0, line.indexOf('='))).containsExactlyInAnyOrder(
                "CUSTOM", "PATH", "HOME", "LANG", "SLIPWAY_PROJECT", "SLIPWAY_ENVIRONMENT", "SLIPWAY_BRANCH",
                "SLIPWAY_TREE_ID", "SLIPWAY_APP_DIR", "SLIPWAY_NODE", "PWD", "SHLVL", "_");
        assertThat(variables).contains("SLIPWAY_NODE=1", "SLIPWAY_PROJECT=shop", "SLIPWAY_ENVIRONMENT=master",
                "LANG=C.UTF-8", "HOME=" + release.directory(), "SLIPWAY_APP_DIR=" + release.directory());
        assertThat(variables).doesNotContain("HOME=" + System.getenv("HOME"));
        assertThat(variables).noneMatch(line -> line.startsWith("JAVA_HOME=") || line.startsWith("USER=")
                || line.startsWith("MAVEN_"));
    }

    @Test
    void hookScriptIsAFileAndNotOnTheCommandLine() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));

        runner.deployNode(release, 1, Hook.of("cat /proc/$$/cmdline | tr '\\0' ' '; echo; echo secret-step"), context(Map.of()));

        String commandLine = log.hookLines(Phase.DEPLOY, 1).get(0);
        assertThat(commandLine).matches(".*bash -e \\S+/\\.slipway-runner/deploy-node1\\.sh ");
        assertThat(commandLine).doesNotContain("secret-step");
    }

    @Test
    void sensitiveValuesAreMaskedInEveryCapturedLine() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));
        HookContext context = new HookContext("master", "t1", Map.of("DB_PASSWORD", "hunter2", "API_KEY", "key-123-abc"),
                Set.of("hunter2", "key-123-abc", "line one\nline two"), log, hook -> {
                }, new Cancellation());

        runner.deployNode(release, 1, Hook.of("""
                echo "password is $DB_PASSWORD"
                echo "key=$API_KEY and again $API_KEY" >&2
                printf 'line one\\nline two\\n'
                echo "harmless"
                """), context);

        assertThat(log.hookLines(Phase.DEPLOY, 1)).containsExactlyInAnyOrder(
                "password is ****", "key=**** and again ****", "****", "****", "harmless");
        assertThat(log.lines()).noneMatch(line -> line.text().contains("hunter2") || line.text().contains("key-123"));
    }

    @Test
    void emptyHookIsANoOpThatSucceeds() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));
        List<StartedHook> started = new CopyOnWriteArrayList<>();
        HookContext context = new HookContext("master", "t1", Map.of(), Set.of(), log, started::add, new Cancellation());

        NodeResult deployed = runner.deployNode(release, 1, Hook.none(), context);
        HookResult post = runner.postDeploy(SHOP_MASTER, Hook.of("  \n"), context);

        assertThat(deployed.succeeded()).isTrue();
        assertThat(deployed.hook().ran()).isFalse();
        assertThat(post.succeeded()).isTrue();
        assertThat(started).isEmpty();
        assertThat(runner.currentRelease(SHOP_MASTER, 1)).contains("r1");
    }

    @Test
    void timedOutHookFailsWithAClearReasonAndItsSleepingGrandchildIsGone() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));

        BuildResult result = runner.build(release, "t1-k",
                new Hook("(sleep 600 & echo $!; wait) & wait", Duration.ofSeconds(1)), context(Map.of()));

        assertThat(result.succeeded()).isFalse();
        assertThat(result.hook().timedOut()).isTrue();
        assertThat(result.hook().duration()).isLessThan(PROMPTLY);
        assertThat(result.hook().failure()).hasValueSatisfying(reason -> assertThat(reason)
                .startsWith("hooks.build timed out after 1s"));
        long grandchild = Long.parseLong(log.hookLines(Phase.BUILD, 0).get(0));
        assertThat(alive(grandchild)).isFalse();
    }

    /**
     * DEP-3: a hook runs only once its process group has been recorded, so a restart can always kill
     * it; a service that died in between leaves a hook that never ran.
     */
    @Test
    void aHookRunsOnlyOnceItsStartHasBeenRecorded() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));
        CompletableFuture<StartedHook> recording = new CompletableFuture<>();
        CompletableFuture<Void> recorded = new CompletableFuture<>();
        HookContext context = new HookContext("master", "t1", Map.of(), Set.of(), log, hook -> {
            recording.complete(hook);
            recorded.join(); // the recording's transaction, held open by the test
        }, new Cancellation());

        CompletableFuture<NodeResult> deploying = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.deployNode(release, 1, Hook.of("touch ran"), context);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        recording.get(10, TimeUnit.SECONDS);
        await("the hook waits while its start is being recorded").during(Duration.ofMillis(500)).atMost(PROMPTLY)
                .until(() -> !Files.exists(release.directory().resolve("ran")));
        recorded.complete(null);
        assertThat(deploying.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS).hook().succeeded()).isTrue();
        assertThat(release.directory().resolve("ran")).exists();
    }

    @Test
    void startedHookIsReportedBeforeItEndsAndCancelKillsItsChildren() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));
        Cancellation cancellation = new Cancellation();
        CompletableFuture<StartedHook> started = new CompletableFuture<>();
        HookContext context = new HookContext("master", "t1", Map.of(), Set.of(), log, started::complete, cancellation);

        CompletableFuture<NodeResult> deploying = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.deployNode(release, 1, Hook.of("sleep 600 & echo $!; wait"), context);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        StartedHook hook = started.get(10, TimeUnit.SECONDS);
        await().atMost(PROMPTLY).until(() -> !log.hookLines(Phase.DEPLOY, 1).isEmpty());
        long child = Long.parseLong(log.hookLines(Phase.DEPLOY, 1).get(0));
        assertThat(deploying).isNotDone();
        assertThat(hook.processGroupId()).isEqualTo(hook.pid());
        assertThat(hook.phase()).isEqualTo(Phase.DEPLOY);
        assertThat(hook.node()).isEqualTo(1);

        cancellation.cancel();
        NodeResult result = deploying.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS);

        assertThat(result.hook().cancelled()).isTrue();
        assertThat(result.hook().failure()).hasValueSatisfying(reason -> assertThat(reason)
                .isEqualTo("hooks.deploy on node 1 was cancelled (its processes were stopped)"));
        assertThat(alive(child)).isFalse();
        assertThat(alive(hook.pid())).isFalse();
        // The next node of a cancelled deployment is not touched, its next hook does not start.
        NodeResult next = runner.deployNode(release, 2, Hook.of("touch ran"), context);
        assertThat(next.hook().cancelled()).isTrue();
        assertThat(next.hook().ran()).isFalse();
        assertThat(runner.currentRelease(SHOP_MASTER, 2)).isEmpty();
        assertThat(runner.postDeploy(SHOP_MASTER, Hook.of("touch ran"), context).cancelled()).isTrue();
        assertThat(release.directory().resolve("ran")).doesNotExist();
    }

    @Test
    void hookGroupRecordedBeforeARestartIsKilledWithItsGrandchild() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));
        CompletableFuture<StartedHook> recorded = new CompletableFuture<>();
        HookContext context = new HookContext("master", "t1", Map.of(), Set.of(), log, recorded::complete, new Cancellation());
        CompletableFuture<NodeResult> deploying = CompletableFuture.supplyAsync(() -> {
            try {
                return runner.deployNode(release, 1, Hook.of("(sleep 600 & echo $!; wait) & wait"), context);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        long groupId = recorded.get(10, TimeUnit.SECONDS).processGroupId();
        await().atMost(PROMPTLY).until(() -> !log.hookLines(Phase.DEPLOY, 1).isEmpty());
        long grandchild = Long.parseLong(log.hookLines(Phase.DEPLOY, 1).get(0));
        assertThat(alive(grandchild)).isTrue();

        // After a restart only the database's group id is left; a new runner, a new process runner.
        new LocalRunner(root);
        boolean gone = dev.slipway.process.ProcessTree.killGroup(groupId, Duration.ofSeconds(2));

        assertThat(gone).isTrue();
        assertThat(alive(grandchild)).isFalse();
        assertThat(deploying.get(PROMPTLY.toSeconds(), TimeUnit.SECONDS).succeeded()).isFalse();
    }

    private HookContext context(Map<String, String> variables) {
        return HookContext.of("master", "t1", variables, Set.of(), log);
    }

    /** Whether the process runs (a zombie, an orphan killed and not yet reaped by init, does not). */
    static boolean alive(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"), StandardCharsets.ISO_8859_1);
            String state = stat.substring(stat.lastIndexOf(')') + 2, stat.lastIndexOf(')') + 3);
            return !state.equals("Z") && !state.equals("X");
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
