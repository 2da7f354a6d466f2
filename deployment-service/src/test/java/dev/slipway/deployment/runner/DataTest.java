package dev.slipway.deployment.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** An environment's data (DEP-7): mounts linked into one data folder, kept across releases, copied, dropped. */
@Timeout(60)
class DataTest {

    private static final EnvironmentRef MASTER = new EnvironmentRef("shop", "master");
    private static final EnvironmentRef FEATURE = new EnvironmentRef("shop", "feature-x");
    private static final List<String> MOUNTS = List.of("var", "pub/media");

    @TempDir
    Path root;

    private final RecordedLog log = new RecordedLog();

    @Test
    void mountsAreLinksIntoTheDataFolderAndTheDataOutlivesTheRelease() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release first = runner.prepareRelease(MASTER, "r1",
                Tars.tree().dir("pub").file("pub/index.php", "<?php").file("var/.gitkeep", "").stream());
        runner.linkMounts(first, MOUNTS);
        deploy(runner, first, "echo upload-1 > pub/media/one.jpg; echo cache > var/cache.txt");

        Release second = runner.prepareRelease(MASTER, "r2", Tars.tree().dir("pub").file("pub/index.php", "<?php 2").stream());
        runner.linkMounts(second, MOUNTS);
        deploy(runner, second, "cat pub/media/one.jpg; echo upload-2 > pub/media/two.jpg");

        assertThat(Files.readSymbolicLink(second.directory().resolve("pub/media"))).isEqualTo(Path.of("../../../data/pub/media"));
        assertThat(Files.readSymbolicLink(second.directory().resolve("var"))).isEqualTo(Path.of("../../data/var"));
        assertThat(log.hookLines(Phase.DEPLOY, 1)).containsExactly("upload-1");
        Path data = root.resolve("shop/master/data");
        assertThat(data.resolve("pub/media/one.jpg")).hasContent("upload-1");
        assertThat(data.resolve("pub/media/two.jpg")).hasContent("upload-2");
        assertThat(data.resolve("var/cache.txt")).hasContent("cache");
        // What the tree had at a mount is hidden by it, as a mounted volume hides it.
        assertThat(data.resolve("var/.gitkeep")).doesNotExist();
        // One data folder for every node.
        runner.deployNode(second, 2, Hook.none(), context());
        assertThat(root.resolve("shop/master/nodes/2/current/pub/media/two.jpg")).hasContent("upload-2");
    }

    @Test
    void dataIsCopiedFromAnotherEnvironmentReplacingWhatWasThere() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release master = runner.prepareRelease(MASTER, "r1", Tars.app("1"));
        runner.linkMounts(master, MOUNTS);
        deploy(runner, master, "echo from-master > pub/media/a.jpg");
        Release feature = runner.prepareRelease(FEATURE, "r1", Tars.app("1"));
        runner.linkMounts(feature, MOUNTS);
        deploy(runner, feature, "echo only-in-feature > var/old.txt");

        runner.copyData(MASTER, FEATURE);

        Path featureData = root.resolve("shop/feature-x/data");
        assertThat(featureData.resolve("pub/media/a.jpg")).hasContent("from-master");
        assertThat(featureData.resolve("var/old.txt")).doesNotExist();
        // The links of the feature's release follow the new folder.
        assertThat(feature.directory().resolve("pub/media/a.jpg")).hasContent("from-master");
        // A copy, not a share.
        Files.writeString(featureData.resolve("pub/media/a.jpg"), "changed");
        assertThat(root.resolve("shop/master/data/pub/media/a.jpg")).hasContent("from-master");
    }

    @Test
    void droppedDataIsGoneAndTheEnvironmentCanBeRemovedWhole() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Release release = runner.prepareRelease(FEATURE, "r1", Tars.app("1"));
        runner.linkMounts(release, MOUNTS);
        deploy(runner, release, "echo x > var/x.txt");

        runner.dropData(FEATURE);

        assertThat(root.resolve("shop/feature-x/data")).doesNotExist();
        assertThat(runner.currentRelease(FEATURE, 1)).contains("r1");

        runner.removeEnvironment(FEATURE);

        assertThat(root.resolve("shop/feature-x")).doesNotExist();
        assertThat(root.resolve("shop")).isEmptyDirectory();
        assertThat(runner.currentRelease(FEATURE, 1)).isEmpty();
    }

    @Test
    void mountThatLeavesTheReleaseOrGoesThroughALinkIsRefused() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        Path outside = Files.createDirectories(root.resolve("outside"));
        Release release = runner.prepareRelease(MASTER, "r1", Tars.tree().link("lib", outside.toString()).stream());

        assertThatThrownBy(() -> runner.linkMounts(release, List.of("../escape"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> runner.linkMounts(release, List.of("/etc"))).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> runner.linkMounts(release, List.of("lib/media")))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        assertThat(outside).isEmptyDirectory();
    }

    private void deploy(LocalRunner runner, Release release, String script) throws Exception {
        NodeResult result = runner.deployNode(release, 1, Hook.of(script), context());
        assertThat(result.succeeded()).as(result.hook().failure().orElse("")).isTrue();
    }

    private HookContext context() {
        return HookContext.of("master", "t1", Map.of(), Set.of(), log);
    }
}
