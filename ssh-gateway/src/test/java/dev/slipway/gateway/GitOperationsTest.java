package dev.slipway.gateway;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.events.Topics;
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
        String operation = UUID.randomUUID().toString();
        String data = "{\"operationId\":\"" + operation + "\",\"projectId\":\"" + project + "\",\"environmentId\":\"e\",\"kind\":\"" + kind
                + "\",\"branch\":\"" + branch + "\",\"baseBranch\":" + (base == null ? "null" : "\"" + base + "\"") + ",\"requestedBy\":\"alice\"}";
        try (KafkaProbe answers = KafkaProbe.reading(Topics.GIT)) {
            KafkaProbe.send(Topics.ENVIRONMENTS, project, Map.of("id", UUID.randomUUID().toString(),
                    "type", "dev.slipway.git-operation.requested.v1", "source", "/slipway/environment-service"), data);
            ConsumerRecord<String, String> answer = answers.await(r -> r.value().contains(operation), Duration.ofSeconds(60));
            return new Answer(KafkaProbe.header(answer, "ce_type"), JSON.readTree(answer.value()));
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
}
