package dev.slipway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.Topics;
import dev.slipway.gateway.git.GitOperations;
import dev.slipway.testing.KafkaProbe;

import dev.slipway.testing.SlipwayTestResource;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/** SSH-4 / ENV-4: the gateway performs requested git operations on the real repository and answers on slipway.git. */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class GitOperationsTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private static String newProject() {
        String project = "g" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        KafkaProbe.send(Topics.ENVIRONMENTS, project, Map.of("id", UUID.randomUUID().toString(), "type", "dev.slipway.project.created.v1",
                "source", "/slipway/environment-service"), "{\"projectId\":\"" + project + "\",\"title\":\"T\",\"createdBy\":\"alice\","
                + "\"activeEnvironmentLimit\":8,\"environments\":[],\"createdAt\":\"2026-11-26T10:00:00Z\"}");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(repo(project).resolve("HEAD")));
        return project;
    }

    private static Path repo(String project) {
        return Path.of(System.getProperty(SlipwayTestResource.GIT_ROOT_PROPERTY)).resolve(project + ".git");
    }

    private static Repository open(String project) throws IOException {
        return new FileRepositoryBuilder().setGitDir(repo(project).toFile()).setMustExist(true).build();
    }

    /** Commits {@code files} (path -> content, top-level only) on {@code branch} on top of its head. */
    private static ObjectId commit(String project, String branch, Map<String, String> files) throws IOException {
        try (Repository git = open(project); ObjectInserter inserter = git.newObjectInserter()) {
            TreeFormatter tree = new TreeFormatter();
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                tree.append(file.getKey(), FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, file.getValue().getBytes(StandardCharsets.UTF_8)));
            }
            CommitBuilder commit = new CommitBuilder();
            commit.setTreeId(inserter.insert(tree));
            var parent = git.exactRef(Constants.R_HEADS + branch);
            if (parent != null) {
                commit.setParentId(parent.getObjectId());
            }
            PersonIdent me = new PersonIdent("Test", "test@example.com");
            commit.setAuthor(me);
            commit.setCommitter(me);
            commit.setMessage("change " + files.keySet());
            ObjectId id = inserter.insert(commit);
            inserter.flush();
            RefUpdate update = git.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(id);
            update.setForceUpdate(true);
            update.update();
            return id;
        }
    }

    private static String head(String project, String branch) throws IOException {
        try (Repository git = open(project)) {
            var ref = git.exactRef(Constants.R_HEADS + branch);
            return ref == null ? null : ref.getObjectId().name();
        }
    }

    /** Sends a request as environment-service does and returns the gateway's answer. */
    /** The gateway's answer: its CloudEvents type and data. */
    private record Answer(String type, JsonNode data) {
        boolean completed() {
            return "dev.slipway.git-operation.completed.v1".equals(type);
        }

        String head() {
            return data.get("head").isNull() ? null : data.get("head").asText();
        }
    }

    private static Answer request(String project, String kind, String branch, String base) throws IOException {
        return request(project, UUID.randomUUID().toString(), kind, branch, base).answer();
    }

    /** The answer to operation {@code operation} and the {@code ref.updated} events published up to it. */
    private record Exchange(Answer answer, List<String> announcedBranches) {
    }

    private static Exchange request(String project, String operation, String kind, String branch, String base) throws IOException {
        String data = "{\"operationId\":\"" + operation + "\",\"projectId\":\"" + project + "\",\"environmentId\":\"e\",\"kind\":\"" + kind
                + "\",\"branch\":\"" + branch + "\",\"baseBranch\":" + (base == null ? "null" : "\"" + base + "\"") + ",\"requestedBy\":\"alice\"}";
        try (KafkaProbe answers = KafkaProbe.reading(Topics.GIT)) {
            KafkaProbe.send(Topics.ENVIRONMENTS, project, Map.of("id", UUID.randomUUID().toString(),
                    "type", "dev.slipway.git-operation.requested.v1", "source", "/slipway/environment-service"), data);
            ConsumerRecord<String, String> answer = answers.await(r -> r.value().contains(operation), Duration.ofSeconds(60));
            // The probe reads the topic from its beginning: what this operation announced follows the project's previous answer.
            List<String> announced = new ArrayList<>();
            for (ConsumerRecord<String, String> seen : answers.seen()) {
                String type = KafkaProbe.header(seen, "ce_type");
                if (!project.equals(seen.key()) || seen == answer) {
                    continue;
                }
                if (type.startsWith("dev.slipway.git-operation.")) {
                    announced.clear();
                } else if ("dev.slipway.ref.updated.v1".equals(type)) {
                    announced.add(JSON.readTree(seen.value()).get("branch").asText());
                }
            }
            return new Exchange(new Answer(KafkaProbe.header(answer, "ce_type"), JSON.readTree(answer.value())), announced);
        }
    }

    @Test
    void branchingFromACommitCreatesTheBranchAtTheSameCommit() throws IOException {
        String project = newProject();
        ObjectId base = commit(project, "master", Map.of("README.md", "hello"));
        Answer answer = request(project, "CREATE_BRANCH", "feature/x", "master");
        assertThat(answer.completed()).isTrue();
        assertThat(answer.head()).isEqualTo(base.name());
        assertThat(head(project, "feature/x")).isEqualTo(base.name());
    }

    @Test
    void branchingFromABranchWithoutCommitsSucceedsWithoutAHead() throws IOException {
        String project = newProject();
        Answer answer = request(project, "CREATE_BRANCH", "early", "master");
        assertThat(answer.completed()).isTrue();
        assertThat(answer.head()).isNull();
    }

    @Test
    void mergeFastForwardsWhenItCan() throws IOException {
        String project = newProject();
        commit(project, "master", Map.of("a.txt", "1"));
        request(project, "CREATE_BRANCH", "ff", "master");
        ObjectId tip = commit(project, "ff", Map.of("a.txt", "1", "b.txt", "2"));
        Answer answer = request(project, "MERGE", "ff", "master");
        assertThat(answer.head()).isEqualTo(tip.name());
        assertThat(head(project, "master")).isEqualTo(tip.name());
    }

    @Test
    void divergedBranchesMergeWithAMergeCommit() throws IOException {
        String project = newProject();
        commit(project, "master", Map.of("a.txt", "1", "b.txt", "1"));
        request(project, "CREATE_BRANCH", "side", "master");
        ObjectId sideTip = commit(project, "side", Map.of("a.txt", "side", "b.txt", "1"));
        ObjectId masterTip = commit(project, "master", Map.of("a.txt", "1", "b.txt", "master"));
        Answer answer = request(project, "MERGE", "side", "master");
        assertThat(answer.completed()).isTrue();
        try (Repository git = open(project); RevWalk walk = new RevWalk(git)) {
            RevCommit merge = walk.parseCommit(ObjectId.fromString(answer.head()));
            assertThat(merge.getParents()).extracting(ObjectId::name).containsExactly(masterTip.name(), sideTip.name());
        }
    }

    @Test
    void conflictingChangesFailWithTheConflictingPaths() throws IOException {
        String project = newProject();
        commit(project, "master", Map.of("config.php", "base"));
        request(project, "CREATE_BRANCH", "clash", "master");
        commit(project, "clash", Map.of("config.php", "theirs"));
        String masterBefore = commit(project, "master", Map.of("config.php", "ours")).name();
        Answer answer = request(project, "MERGE", "clash", "master");
        assertThat(answer.completed()).isFalse();
        assertThat(answer.data().get("conflicts").toString()).contains("config.php");
        assertThat(head(project, "master")).isEqualTo(masterBefore);
    }

    @Test
    void syncMergesTheParentIntoTheChild() throws IOException {
        String project = newProject();
        commit(project, "master", Map.of("a.txt", "1"));
        request(project, "CREATE_BRANCH", "child", "master");
        ObjectId newer = commit(project, "master", Map.of("a.txt", "2"));
        Answer answer = request(project, "SYNC", "child", "master");
        assertThat(answer.head()).isEqualTo(newer.name());
        assertThat(head(project, "child")).isEqualTo(newer.name());
    }

    @Test
    void deletingABranchRemovesItAndARepeatIsHarmless() throws IOException {
        String project = newProject();
        commit(project, "master", Map.of("a.txt", "1"));
        request(project, "CREATE_BRANCH", "old", "master");
        assertThat(request(project, "DELETE_BRANCH", "old", null).completed()).isTrue();
        assertThat(head(project, "old")).isNull();
        assertThat(request(project, "DELETE_BRANCH", "old", null).completed()).isTrue();
    }

    /**
     * SSH-4: an attempt whose transaction rolled back after its ref moved (the database went away)
     * comes again; the move is the operation's, answered by it, never announced as a push (a push of
     * the branch would deploy the environment a second time). A move nobody marked is a push.
     */
    @Test
    void aRepeatedOperationTakesUpWhatItsRolledBackAttemptDidInsteadOfReportingAPush() throws IOException {
        String project = newProject();
        ObjectId base = commit(project, "master", Map.of("a.txt", "1"));
        request(project, "CREATE_BRANCH", "warm", "master"); // announces master's commit, so only what follows is new

        String branching = UUID.randomUUID().toString();
        moveAsAnEarlierAttempt(project, branching, "feature", base, "create_branch: created from master");
        Exchange branched = request(project, branching, "CREATE_BRANCH", "feature", "master");
        assertThat(branched.answer().completed()).isTrue();
        assertThat(branched.answer().head()).isEqualTo(base.name());
        assertThat(branched.announcedBranches()).doesNotContain("feature");

        ObjectId tip = commit(project, "feature", Map.of("a.txt", "1", "b.txt", "2")); // a push not announced yet
        String merging = UUID.randomUUID().toString();
        Exchange unmarked = request(project, UUID.randomUUID().toString(), "CREATE_BRANCH", "other", "master");
        assertThat(unmarked.announcedBranches()).as("a move no operation marked is a push").containsExactly("feature");
        moveAsAnEarlierAttempt(project, merging, "master", tip, "merge: merge feature, fast-forward");
        Exchange merged = request(project, merging, "MERGE", "feature", "master");
        assertThat(merged.answer().completed()).isTrue();
        assertThat(merged.answer().head()).isEqualTo(tip.name());
        assertThat(merged.announcedBranches()).doesNotContain("master");

        // Both heads were recorded with their answers: a later operation announces neither.
        Exchange later = request(project, UUID.randomUUID().toString(), "CREATE_BRANCH", "later", "master");
        assertThat(later.announcedBranches()).isEmpty();
    }

    /** Moves {@code branch} to {@code head} as an attempt of {@code operation} does before its transaction commits. */
    private static void moveAsAnEarlierAttempt(String project, String operation, String branch, ObjectId head, String what) throws IOException {
        try (Repository git = open(project)) {
            RefUpdate update = git.updateRef(Constants.R_HEADS + branch);
            update.setNewObjectId(head);
            update.setForceUpdate(true);
            update.setRefLogMessage(GitOperations.refLogMessage(operation, what), false);
            update.setForceRefLog(true);
            assertThat(update.update()).isIn(RefUpdate.Result.NEW, RefUpdate.Result.FAST_FORWARD, RefUpdate.Result.FORCED);
        }
    }
}
