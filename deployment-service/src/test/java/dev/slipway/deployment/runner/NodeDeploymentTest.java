package dev.slipway.deployment.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** DEPLOY and POST_DEPLOY across nodes (DEP-2, ENV-6), and the {@code current} link per node (DEP-10). */
@Timeout(60)
class NodeDeploymentTest {

    private static final EnvironmentRef SHOP_PRODUCTION = new EnvironmentRef("shop", "production");

    @TempDir
    Path root;

    private final RecordedLog log = new RecordedLog();

    @Test
    void rolloutStopsAtTheNodeThatFailsWhichKeepsItsOldRelease() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        HookContext context = HookContext.of("master", "t2", Map.of(), Set.of(), log);
        Release old = runner.prepareRelease(SHOP_PRODUCTION, "r1", Tars.app("1"));
        for (int node = 1; node <= 3; node++) {
            assertThat(runner.deployNode(old, node, Hook.of("true"), context).succeeded()).isTrue();
        }
        Release release = runner.prepareRelease(SHOP_PRODUCTION, "r2", Tars.app("2"));
        Hook deploy = Hook.of("""
                echo "deploying $(cat version.txt) on node $SLIPWAY_NODE"
                if [ "$SLIPWAY_NODE" = 2 ]; then exit 3; fi
                """);

        // As the service rolls out: one node at a time, stopping at the first failure.
        List<NodeResult> results = new ArrayList<>();
        for (int node = 1; node <= 3; node++) {
            NodeResult result = runner.deployNode(release, node, deploy, context);
            results.add(result);
            if (!result.succeeded()) {
                break;
            }
        }

        assertThat(results).hasSize(2);
        assertThat(results.get(0).currentRelease()).contains("r2");
        assertThat(results.get(1).succeeded()).isFalse();
        assertThat(results.get(1).hook().exitCode()).isEqualTo(3);
        assertThat(results.get(1).hook().failure()).contains("hooks.deploy on node 2 failed with exit code 3");
        assertThat(results.get(1).previousRelease()).contains("r1");
        assertThat(results.get(1).currentRelease()).contains("r1");
        assertThat(runner.currentRelease(SHOP_PRODUCTION, 1)).contains("r2");
        assertThat(runner.currentRelease(SHOP_PRODUCTION, 2)).contains("r1");
        assertThat(runner.currentRelease(SHOP_PRODUCTION, 3)).contains("r1");
        assertThat(root.resolve("shop/production/nodes/2/current/version.txt")).hasContent("1");
        assertThat(log.hookLines(Phase.DEPLOY, 1)).containsExactly("deploying 2 on node 1");
        assertThat(log.hookLines(Phase.DEPLOY, 2)).containsExactly("deploying 2 on node 2");
        assertThat(log.hookLines(Phase.DEPLOY, 3)).isEmpty();
        assertThat(log.texts(line -> line.stream() == LogStream.RUNNER && line.node() == 2))
                .endsWith("node 2 switched to release r2", "node 2 switched back to release r1");
    }

    @Test
    void nodeWithoutAnEarlierReleaseHasNoneAfterAFailure() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(SHOP_PRODUCTION, "r1", Tars.app("1"));

        NodeResult result = runner.deployNode(release, 1, Hook.of("exit 1"),
                HookContext.of("master", "t1", Map.of(), Set.of(), log));

        assertThat(result.currentRelease()).isEmpty();
        assertThat(runner.currentRelease(SHOP_PRODUCTION, 1)).isEmpty();
    }

    @Test
    void postDeployRunsOnceOnNodeOne() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        HookContext context = HookContext.of("master", "t1", Map.of(), Set.of(), log);
        Release release = runner.prepareRelease(SHOP_PRODUCTION, "r1", Tars.app("1"));
        for (int node = 1; node <= 3; node++) {
            runner.deployNode(release, node, Hook.none(), context);
        }

        HookResult result = runner.postDeploy(SHOP_PRODUCTION, Hook.of("echo \"post on $SLIPWAY_NODE\" >> post-deploy.log"),
                context);

        assertThat(result.succeeded()).isTrue();
        assertThat(result.node()).isEqualTo(1);
        assertThat(Files.readAllLines(release.directory().resolve("post-deploy.log"))).containsExactly("post on 1");
    }

    @Test
    void postDeployWithoutAReleaseIsRefused() {
        LocalRunner runner = new LocalRunner(root);

        assertThatThrownBy(() -> runner.postDeploy(SHOP_PRODUCTION, Hook.of("true"),
                HookContext.of("master", "t1", Map.of(), Set.of(), log)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("node 1 of shop-production has no release");
    }

    @Test
    void currentLinkIsRenamedOverTheOldOneSoItAlwaysResolves() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release first = runner.prepareRelease(SHOP_PRODUCTION, "r1", Tars.app("1"));
        Release second = runner.prepareRelease(SHOP_PRODUCTION, "r2", Tars.app("2"));
        Path node = Files.createDirectories(root.resolve("shop/production/nodes/1"));
        LocalRunner.switchCurrent(node, "r1");
        Path current = node.resolve("current");
        AtomicBoolean switching = new AtomicBoolean(true);
        AtomicLong looks = new AtomicLong();
        AtomicReference<String> missed = new AtomicReference<>();
        Thread reader = new Thread(() -> {
            while (switching.get()) {
                looks.incrementAndGet();
                if (!Files.isRegularFile(current.resolve("version.txt"))) {
                    missed.compareAndSet(null, "no current at look " + looks.get());
                }
            }
        });
        reader.start();

        for (int i = 0; i < 2000; i++) {
            LocalRunner.switchCurrent(node, i % 2 == 0 ? "r2" : "r1");
        }
        switching.set(false);
        reader.join();

        assertThat(missed.get()).isNull();
        assertThat(looks.get()).isPositive();
        assertThat(Files.readSymbolicLink(current)).isEqualTo(Path.of("../../releases/r1"));
        assertThat(current.toRealPath()).isEqualTo(first.directory().toRealPath());
        assertThat(second.directory()).exists();
        // No temporary link is left beside it.
        try (var entries = Files.list(node)) {
            assertThat(entries.map(path -> path.getFileName().toString()).toList()).containsExactly("current");
        }
    }

    @Test
    void pruneKeepsTheCurrentReleasesAndTheLastOnes() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        HookContext context = HookContext.of("master", "t1", Map.of(), Set.of(), log);
        for (int i = 1; i <= 5; i++) {
            runner.prepareRelease(SHOP_PRODUCTION, "r" + i, Tars.app(Integer.toString(i)));
        }
        runner.deployNode(runner.release(SHOP_PRODUCTION, "r1").orElseThrow(), 1, Hook.none(), context);
        runner.deployNode(runner.release(SHOP_PRODUCTION, "r3").orElseThrow(), 2, Hook.none(), context);

        List<String> removed = runner.pruneReleases(SHOP_PRODUCTION, 1);

        assertThat(removed).containsExactlyInAnyOrder("r2", "r4");
        assertThat(root.resolve("shop/production/releases")).isDirectoryContaining(path -> path.endsWith("r1"))
                .isDirectoryContaining(path -> path.endsWith("r3")).isDirectoryContaining(path -> path.endsWith("r5"));
        try (var entries = Files.list(root.resolve("shop/production/releases"))) {
            assertThat(entries.count()).isEqualTo(3);
        }
        assertThat(runner.pruneReleases(SHOP_PRODUCTION, 1)).isEmpty();
    }
}
