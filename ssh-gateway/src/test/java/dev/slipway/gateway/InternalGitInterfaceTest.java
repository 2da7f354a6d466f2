package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.awaitility.Awaitility;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.CommitBuilder;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectInserter;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.TreeFormatter;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * SSH-4 / SEC-4: the gateway's internal git read interface on a real repository, written by
 * pushing commits from a clone: commits by full and abbreviated id, a commit's tree as a tar
 * archive, single files, and comparisons; only the service group may read.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class InternalGitInterfaceTest {

    private static final String SERVICE = TestTokens.bearer("svc", "service");
    private static final String LONG_PATH = "vendor/" + "a-rather-long-directory-name/".repeat(4) + "with-a-long-file-name-beyond-one-hundred-bytes.php";
    private static final String SCRIPT = "#!/bin/sh\necho built\n";
    private static final String RENAMED_CONTENT = "line one\nline two\nline three\nline four\n";

    /** A project whose master has three pushed commits. */
    private record Fixture(String project, String first, String second, String third) {
    }

    private static Fixture fixture;
    private static Path work;

    private static synchronized Fixture fixture() throws Exception {
        if (fixture == null) {
            fixture = pushHistory(newProject());
        }
        return fixture;
    }

    @AfterAll
    static void removeClone() throws IOException {
        if (work != null) {
            try (Stream<Path> paths = Files.walk(work)) {
                for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.deleteIfExists(path);
                }
            }
        }
    }

    private static String newProject() {
        String project = "t" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        KafkaProbe.send(Topics.ENVIRONMENTS, project, Map.of("id", UUID.randomUUID().toString(), "type", "dev.slipway.project.created.v1",
                "source", "/slipway/environment-service"), "{\"projectId\":\"" + project + "\",\"title\":\"T\",\"createdBy\":\"alice\","
                + "\"activeEnvironmentLimit\":8,\"environments\":[],\"createdAt\":\"2026-11-26T10:00:00Z\"}");
        // The repository row is committed after the directory exists: wait for the API to see it.
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/projects/" + project + "/repository")
                        .then().statusCode(200));
        return project;
    }

    private static Path repo(String project) {
        return Path.of(System.getProperty(SlipwayTestResource.GIT_ROOT_PROPERTY)).resolve(project + ".git");
    }

    /**
     * Pushes three commits to master through a clone: an import with a nested directory, then an
     * executable script, a symbolic link and a long path, then a rename, a deletion and an addition.
     */
    private static Fixture pushHistory(String project) throws Exception {
        work = Files.createTempDirectory("slipway-internal-git-test-");
        try (Git git = Git.cloneRepository().setURI(repo(project).toUri().toString()).setDirectory(work.toFile()).call()) {
            write("README.md", "# Shop\n");
            write("old-name.txt", RENAMED_CONTENT);
            write("obsolete.txt", "to be removed\n");
            write("app/config/settings.yaml", "name: shop\n");
            String first = commit(git, "Initial import\n\nThe shop as it was.", 1);

            write("README.md", "# Shop\n\nBuild with bin/build.sh.\n");
            write("bin/build.sh", SCRIPT);
            Files.setPosixFilePermissions(work.resolve("bin/build.sh"), PosixFilePermissions.fromString("rwxr-xr-x"));
            Files.createSymbolicLink(work.resolve("settings.yaml"), Path.of("app/config/settings.yaml"));
            write(LONG_PATH, "<?php\n");
            String second = commit(git, "Add the build script", 2);

            Files.move(work.resolve("old-name.txt"), work.resolve("new-name.txt"));
            Files.delete(work.resolve("obsolete.txt"));
            write("CHANGELOG.md", "- renamed\n");
            String third = commit(git, "Rename, remove and log", 3);

            git.push().setRemote("origin").setRefSpecs(new RefSpec("HEAD:refs/heads/master")).call();
            return new Fixture(project, first, second, third);
        }
    }

    private static void write(String path, String content) throws IOException {
        Path file = work.resolve(path);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    /** Commits everything in the work tree, additions and deletions, at a distinct time. */
    private static String commit(Git git, String message, int minute) throws Exception {
        git.add().addFilepattern(".").call();
        git.add().setUpdate(true).addFilepattern(".").call();
        PersonIdent ident = new PersonIdent("Ann Author", "ann@example.com", Instant.parse("2026-11-20T10:00:00Z").plusSeconds(60L * minute), ZoneOffset.UTC);
        return git.commit().setMessage(message).setAuthor(ident).setCommitter(ident).call().name();
    }

    private static Repository open(String project) throws IOException {
        return new FileRepositoryBuilder().setGitDir(repo(project).toFile()).setMustExist(true).build();
    }

    private static String base(String project) {
        return "/api/v1/internal/projects/" + project;
    }

    @Test
    void aCommitIsFoundByItsFullAndItsAbbreviatedId() throws Exception {
        Fixture f = fixture();
        ExtractableResponse<Response> full = given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.second())
                .then().statusCode(200)
                .body("commit", equalTo(f.second()))
                .body("parents", contains(f.first()))
                .body("author", equalTo("Ann Author"))
                .body("authorEmail", equalTo("ann@example.com"))
                .body("authoredAt", equalTo("2026-11-20T10:02:00Z"))
                .body("committer", equalTo("Ann Author"))
                .body("committedAt", equalTo("2026-11-20T10:02:00Z"))
                .body("message", equalTo("Add the build script"))
                .extract();
        assertThat(full.path("treeId").toString()).matches("[0-9a-f]{40}");

        given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.second().substring(0, 7).toUpperCase())
                .then().statusCode(200).body("commit", equalTo(f.second())).body("treeId", equalTo(full.path("treeId")));
        given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.first())
                .then().statusCode(200).body("parents", hasSize(0)).body("message", equalTo("Initial import\n\nThe shop as it was."));
    }

    @Test
    void unknownCommitsObjectsThatAreNoCommitsAndUnknownProjectsAre404() throws Exception {
        Fixture f = fixture();
        String blob;
        try (Repository git = open(f.project())) {
            blob = git.resolve(f.first() + ":README.md").name();
        }
        for (String commit : List.of("0000000000000000000000000000000000000000", "0000000", blob, blob.substring(0, 10))) {
            given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + commit)
                    .then().statusCode(404).contentType("application/problem+json").body("type", equalTo("urn:slipway:problem:not-found"));
        }
        given().header("Authorization", SERVICE).when().get(base("nosuchproject") + "/commits/" + f.first())
                .then().statusCode(404).contentType("application/problem+json");
        given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + "0000000" + "/tree")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void commitIdsThatAreNotHexOrTooShortAre400() throws Exception {
        Fixture f = fixture();
        for (String commit : List.of("master", "zzzzzzz", "abc12", f.first() + "0", "HEAD~1")) {
            given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + commit)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:slipway:problem:invalid-value"))
                    .body("violations[0].field", equalTo("commit"));
        }
    }

    @Test
    void anAbbreviationOfTwoCommitsIsAmbiguous() throws Exception {
        Fixture f = fixture();
        // Two commits whose ids share 7 hex digits: found by hashing candidates (about 20,000 by the
        // birthday bound), only the pair written.
        Map<String, CommitBuilder> byPrefix = new HashMap<>();
        ObjectInserter.Formatter hasher = new ObjectInserter.Formatter();
        try (Repository git = open(f.project()); ObjectInserter inserter = git.newObjectInserter()) {
            ObjectId tree = git.resolve(f.first() + "^{tree}");
            for (int i = 0; ; i++) {
                CommitBuilder candidate = new CommitBuilder();
                candidate.setTreeId(tree);
                PersonIdent ident = new PersonIdent("Collider", "c@example.com", Instant.parse("2026-11-20T09:00:00Z"), ZoneOffset.UTC);
                candidate.setAuthor(ident);
                candidate.setCommitter(ident);
                candidate.setMessage("candidate " + i + "\n");
                String prefix = hasher.idFor(Constants.OBJ_COMMIT, candidate.build()).name().substring(0, 7);
                CommitBuilder earlier = byPrefix.putIfAbsent(prefix, candidate);
                if (earlier != null) {
                    ObjectId one = inserter.insert(earlier);
                    ObjectId other = inserter.insert(candidate);
                    inserter.flush();
                    given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + prefix)
                            .then().statusCode(409).contentType("application/problem+json")
                            .body("type", equalTo("urn:slipway:problem:ambiguous-commit"));
                    given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + one.name())
                            .then().statusCode(200).body("commit", equalTo(one.name()));
                    given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + other.name())
                            .then().statusCode(200).body("commit", equalTo(other.name()));
                    return;
                }
            }
        }
    }

    /** What the test reads back of one tar entry. */
    private record Entry(int mode, boolean symlink, String linkName, String content) {
    }

    private static Map<String, Entry> untar(byte[] archive) throws IOException {
        Map<String, Entry> entries = new TreeMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(archive))) {
            for (TarArchiveEntry entry = tar.getNextEntry(); entry != null; entry = tar.getNextEntry()) {
                String content = entry.isSymbolicLink() ? null : new String(tar.readAllBytes(), StandardCharsets.UTF_8);
                entries.put(entry.getName(), new Entry(entry.getMode() & 07777, entry.isSymbolicLink(),
                        entry.isSymbolicLink() ? entry.getLinkName() : null, content));
            }
        }
        return entries;
    }

    @Test
    void theTreeArchiveHoldsEveryFileWithItsModeAndTheSymbolicLink() throws Exception {
        Fixture f = fixture();
        String treeId = given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.third())
                .then().statusCode(200).extract().path("treeId");
        ExtractableResponse<Response> response = given().header("Authorization", SERVICE)
                .when().get(base(f.project()) + "/commits/" + f.third().substring(0, 12) + "/tree")
                .then().statusCode(200).contentType("application/x-tar").header("X-Slipway-Tree-Id", treeId).extract();

        Map<String, Entry> entries = untar(response.asByteArray());
        assertThat(entries).containsOnlyKeys("CHANGELOG.md", "README.md", "app/config/settings.yaml", "bin/build.sh",
                "new-name.txt", "settings.yaml", LONG_PATH);
        assertThat(entries.get("README.md")).isEqualTo(new Entry(0644, false, null, "# Shop\n\nBuild with bin/build.sh.\n"));
        assertThat(entries.get("bin/build.sh")).isEqualTo(new Entry(0755, false, null, SCRIPT));
        assertThat(entries.get("new-name.txt")).isEqualTo(new Entry(0644, false, null, RENAMED_CONTENT));
        assertThat(entries.get(LONG_PATH)).isEqualTo(new Entry(0644, false, null, "<?php\n"));
        assertThat(entries.get("settings.yaml").symlink()).isTrue();
        assertThat(entries.get("settings.yaml").linkName()).isEqualTo("app/config/settings.yaml");
    }

    @Test
    void submodulesAreLeftOutOfTheArchive() throws Exception {
        Fixture f = fixture();
        ObjectId commit;
        try (Repository git = open(f.project()); ObjectInserter inserter = git.newObjectInserter()) {
            TreeFormatter tree = new TreeFormatter();
            tree.append("file.txt", FileMode.REGULAR_FILE, inserter.insert(Constants.OBJ_BLOB, "x\n".getBytes(StandardCharsets.UTF_8)));
            tree.append("module", FileMode.GITLINK, ObjectId.fromString(f.first()));
            CommitBuilder builder = new CommitBuilder();
            builder.setTreeId(inserter.insert(tree));
            PersonIdent ident = new PersonIdent("Ann Author", "ann@example.com");
            builder.setAuthor(ident);
            builder.setCommitter(ident);
            builder.setMessage("With a submodule\n");
            commit = inserter.insert(builder);
            inserter.flush();
        }
        byte[] archive = given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + commit.name() + "/tree")
                .then().statusCode(200).extract().asByteArray();
        assertThat(untar(archive)).containsOnlyKeys("file.txt");
        given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + commit.name() + "/files/module")
                .then().statusCode(404);
    }

    @Test
    void aFileIsServedAsItsBytes() throws Exception {
        Fixture f = fixture();
        byte[] script = given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.second() + "/files/bin/build.sh")
                .then().statusCode(200).contentType("application/octet-stream").header("Content-Length", String.valueOf(SCRIPT.length()))
                .extract().asByteArray();
        assertThat(new String(script, StandardCharsets.UTF_8)).isEqualTo(SCRIPT);
        byte[] nested = given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.first() + "/files/app/config/settings.yaml")
                .then().statusCode(200).extract().asByteArray();
        assertThat(new String(nested, StandardCharsets.UTF_8)).isEqualTo("name: shop\n");
        byte[] readme = given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.first() + "/files/README.md")
                .then().statusCode(200).extract().asByteArray();
        assertThat(new String(readme, StandardCharsets.UTF_8)).isEqualTo("# Shop\n");
    }

    @Test
    void absentPathsDirectoriesAndLinksAre404() throws Exception {
        Fixture f = fixture();
        for (String path : List.of("missing.txt", "app", "app/config", "settings.yaml", "obsolete.txt")) {
            given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.third() + "/files/" + path)
                    .then().statusCode(404).contentType("application/problem+json").body("type", equalTo("urn:slipway:problem:not-found"));
        }
        // The same path was a file one commit earlier.
        given().header("Authorization", SERVICE).when().get(base(f.project()) + "/commits/" + f.second() + "/files/obsolete.txt")
                .then().statusCode(200);
    }

    @Test
    void pathsLeavingTheTreeAre400() throws Exception {
        Fixture f = fixture();
        // Encoded slashes reach the resource as one parameter; literal dot segments would be normalized by the client.
        for (String path : List.of("..%2FREADME.md", "app%2F..%2F..%2Fetc%2Fpasswd", "%2Fetc%2Fpasswd", "app%2F%2Fconfig", "app/config/..%2Fsettings.yaml")) {
            given().urlEncodingEnabled(false).header("Authorization", SERVICE)
                    .when().get(base(f.project()) + "/commits/" + f.first() + "/files/" + path)
                    .then().statusCode(400).contentType("application/problem+json")
                    .body("type", equalTo("urn:slipway:problem:invalid-value")).body("violations[0].field", equalTo("path"));
        }
    }

    @Test
    void compareListsTheNewCommitsAndTheChangedPaths() throws Exception {
        Fixture f = fixture();
        ExtractableResponse<Response> response = given().header("Authorization", SERVICE)
                .queryParam("from", f.first().substring(0, 8)).queryParam("to", f.third())
                .when().get(base(f.project()) + "/compare")
                .then().statusCode(200)
                .body("from", equalTo(f.first())).body("to", equalTo(f.third()))
                .body("commits.commit", contains(f.third(), f.second()))
                .body("commits.summary", contains("Rename, remove and log", "Add the build script"))
                .body("commits[0].author", equalTo("Ann Author"))
                .body("commits[0].committedAt", equalTo("2026-11-20T10:03:00Z"))
                .body("commitsTruncated", equalTo(false))
                .body("changedPathsTruncated", equalTo(false))
                .extract();
        Map<String, String> changes = new TreeMap<>();
        List<Map<String, String>> changed = response.path("changedPaths");
        for (Map<String, String> path : changed) {
            changes.put(path.get("path"), path.get("change") + (path.get("oldPath") == null ? "" : " from " + path.get("oldPath")));
        }
        assertThat(changes).containsExactlyEntriesOf(new TreeMap<>(Map.of(
                "CHANGELOG.md", "ADDED",
                "README.md", "MODIFIED",
                "bin/build.sh", "ADDED",
                "new-name.txt", "RENAMED from old-name.txt",
                "obsolete.txt", "DELETED",
                "settings.yaml", "ADDED",
                LONG_PATH, "ADDED")));
    }

    @Test
    void compareWithoutFromStartsFromNothing() throws Exception {
        Fixture f = fixture();
        given().header("Authorization", SERVICE).queryParam("to", f.second())
                .when().get(base(f.project()) + "/compare")
                .then().statusCode(200)
                .body("from", nullValue())
                .body("commits.commit", contains(f.second(), f.first()))
                .body("changedPaths.change.unique()", contains("ADDED"))
                .body("changedPaths", hasSize(7))
                .body("changedPaths.findAll { it.oldPath != null }", hasSize(0));
    }

    @Test
    void compareRefusesAMissingOrMalformedCommitAndAnUnknownOne() throws Exception {
        Fixture f = fixture();
        given().header("Authorization", SERVICE).when().get(base(f.project()) + "/compare")
                .then().statusCode(400).contentType("application/problem+json").body("violations[0].field", equalTo("to"));
        given().header("Authorization", SERVICE).queryParam("from", "nothex!").queryParam("to", f.third())
                .when().get(base(f.project()) + "/compare")
                .then().statusCode(400).body("violations[0].field", equalTo("from"));
        given().header("Authorization", SERVICE).queryParam("from", "0000000").queryParam("to", f.third())
                .when().get(base(f.project()) + "/compare")
                .then().statusCode(404).contentType("application/problem+json");
    }

    @Test
    void onlyTheServiceGroupReads() throws Exception {
        Fixture f = fixture();
        List<String> paths = List.of("/commits/" + f.first(), "/commits/" + f.first() + "/tree", "/commits/" + f.first() + "/files/README.md",
                "/compare?to=" + f.first());
        for (String path : paths) {
            // alice is the project's admin, still not a service (SEC-4).
            given().header("Authorization", TestTokens.bearer("alice")).when().get(base(f.project()) + path)
                    .then().statusCode(403).contentType("application/problem+json").body("type", equalTo("urn:slipway:problem:forbidden"));
            given().when().get(base(f.project()) + path)
                    .then().statusCode(401).contentType("application/problem+json").header("WWW-Authenticate", startsWith("Bearer"));
        }
    }
}
