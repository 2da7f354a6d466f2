package dev.slipway.deployment.runner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A release is a commit's tree extracted from the git host's tar stream (DEP-10), safely. */
class ReleasePreparationTest {

    private static final EnvironmentRef SHOP_MASTER = new EnvironmentRef("shop", "master");

    @TempDir
    Path root;
    @TempDir
    Path outside;

    @Test
    void releaseHoldsTheTreeWithModesLinksAndNestedFolders() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        InputStream tar = Tars.tree()
                .dir("app").dir("app/code").dir("app/code/Vendor")
                .file("app/code/Vendor/module.xml", "<module/>\n")
                .executable("bin/magento", "#!/bin/sh\necho magento\n")
                .link("pub/static", "../app/code")
                .link("external", "/nonexistent/slipway-link-target")
                .stream();

        Release release = runner.prepareRelease(SHOP_MASTER, "r1", tar);

        Path directory = release.directory();
        assertThat(directory).isEqualTo(root.resolve("shop/master/releases/r1"));
        assertThat(directory.resolve("app/code/Vendor/module.xml")).hasContent("<module/>");
        assertThat(permissions(directory.resolve("app/code/Vendor/module.xml"))).isEqualTo("rw-r--r--");
        assertThat(permissions(directory.resolve("bin/magento"))).isEqualTo("rwxr-xr-x");
        assertThat(Files.readSymbolicLink(directory.resolve("pub/static"))).isEqualTo(Path.of("../app/code"));
        assertThat(directory.resolve("pub/static/Vendor/module.xml")).exists();
        // A link may point anywhere: it is created, never followed.
        assertThat(Files.readSymbolicLink(directory.resolve("external"))).isEqualTo(Path.of("/nonexistent/slipway-link-target"));
        assertThat(runner.release(SHOP_MASTER, "r1")).contains(release);
    }

    @Test
    void treeFromTheRealTarCommandIsExtracted() throws Exception {
        Path source = Files.createDirectories(outside.resolve("src/lib"));
        Files.writeString(source.resolve("a.txt"), "a\n");
        Files.createSymbolicLink(outside.resolve("src/b"), Path.of("lib/a.txt"));
        Process tar = new ProcessBuilder("tar", "-C", outside.resolve("src").toString(), "-cf", "-", ".").start();

        Release release;
        try (InputStream stream = tar.getInputStream()) {
            release = new LocalRunner(root).prepareRelease(SHOP_MASTER, "r1", stream);
        }

        assertThat(tar.waitFor()).isZero();
        assertThat(release.directory().resolve("lib/a.txt")).hasContent("a");
        assertThat(release.directory().resolve("b")).hasContent("a");
        assertThat(Files.isSymbolicLink(release.directory().resolve("b"))).isTrue();
    }

    @Test
    void entryWithDotDotIsRefusedAndNothingIsLeft() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        InputStream tar = Tars.tree().file("ok.txt", "ok").file("../../escaped.txt", "bad").stream();

        assertThatThrownBy(() -> runner.prepareRelease(SHOP_MASTER, "r1", tar))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("../../escaped.txt");

        assertThat(root.resolve("shop/escaped.txt")).doesNotExist();
        assertThat(root.resolve("shop/master/escaped.txt")).doesNotExist();
        assertThat(runner.release(SHOP_MASTER, "r1")).isEmpty();
        assertThat(Files.list(root.resolve("shop/master/releases")).toList()).isEmpty();
    }

    @Test
    void absoluteEntryIsRefused() {
        LocalRunner runner = new LocalRunner(root);
        InputStream tar = Tars.tree().file(outside.resolve("absolute.txt").toString(), "bad").stream();

        assertThatThrownBy(() -> runner.prepareRelease(SHOP_MASTER, "r1", tar)).isInstanceOf(IOException.class);
        assertThat(outside.resolve("absolute.txt")).doesNotExist();
    }

    @Test
    void entryThroughALinkOfTheArchiveIsRefusedInsteadOfWrittenWhereTheLinkPoints() {
        LocalRunner runner = new LocalRunner(root);
        InputStream tar = Tars.tree().link("lib", outside.toString()).file("lib/planted.sh", "bad").stream();

        assertThatThrownBy(() -> runner.prepareRelease(SHOP_MASTER, "r1", tar))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("symbolic link");
        assertThat(outside.resolve("planted.sh")).doesNotExist();
    }

    @Test
    void fileNamedLikeAnEarlierLinkIsRefusedInsteadOfWrittenThroughIt() {
        LocalRunner runner = new LocalRunner(root);
        InputStream tar = Tars.tree().link("config", outside.resolve("target.txt").toString()).file("config", "bad").stream();

        assertThatThrownBy(() -> runner.prepareRelease(SHOP_MASTER, "r1", tar)).isInstanceOf(IOException.class);
        assertThat(outside.resolve("target.txt")).doesNotExist();
    }

    @Test
    void hardLinkIsRefused() {
        InputStream tar = Tars.tree().file("a", "a").hardLink("b", "a").stream();

        assertThatThrownBy(() -> new LocalRunner(root).prepareRelease(SHOP_MASTER, "r1", tar))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("b");
    }

    @Test
    void releaseThatExistsIsNotOverwritten() throws Exception {
        LocalRunner runner = new LocalRunner(root);
        runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("1"));

        assertThatThrownBy(() -> runner.prepareRelease(SHOP_MASTER, "r1", Tars.app("2")))
                .isInstanceOf(FileAlreadyExistsException.class);
        assertThat(root.resolve("shop/master/releases/r1/version.txt")).hasContent("1");
    }

    @Test
    void namesThatWouldLeaveTheRootAreRefused() {
        LocalRunner runner = new LocalRunner(root);

        assertThatThrownBy(() -> runner.prepareRelease(SHOP_MASTER, "../r1", Tars.app("1")))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnvironmentRef("shop", "../etc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EnvironmentRef("../x", "master")).isInstanceOf(IllegalArgumentException.class);
        assertThat(List.of(new EnvironmentRef("shop", "feature-checkout-2"))).isNotEmpty();
    }

    private static String permissions(Path file) throws IOException {
        return PosixFilePermissions.toString(Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS));
    }
}
