package dev.slipway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.Topics;
import dev.slipway.sshkeys.PublicKeyLine;
import dev.slipway.gateway.git.RefAnnouncements;
import dev.slipway.gateway.service.AccessReadModel;
import dev.slipway.gateway.service.SshAccess;
import dev.slipway.gateway.service.SshKeyService;
import dev.slipway.gateway.ssh.SshServerLifecycle;
import dev.slipway.gateway.support.GatewayWorld;
import dev.slipway.gateway.support.SshClient;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * SSH-4 and SSH-5 with the real git client and OpenSSH against the running gateway: clones, pushes
 * and their rules, the {@code remote:} lines, {@code ref.updated} exactly once per push, and the
 * tier remotes with their grants and DEP-5.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class GitOverSshTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String REF_UPDATED = "dev.slipway.ref.updated.v1";
    private static final String TIER_PUSH_ACCEPTED = "dev.slipway.tier-push.accepted.v1";

    @Inject
    SshServerLifecycle server;

    @Inject
    SshKeyService keys;

    @Inject
    SshAccess access;

    @Inject
    AccessReadModel readModel;

    @Inject
    RefAnnouncements announcements;

    private KafkaProbe git;

    @BeforeEach
    void readGitTopic() {
        git = KafkaProbe.reading(Topics.GIT);
    }

    @AfterEach
    void close() {
        git.close();
    }

    /** A user with a registered key, and the git client as they would run it. */
    private final class User {
        final String id;
        final SshClient.KeyPairFiles key;

        User(String id) {
            this.id = id;
            this.key = SshClient.generate("ed25519", null);
            keys.add(id, null, PublicKeyLine.parse(key.publicLine()));
        }

        SshClient.Result git(Path directory, String... arguments) {
            return git(SshClient.gitSshCommand(key), directory, arguments);
        }

        /** With the port in the SSH command, so scp-like addresses ({@code git@host:<project>.git}, no leading /) reach the gateway. */
        SshClient.Result gitScpStyle(Path directory, String... arguments) {
            return git(SshClient.gitSshCommand(key) + " -p " + server.port(), directory, arguments);
        }

        private SshClient.Result git(String sshCommand, Path directory, String... arguments) {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(arguments));
            return SshClient.run(command, Map.of("GIT_SSH_COMMAND", sshCommand, "GIT_TERMINAL_PROMPT", "0",
                    "GIT_CONFIG_NOSYSTEM", "1", "GIT_AUTHOR_NAME", id, "GIT_AUTHOR_EMAIL", id + "@example.com",
                    "GIT_COMMITTER_NAME", id, "GIT_COMMITTER_EMAIL", id + "@example.com"), directory, 120);
        }

        /** Clones {@code repository} ({@code <project>.git} or a tier remote) into a fresh folder. */
        Path cloned(String repository) {
            Path folder = GatewayWorld.temporaryFolder("slipway-clone-");
            SshClient.Result clone = git(folder, "clone", url(repository), "work");
            assertThat(clone.exitCode()).as(clone.stderr()).isZero();
            return folder.resolve("work");
        }

        /** Commits a change of {@code file} in the work tree and returns the commit id. */
        String commit(Path work, String file) {
            try {
                Files.writeString(work.resolve(file), UUID.randomUUID().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            assertThat(git(work, "add", "-A").exitCode()).isZero();
            SshClient.Result commit = git(work, "commit", "-q", "-m", "change " + file);
            assertThat(commit.exitCode()).as(commit.stderr()).isZero();
            return git(work, "rev-parse", "HEAD").stdout().strip();
        }

        SshClient.Result push(Path work, String... arguments) {
            List<String> command = new ArrayList<>(List.of("push"));
            command.addAll(List.of(arguments));
            return git(work, command.toArray(String[]::new));
        }
    }

    private String url(String repository) {
        return "ssh://git@127.0.0.1:" + server.port() + "/" + repository;
    }

    private JsonNode awaitRefUpdated(String project, String branch, String newHead) {
        ConsumerRecord<String, String> record = git.await(KafkaProbe.ofType(REF_UPDATED, project).and(r -> {
            JsonNode data = data(r);
            return data.path("branch").asText().equals(branch) && (newHead == null ? data.path("newHead").isNull()
                    : newHead.equals(data.path("newHead").asText()));
        }), GatewayWorld.PATIENCE);
        return data(record);
    }

    private static JsonNode data(ConsumerRecord<String, String> record) {
        try {
            return JSON.readTree(record.value());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void awaitEnvironment(String project, String branch) {
        Awaitility.await().atMost(GatewayWorld.PATIENCE).until(() -> readModel.outlook(project, branch).hasEnvironment());
    }

    @Test
    void membersCloneTheEmptyRepositoryAndThenWhatWasPushed() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        Path work = alice.cloned(project + ".git");
        String commit = alice.commit(work, "README.md");
        SshClient.Result push = alice.push(work, "origin", "HEAD:refs/heads/master");
        assertThat(push.exitCode()).as(push.stderr()).isZero();

        User vera = new User("vera" + UUID.randomUUID().toString().substring(0, 6));
        GatewayWorld.addMember(project, vera.id, "viewer");
        Path folder = GatewayWorld.temporaryFolder("slipway-clone-");
        SshClient.Result clone = vera.gitScpStyle(folder, "clone", "git@127.0.0.1:" + project + ".git", "copy");
        assertThat(clone.exitCode()).as(clone.stderr()).isZero();
        Path copy = folder.resolve("copy");
        assertThat(copy.resolve("README.md")).exists();
        assertThat(vera.git(copy, "rev-parse", "HEAD").stdout().strip()).isEqualTo(commit);
    }

    @Test
    void pushingANewBranchAnnouncesItAndSaysItsEnvironmentWillBeCreated() throws IOException {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        Path work = alice.cloned(project + ".git");
        String commit = alice.commit(work, "index.php");

        SshClient.Result push = alice.push(work, "origin", "HEAD:refs/heads/Feature/Login");

        assertThat(push.exitCode()).as(push.stderr()).isZero();
        assertThat(push.stderr()).contains("remote: Slipway: environment feature-login will be created from branch Feature/Login and deployed.");
        JsonNode updated = awaitRefUpdated(project, "Feature/Login", commit);
        assertThat(updated.path("oldHead").isNull()).isTrue();
        assertThat(updated.path("pushedBy").asText()).isEqualTo("alice");
        assertThat(updated.path("projectId").asText()).isEqualTo(project);
    }

    @Test
    void pushingToAnExistingBranchDeploysItsEnvironment() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        Path work = alice.cloned(project + ".git");
        String first = alice.commit(work, "a.txt");
        assertThat(alice.push(work, "origin", "HEAD:refs/heads/master").exitCode()).isZero();
        String second = alice.commit(work, "b.txt");

        SshClient.Result push = alice.push(work, "origin", "HEAD:refs/heads/master");

        assertThat(push.exitCode()).as(push.stderr()).isZero();
        assertThat(push.stderr()).contains("remote: Slipway: deploying master at " + second.substring(0, 7) + ".");
        JsonNode updated = awaitRefUpdated(project, "master", second);
        assertThat(updated.path("oldHead").asText()).isEqualTo(first);
    }

    @Test
    void anAdminDeletesABranchByPushAndAContributorMayNot() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        User carl = new User("carl" + UUID.randomUUID().toString().substring(0, 6));
        GatewayWorld.addMember(project, carl.id, "contributor");
        Path work = carl.cloned(project + ".git");
        String commit = carl.commit(work, "a.txt");
        assertThat(carl.push(work, "origin", "HEAD:refs/heads/feature").exitCode()).isZero();
        awaitRefUpdated(project, "feature", commit);
        GatewayWorld.environmentCreated(project, "feature", "feature", "ACTIVE");
        awaitEnvironment(project, "feature");

        SshClient.Result refused = carl.push(work, "origin", "--delete", "feature");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("Deleting branch feature needs the admin role; you are contributor.");

        SshClient.Result deleted = alice.push(alice.cloned(project + ".git"), "origin", "--delete", "feature");
        assertThat(deleted.exitCode()).as(deleted.stderr()).isZero();
        assertThat(deleted.stderr()).contains("remote: Slipway: environment feature will be deleted with its branch.");
        JsonNode updated = awaitRefUpdated(project, "feature", null);
        assertThat(updated.path("oldHead").asText()).isEqualTo(commit);
        assertThat(updated.path("pushedBy").asText()).isEqualTo("alice");
    }

    @Test
    void forcePushingMasterNeedsAnAdmin() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        User carl = new User("carl" + UUID.randomUUID().toString().substring(0, 6));
        GatewayWorld.addMember(project, carl.id, "contributor");
        Path work = carl.cloned(project + ".git");
        carl.commit(work, "a.txt");
        carl.commit(work, "b.txt");
        assertThat(carl.push(work, "origin", "HEAD:refs/heads/master").exitCode()).isZero();
        assertThat(carl.git(work, "reset", "-q", "--hard", "HEAD~1").exitCode()).isZero();
        String rewritten = carl.commit(work, "c.txt");

        SshClient.Result refused = carl.push(work, "--force", "origin", "HEAD:refs/heads/master");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("Force-pushing master rewrites its history and needs the admin role; you are contributor.");

        Path adminWork = alice.cloned(project + ".git");
        assertThat(alice.git(adminWork, "fetch", "-q", work.toString(), "HEAD").exitCode()).isZero();
        SshClient.Result accepted = alice.push(adminWork, "--force", "origin", rewritten + ":refs/heads/master");
        assertThat(accepted.exitCode()).as(accepted.stderr()).isZero();
        awaitRefUpdated(project, "master", rewritten);
    }

    @Test
    void viewersCannotPush() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        User vera = new User("vera" + UUID.randomUUID().toString().substring(0, 6));
        GatewayWorld.addMember(project, vera.id, "viewer");
        Path work = vera.cloned(project + ".git");
        vera.commit(work, "a.txt");

        SshClient.Result push = vera.push(work, "origin", "HEAD:refs/heads/master");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.stderr()).contains("Pushing needs the contributor role; you are viewer.");
    }

    @Test
    void nonMembersAndUnknownProjectsGetRepositoryNotFound() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        User stranger = new User("stranger" + UUID.randomUUID().toString().substring(0, 6));
        Path folder = GatewayWorld.temporaryFolder("slipway-clone-");

        SshClient.Result member = stranger.git(folder, "clone", url(project + ".git"), "a");
        SshClient.Result unknown = stranger.git(folder, "clone", url(GatewayWorld.newProjectId() + ".git"), "b");

        assertThat(member.exitCode()).isNotZero();
        assertThat(member.stderr()).contains("ERROR: Repository not found.");
        assertThat(unknown.stderr()).contains("ERROR: Repository not found.");
    }

    @Test
    void theGitUserHasNoShell() {
        User alice = new User("alice");
        SshClient.Result shell = SshClient.ssh(alice.key, server.port(), "git");
        assertThat(shell.exitCode()).isEqualTo(1);
        assertThat(shell.stderr()).contains("Hi alice! You've authenticated with Slipway, but git@ has no shell");
    }

    @Test
    void aNewBranchBeyondTheEnv3LimitIsToldItsEnvironmentWillBeInactive() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        // master is active already: seven more reach the limit of 8.
        for (int i = 1; i <= 7; i++) {
            GatewayWorld.environmentCreated(project, "env" + i, "env" + i, "ACTIVE");
        }
        Awaitility.await().atMost(GatewayWorld.PATIENCE).until(() -> !readModel.outlook(project, "next").hasRoom());
        Path work = alice.cloned(project + ".git");
        alice.commit(work, "a.txt");

        SshClient.Result push = alice.push(work, "origin", "HEAD:refs/heads/next");

        assertThat(push.exitCode()).as(push.stderr()).isZero();
        assertThat(push.stderr()).contains("remote: Slipway: environment next will be created INACTIVE: ENV-3 allows 8 active environments "
                + "and 8 are active; deactivate one, then activate next.");
    }

    @Test
    void aTierPushNeedsAGrant() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        Path work = alice.cloned(project + ".git");
        alice.commit(work, "a.txt");

        SshClient.Result push = alice.push(work, url(project + "-production.git"), "HEAD:refs/heads/master");

        assertThat(push.exitCode()).isNotZero();
        assertThat(push.stderr()).contains("ERROR: pushing to " + project + "-production needs a grant: open an ADD_SSH_KEY ticket (SSH-5)");
    }

    @Test
    void aTierPushIsRefusedUntilTheCommitSucceededOnMasterThenDeploysIt() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        Path work = alice.cloned(project + ".git");
        String commit = alice.commit(work, "a.txt");
        assertThat(alice.push(work, "origin", "HEAD:refs/heads/master").exitCode()).isZero();
        GatewayWorld.addSshKeyTicketApproved(project, "staging", alice.id, alice.key.publicLine(), null);
        SshAccess.KeyHolder holder = access.holderOf(PublicKeyLine.parse(alice.key.publicLine()).fingerprint()).orElseThrow();
        Awaitility.await().atMost(GatewayWorld.PATIENCE).until(() -> access.tierGrant(holder, project, "staging").isPresent());
        String staging = url(project + "-staging.git");

        SshClient.Result refused = alice.push(work, staging, "HEAD:refs/heads/master");
        assertThat(refused.exitCode()).isNotZero();
        assertThat(refused.stderr()).contains("DEP-5: commit " + commit + " has no successful deployment on Integration master");

        GatewayWorld.deploymentSucceeded(project, "master", commit, null);
        Awaitility.await().atMost(GatewayWorld.PATIENCE).until(() -> QuarkusTransaction.requiringNew()
                .call(() -> readModel.succeededOn(project, "master", commit)));
        SshClient.Result accepted = alice.push(work, staging, "HEAD:refs/heads/master");

        assertThat(accepted.exitCode()).as(accepted.stderr()).isZero();
        assertThat(accepted.stderr()).contains("remote: Slipway: deploying " + commit.substring(0, 7) + " to Staging (TIER_PUSH)");
        JsonNode event = data(git.await(KafkaProbe.ofType(TIER_PUSH_ACCEPTED, project), GatewayWorld.PATIENCE));
        assertThat(event.path("environmentId").asText()).isEqualTo("staging");
        assertThat(event.path("commit").asText()).isEqualTo(commit);
        assertThat(event.path("previousCommit").isNull()).isTrue();
        assertThat(event.path("pushedBy").asText()).isEqualTo("alice");
        assertThat(event.path("fingerprint").asText()).isEqualTo(holder.fingerprint());
        assertThat(event.path("grantId").asText()).isNotBlank();
        // The tier remote shows what was pushed to it, its objects reached through the project's.
        Path tier = alice.cloned(project + "-staging.git");
        assertThat(alice.git(tier, "rev-parse", "HEAD").stdout().strip()).isEqualTo(commit);
        assertThat(git.seen().stream().filter(KafkaProbe.ofType(TIER_PUSH_ACCEPTED, project)).count()).isEqualTo(1);
    }

    @Test
    void eachPushIsAnnouncedExactlyOnce() {
        User alice = new User("alice");
        String project = GatewayWorld.projectOwnedBy(alice.id);
        Path work = alice.cloned(project + ".git");
        List<String> heads = new ArrayList<>();
        for (String file : List.of("a.txt", "b.txt", "c.txt")) {
            heads.add(alice.commit(work, file));
            SshClient.Result push = alice.push(work, "origin", "HEAD:refs/heads/master");
            assertThat(push.exitCode()).as(push.stderr()).isZero();
        }
        awaitRefUpdated(project, "master", heads.get(2));
        // Another round (as the retry set or a start-up sweep would run) finds nothing left to announce.
        assertThat(announcements.announce(project, Map.of())).isEmpty();

        Awaitility.await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).until(() -> {
            git.await(record -> true, Duration.ofSeconds(5));
            return masterUpdates(project).size() == 3;
        });
        assertThat(masterUpdates(project)).extracting(data -> data.path("newHead").asText()).containsExactlyElementsOf(heads);
        assertThat(masterUpdates(project)).extracting(data -> data.path("oldHead").isNull() ? null : data.path("oldHead").asText())
                .containsExactly(null, heads.get(0), heads.get(1));
    }

    private List<JsonNode> masterUpdates(String project) {
        return git.seen().stream().filter(KafkaProbe.ofType(REF_UPDATED, project)).map(GitOverSshTest::data)
                .filter(data -> data.path("branch").asText().equals("master")).toList();
    }
}
