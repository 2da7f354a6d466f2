package dev.slipway.deployment.processes;

import dev.slipway.deployment.clients.InternalApiStandIn;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * A real git repository with one commit whose {@code .slipway/app.yaml} carries a test's hooks,
 * served as ssh-gateway's internal git interface serves it ({@code git archive}, the commit, the
 * file, the branches) with empty effective variables from environment-service's.
 */
final class HookedApp {

    private final Path repository;
    private final String appYaml;
    private final String commit;
    private final String tree;
    private final byte[] tar;

    private HookedApp(Path repository, String appYaml) throws IOException, InterruptedException {
        this.repository = repository;
        this.appYaml = appYaml;
        Files.createDirectories(repository.resolve(".slipway"));
        git("init", "-q", "-b", "master");
        Files.writeString(repository.resolve(".slipway/app.yaml"), appYaml);
        Files.writeString(repository.resolve("index.php"), "<?php echo 'hello';\n");
        git("add", "-A");
        git("-c", "user.name=Alice", "-c", "user.email=alice@example.com", "commit", "-q", "-m", "first");
        this.commit = new String(git("rev-parse", "HEAD"), StandardCharsets.UTF_8).strip();
        this.tree = new String(git("rev-parse", commit + "^{tree}"), StandardCharsets.UTF_8).strip();
        this.tar = git("archive", "--format=tar", commit);
    }

    /** Commits {@code appYaml} in a new repository at {@code repository}. */
    static HookedApp committed(Path repository, String appYaml) throws IOException, InterruptedException {
        return new HookedApp(repository, appYaml);
    }

    /** Serves the commit to {@code project}, as the head of a branch named like each of {@code environments}. */
    void serve(InternalApiStandIn standIn, String project, List<String> environments) {
        String base = "/api/v1/internal/projects/" + project + "/commits/" + commit;
        standIn.json(base, "{\"commit\":\"" + commit + "\",\"treeId\":\"" + tree + "\",\"parents\":[],\"author\":\"Alice\","
                + "\"authorEmail\":\"alice@example.com\",\"authoredAt\":\"2026-11-27T10:00:00Z\",\"committer\":\"Alice\","
                + "\"committedAt\":\"2026-11-27T10:00:00Z\",\"message\":\"first\"}");
        standIn.on(base + "/tree", request -> request.response().putHeader("Content-Type", "application/x-tar").putHeader("X-Slipway-Tree-Id", tree)
                .end(Buffer.buffer(tar)));
        standIn.on(base + "/files/.slipway/app.yaml", request -> request.response().putHeader("Content-Type", "application/octet-stream")
                .end(appYaml));
        String branches = environments.stream().map(environment -> "{\"name\":\"" + environment + "\",\"head\":\"" + commit + "\"}")
                .collect(Collectors.joining(","));
        standIn.json("/api/v1/projects/" + project + "/repository", "{\"projectId\":\"" + project + "\",\"name\":\"" + project
                + ".git\",\"defaultBranch\":\"master\",\"createdAt\":\"2026-11-27T10:00:00Z\",\"branches\":[" + branches + "]}");
        for (String environment : environments) {
            standIn.json("/api/v1/internal/projects/" + project + "/environments/" + environment + "/effective-variables", "[]");
        }
    }

    private byte[] git(String... arguments) throws IOException, InterruptedException {
        Process git = new ProcessBuilder(Stream.concat(Stream.of("git"), Arrays.stream(arguments)).toList())
                .directory(repository.toFile()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        byte[] output = git.getInputStream().readAllBytes();
        if (!git.waitFor(60, TimeUnit.SECONDS) || git.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", arguments) + " failed");
        }
        return output;
    }
}
