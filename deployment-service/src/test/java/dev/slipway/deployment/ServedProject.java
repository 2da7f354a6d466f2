package dev.slipway.deployment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.deployment.clients.EffectiveVariable;
import dev.slipway.deployment.clients.InternalApiStandIn;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.testing.ProjectAccessReadModelContract;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerRequest;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A project as the services its deployments call see it: its commits served as ssh-gateway's
 * internal git interface serves them (metadata, tree as a tar, single files), its branches' heads,
 * and its environments' effective variables as environment-service gives them. One stand-in plays
 * both services for every test class, on the port the test configuration points the service at
 * ({@code slipway.test.stand-in.port}, default 18484).
 */
final class ServedProject {

    static final int STAND_IN_PORT = Integer.getInteger("slipway.test.stand-in.port", 18484);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static InternalApiStandIn standIn;

    private final String id = ProjectAccessReadModelContract.newProjectId();
    private final TestRepository repository;
    private final Map<String, String> heads = new ConcurrentHashMap<>();

    ServedProject(TestRepository repository) {
        this.repository = repository;
    }

    /** A new project of its own repository, whose master holds one commit of {@code files}. */
    static ServedProject withMaster(Map<String, String> files) {
        TestRepository repository = TestRepository.create();
        return new ServedProject(repository).head("master", repository.commit("the app", files));
    }

    /** The stand-in, started on first use and kept for the test run (the service's URLs are fixed at boot). */
    static synchronized InternalApiStandIn standIn() {
        if (standIn == null) {
            standIn = new InternalApiStandIn(DevKeys.forTests(SlipwayHome.locate()).ensure().publicKey());
            standIn.start(STAND_IN_PORT);
        }
        return standIn;
    }

    String id() {
        return id;
    }

    /** Serves {@code commit}: what {@code GET .../commits/<commit>} answers, its tree and each of its files. */
    ServedProject serve(String commit) {
        String tree = repository.treeOf(commit);
        standIn().json(commitPath(commit), details(commit));
        byte[] tar = repository.tar(commit);
        standIn().on(commitPath(commit) + "/tree", request -> request.response().putHeader("Content-Type", "application/x-tar")
                .putHeader("X-Slipway-Tree-Id", tree).end(Buffer.buffer(tar)));
        for (String file : repository.files(commit)) {
            byte[] content = repository.file(commit, file);
            standIn().on(filePath(commit, file), request -> request.response().putHeader("Content-Type", "application/octet-stream")
                    .end(Buffer.buffer(content)));
        }
        return this;
    }

    /** Resolves the abbreviation of {@code commit} to its first {@code digits} digits, as the gateway does (docs/git-internal-api.md). */
    ServedProject abbreviated(String commit, int digits) {
        standIn().json(commitPath(commit.substring(0, digits)), details(commit));
        return this;
    }

    /** From now on the gateway answers 503 to every request for {@code commit} (it is away). */
    ServedProject gitHostAwayFor(String commit) {
        standIn().on(commitPath(commit), request -> request.response().setStatusCode(503).end());
        return this;
    }

    private String details(String commit) {
        ObjectNode details = JSON.createObjectNode().put("commit", commit).put("treeId", repository.treeOf(commit)).put("author", "Alice")
                .put("authorEmail", "alice@example.com").put("authoredAt", "2026-11-27T10:00:00Z").put("committer", "Alice")
                .put("committedAt", "2026-11-27T10:00:00Z").put("message", "a commit");
        details.putArray("parents");
        return details.toString();
    }

    /** Serves {@code commit} and makes it the head of {@code branch} in the project's repository view. */
    ServedProject head(String branch, String commit) {
        serve(commit);
        heads.put(branch, commit);
        ObjectNode view = JSON.createObjectNode().put("projectId", id).put("name", id + ".git").put("defaultBranch", "master")
                .put("createdAt", "2026-11-27T10:00:00Z");
        ArrayNode branches = view.putArray("branches");
        heads.forEach((name, head) -> branches.addObject().put("name", name).put("head", head));
        standIn().json("/api/v1/projects/" + id + "/repository", view.toString());
        return this;
    }

    /** The raw paths requested of the gateway and environment-service for this project so far, in order. */
    List<String> requestedPaths() {
        return standIn().paths().stream().filter(path -> path.startsWith("/api/v1/internal/projects/" + id + "/")).toList();
    }

    String headOf(String branch) {
        return heads.get(branch);
    }

    /** The effective variables environment-service gives for {@code environment} from now on. */
    ServedProject variables(String environment, EffectiveVariable... variables) {
        String body = json(variables);
        standIn().json(variablesPath(environment), body);
        return this;
    }

    /** Like {@link #variables}, but environment-service answers 503 to the first {@code calls} requests (it is away for a while). */
    ServedProject variablesAwayFor(int calls, String environment, EffectiveVariable... variables) {
        String body = json(variables);
        AtomicInteger seen = new AtomicInteger();
        standIn().on(variablesPath(environment), request -> {
            if (seen.incrementAndGet() <= calls) {
                request.response().setStatusCode(503).end();
            } else {
                request.response().putHeader("Content-Type", "application/json").end(body);
            }
        });
        return this;
    }

    /** Answers requests for {@code environment}'s effective variables with {@code answer} instead (a slow environment-service). */
    ServedProject onVariables(String environment, java.util.function.Consumer<HttpServerRequest> answer) {
        standIn().on(variablesPath(environment), answer);
        return this;
    }

    static EffectiveVariable variable(String name, String value) {
        return new EffectiveVariable(name, value, false, false, true, true, false, "project");
    }

    static EffectiveVariable sensitive(String name, String value) {
        return new EffectiveVariable(name, value, false, true, true, true, false, "project");
    }

    /** VAR-2: a variable hooks see at runtime only, so builds do not depend on it (DEP-4). */
    static EffectiveVariable runtimeOnly(String name, String value) {
        return new EffectiveVariable(name, value, false, false, false, true, false, "project");
    }

    private static String json(EffectiveVariable... variables) {
        ArrayNode array = JSON.createArrayNode();
        for (EffectiveVariable v : List.of(variables)) {
            array.addObject().put("name", v.name()).put("value", v.value()).put("json", v.json()).put("sensitive", v.sensitive())
                    .put("visibleBuild", v.visibleBuild()).put("visibleRuntime", v.visibleRuntime()).put("inherited", v.inherited())
                    .put("source", v.source());
        }
        return array.toString();
    }

    private String commitPath(String commit) {
        return "/api/v1/internal/projects/" + id + "/commits/" + commit;
    }

    private String filePath(String commit, String path) {
        return commitPath(commit) + "/files/" + path;
    }

    private String variablesPath(String environment) {
        return "/api/v1/internal/projects/" + id + "/environments/" + environment + "/effective-variables";
    }
}
