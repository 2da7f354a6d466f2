package dev.slipway.deployment.appconfig;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** CFG-1 read from a checked-out tree: only regular files reached through directories, never through a link. */
class CheckedOutFilesTest {

    @TempDir
    Path root;

    @Test
    void aRegularFileIsReadAndAnAbsentOneIsEmpty() throws IOException {
        Files.createDirectories(root.resolve(".slipway"));
        Files.writeString(root.resolve(".slipway/app.yaml"), "name: shop\n");
        CheckedOutFiles files = new CheckedOutFiles(root);
        assertThat(files.read(".slipway/app.yaml")).map(bytes -> new String(bytes, StandardCharsets.UTF_8)).contains("name: shop\n");
        assertThat(files.read(".slipway/routes.yaml")).isEmpty();
        assertThat(files.read(".slipway")).as("a directory is not a file").isEmpty();
    }

    @Test
    void linksAndDotSegmentsNeverLeadOutOfTheTree() throws IOException {
        Path outside = Files.createTempFile("slipway-outside-", ".yaml");
        Files.writeString(outside, "secret: outside the tree\n");
        Files.createSymbolicLink(root.resolve(".magento.app.yaml"), outside);
        Files.createSymbolicLink(root.resolve(".slipway"), outside.getParent());
        Files.createDirectories(root.resolve("sub"));
        CheckedOutFiles files = new CheckedOutFiles(root);
        assertThat(files.read(".magento.app.yaml")).as("a link to a file").isEmpty();
        assertThat(files.read(".slipway/" + outside.getFileName())).as("a path through a linked directory").isEmpty();
        assertThat(files.read("sub/../.magento.app.yaml")).isEmpty();
        assertThat(files.read("/etc/passwd")).isEmpty();
    }
}
