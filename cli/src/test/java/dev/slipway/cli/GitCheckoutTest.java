package dev.slipway.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The defaults of -p and -e inside a git clone of a Slipway project. */
class GitCheckoutTest {

    @TempDir
    Path folder;

    private Path clone(String branch, String config) throws IOException {
        Path clone = folder.resolve("shop");
        Files.createDirectories(clone.resolve(".git"));
        Files.createDirectories(clone.resolve("app/src"));
        Files.writeString(clone.resolve(".git/HEAD"), "ref: refs/heads/" + branch + "\n");
        Files.writeString(clone.resolve(".git/config"), config);
        return clone;
    }

    @Test
    void theProjectComesFromTheRemoteAndTheEnvironmentFromTheBranchAsEnv2SlugsIt() throws IOException {
        Path clone = clone("Feature/Check_out.v2", """
                [core]
                \tbare = false
                [remote "github"]
                \turl = git@github.com:acme/other.git
                [remote "origin"]
                \turl = ssh://git@127.0.0.1:2222/shop.git
                \tfetch = +refs/heads/*:refs/remotes/origin/*
                [branch "master"]
                \tremote = origin
                """);
        GitCheckout checkout = GitCheckout.find(clone.resolve("app/src"));
        assertThat(checkout.project()).contains("shop");
        assertThat(checkout.environment()).contains("feature-check-out-v2");
    }

    @Test
    void aTierRemoteIsNoProjectAndADetachedHeadNoEnvironment() throws IOException {
        Path clone = clone("x", "[remote \"origin\"]\n\turl = ssh://git@127.0.0.1:2222/shop-staging.git\n");
        Files.writeString(clone.resolve(".git/HEAD"), "3b4eecac5cb7524e8bf5ef12d7380f2e104021b6\n");
        GitCheckout checkout = GitCheckout.find(clone);
        assertThat(checkout.project()).isEmpty();
        assertThat(checkout.branch()).isEmpty();
    }

    @Test
    void aWorktreeReadsItsOwnHeadAndTheSharedConfig() throws IOException {
        Path main = clone("master", "[remote \"slipway\"]\n\turl = ssh://git@slipway.example.com:2222/shop.git\n");
        Path gitdir = main.resolve(".git/worktrees/feature");
        Files.createDirectories(gitdir);
        Files.writeString(gitdir.resolve("HEAD"), "ref: refs/heads/feature\n");
        Files.writeString(gitdir.resolve("commondir"), "../..\n");
        Path worktree = folder.resolve("feature-tree");
        Files.createDirectories(worktree);
        Files.writeString(worktree.resolve(".git"), "gitdir: " + gitdir + "\n");
        assertThat(GitCheckout.find(worktree)).isEqualTo(new GitCheckout(Optional.of("shop"), Optional.of("feature")));
    }

    @Test
    void aCloneOfAnotherRepositoryHasABranchButNoEnvironment() throws IOException {
        Path clone = clone("main", "[remote \"origin\"]\n\turl = git@github.com:acme/slipway.git\n");
        GitCheckout checkout = GitCheckout.find(clone);
        assertThat(checkout.project()).isEmpty();
        assertThat(checkout.branch()).contains("main");
        assertThat(checkout.environment()).isEmpty();
    }

    @Test
    void outsideACloneThereIsNoDefault() {
        assertThat(GitCheckout.find(folder)).isEqualTo(GitCheckout.NONE);
    }

    @Test
    void aCommandInACloneUsesItsProjectAndEnvironment() throws IOException {
        Path clone = clone("feature/x", "[remote \"origin\"]\n\turl = ssh://git@127.0.0.1:2222/shop.git\n");
        try (FakeOrigin origin = new FakeOrigin()) {
            origin.json("GET", "/api/v1/projects/shop/environments/feature-x", 200, "{\"id\":\"feature-x\",\"status\":\"ACTIVE\"}");
            CliRun.Result result = new CliRun(folder).against(origin, Tokens.of("alice")).in(clone).run("environment:info", "status");
            assertThat(result.exitCode()).isZero();
            assertThat(result.out()).isEqualTo("ACTIVE\n");
        }
    }
}
