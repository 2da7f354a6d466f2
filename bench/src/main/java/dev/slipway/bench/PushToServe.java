package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A {@code git push} over SSH to the environment serving the new commit (step 7, SSH-4, DEP-1):
 * each push of one commit to {@code master} (empty hooks, one node) and the time of each hop, so
 * the slowest shows. The client's clock for the push and for the moment a poll of the environment
 * (every 5 ms) first shows the commit as {@code deployedCommit}; the services' tables for the rest
 * (one machine, one clock), as in {@link DeploymentRoundTrip}:
 * <ol>
 * <li>push accepted: {@code git push} started → ssh-gateway's {@code ref.updated} committed (SSH,
 * pack, the pre-receive hook's announcement);</li>
 * <li>ref hop: → applied by environment-service ({@code inbox_event.processed_at});</li>
 * <li>request: → its {@code deployment-requested} committed;</li>
 * <li>request hop: → {@code deployment.queued} committed;</li>
 * <li>queue: → claimed ({@code deployment.started_at});</li>
 * <li>run: → {@code deployment.succeeded} committed (VALIDATE … POST_DEPLOY);</li>
 * <li>result hop: → applied by environment-service;</li>
 * <li>seen: → the client's poll shows {@code deployedCommit}.</li>
 * </ol>
 * {@code SLIPWAY_BENCH_SSH_OPTIONS} adds options to the client's ssh command (e.g.
 * {@code -o KexAlgorithms=curve25519-sha256}).
 */
final class PushToServe {

    private static final String REF_UPDATED = "dev.slipway.ref.updated.v1";
    private static final String REQUESTED = "dev.slipway.environment.deployment-requested.v1";
    private static final String QUEUED = "dev.slipway.deployment.queued.v1";
    private static final String SUCCEEDED = "dev.slipway.deployment.succeeded.v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Suite suite;
    private Path work;
    private String gitSsh;

    PushToServe(Suite suite) {
        this.suite = suite;
    }

    /** One push's way, epoch milliseconds. */
    private static final class Timeline {
        double pushStart;
        double pushReturned;
        double refCommitted;
        double refApplied;
        double requested;
        double queued;
        double started;
        double succeeded;
        double applied;
        double seen;
    }

    void run(int n, int warm) throws Exception {
        String project = Suite.newId("push");
        suite.createProject(project);
        Path clone = setUp(project);
        System.out.println("project " + project + ", .slipway/app.yaml: " + DeploymentRoundTrip.APP_YAML.replace("\n", " ") + "(no hooks), branch master");
        List<Timeline> measured = new ArrayList<>();
        for (int i = 0; i < warm + n; i++) {
            Timeline t = pushOnce(project, clone, i);
            if (i >= warm) {
                measured.add(t);
            }
        }
        report(measured);
        // What of "push accepted" is SSH and git's talk rather than the push: the same key and remote,
        // a connection that only authenticates (git@ refuses a plain command), and one that reads the refs.
        Stats connect = new Stats();
        Stats lsRemote = new Stats();
        for (int i = 0; i < Math.max(10, n / 3); i++) {
            long start = System.nanoTime();
            List<String> ssh = new ArrayList<>(List.of(gitSsh.split(" ")));
            ssh.addAll(List.of("-p", "2222", "git@127.0.0.1", "true"));
            new ProcessBuilder(ssh).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
            connect.add((System.nanoTime() - start) / 1e6);
            start = System.nanoTime();
            git(clone, "git", "ls-remote", "-q", "origin");
            lsRemote.add((System.nanoTime() - start) / 1e6);
        }
        System.out.println(connect.line95("for comparison: ssh git@ true (connect, authenticate)"));
        System.out.println(lsRemote.line95("for comparison: git ls-remote origin"));
        System.out.println("# load " + Suite.loadAverage());
    }

    /**
     * Registers a fresh key of alice's, clones the project's repository over SSH and writes
     * {@code .slipway/app.yaml} (no hooks) into the clone; answers the clone.
     */
    Path setUp(String project) throws Exception {
        Suite.await(() -> suite.call("GET", SuiteService.GATEWAY, "/api/v1/projects/" + project + "/repository", "alice", null).status() == 200,
                TIMEOUT, "repository of " + project);
        work = Files.createTempDirectory("bench-push-");
        git(work, "ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench@push", "-f", work.resolve("key").toString());
        suite.expect(201, "POST", SuiteService.GATEWAY, "/api/v1/ssh-keys", "alice",
                Suite.JSON.createObjectNode().put("publicKey", Files.readString(work.resolve("key.pub")).trim()).toString());
        gitSsh = "ssh -i " + work.resolve("key") + " -o IdentitiesOnly=yes -o StrictHostKeyChecking=no -o UserKnownHostsFile=" + work.resolve("known")
                + " -o LogLevel=ERROR" + Optional.ofNullable(System.getenv("SLIPWAY_BENCH_SSH_OPTIONS")).map(o -> " " + o.trim()).orElse("");
        System.out.println("git over SSH with: " + gitSsh);
        Path clone = work.resolve("clone");
        git(work, "git", "clone", "-q", "ssh://git@127.0.0.1:2222/" + project + ".git", clone.toString());
        Files.createDirectories(clone.resolve(".slipway"));
        Files.writeString(clone.resolve(".slipway/app.yaml"), DeploymentRoundTrip.APP_YAML);
        return clone;
    }

    /** Commits a change of index.html to master of the clone; answers the commit id (not yet pushed). */
    String commit(Path clone, int i) throws Exception {
        Files.writeString(clone.resolve("index.html"), "push " + i + "\n");
        git(clone, "git", "add", "-A");
        git(clone, "git", "-c", "user.name=bench", "-c", "user.email=bench@localhost", "commit", "-q", "-m", "push " + i);
        return git(clone, "git", "rev-parse", "HEAD").trim();
    }

    void push(Path clone) throws Exception {
        git(clone, "git", "push", "-q", "origin", "master");
    }

    private Timeline pushOnce(String project, Path clone, int i) throws Exception {
        String sha = commit(clone, i);
        Timeline t = new Timeline();
        t.pushStart = System.currentTimeMillis();
        push(clone);
        t.pushReturned = System.currentTimeMillis();
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            Suite.Answer env = suite.call("GET", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/environments/master", "alice", null);
            if (env.status() == 200 && sha.equals(env.json().path("deployedCommit").asText())) {
                t.seen = System.currentTimeMillis();
                break;
            }
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("master does not serve " + sha + " after " + TIMEOUT);
            }
            Suite.sleep(5);
        }
        readServerTimes(project, sha, t);
        return t;
    }

    private void readServerTimes(String project, String sha, Timeline t) throws SQLException {
        try (Connection gateway = suite.db(SuiteService.GATEWAY); Connection environments = suite.db(SuiteService.ENVIRONMENT);
             Connection deployments = suite.db(SuiteService.DEPLOYMENT)) {
            String refEvent = null;
            try (PreparedStatement q = gateway.prepareStatement("SELECT id::text, extract(epoch from occurred_at) * 1000 FROM outbox_event "
                    + "WHERE type = ? AND data::jsonb->>'projectId' = ? AND data::jsonb->>'newHead' = ?")) {
                q.setString(1, REF_UPDATED);
                q.setString(2, project);
                q.setString(3, sha);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        refEvent = r.getString(1);
                        t.refCommitted = r.getDouble(2);
                    }
                }
            }
            t.refApplied = inbox(environments, refEvent);
            try (PreparedStatement q = environments.prepareStatement("SELECT extract(epoch from occurred_at) * 1000 FROM outbox_event "
                    + "WHERE type = ? AND kafka_key = ? AND data::jsonb->>'commit' = ?")) {
                q.setString(1, REQUESTED);
                q.setString(2, project);
                q.setString(3, sha);
                try (ResultSet r = q.executeQuery()) {
                    t.requested = r.next() ? r.getDouble(1) : Double.NaN;
                }
            }
            String deploymentId = null;
            try (PreparedStatement q = deployments.prepareStatement("SELECT id::text, extract(epoch from started_at) * 1000 FROM deployment "
                    + "WHERE project_id = ? AND environment_id = 'master' AND commit_sha = ? AND state = 'SUCCEEDED'")) {
                q.setString(1, project);
                q.setString(2, sha);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        deploymentId = r.getString(1);
                        t.started = r.getDouble(2);
                    }
                }
            }
            String succeededEvent = null;
            t.queued = Double.NaN;
            t.succeeded = Double.NaN;
            try (PreparedStatement q = deployments.prepareStatement("SELECT type, id::text, extract(epoch from occurred_at) * 1000 FROM outbox_event "
                    + "WHERE kafka_key = ? AND type IN (?, ?) AND data::jsonb->>'deploymentId' = ?")) {
                q.setString(1, project);
                q.setString(2, QUEUED);
                q.setString(3, SUCCEEDED);
                q.setString(4, deploymentId);
                try (ResultSet r = q.executeQuery()) {
                    while (r.next()) {
                        if (QUEUED.equals(r.getString(1))) {
                            t.queued = r.getDouble(3);
                        } else {
                            succeededEvent = r.getString(2);
                            t.succeeded = r.getDouble(3);
                        }
                    }
                }
            }
            t.applied = inbox(environments, succeededEvent);
        }
    }

    private static double inbox(Connection db, String eventId) throws SQLException {
        if (eventId == null) {
            return Double.NaN;
        }
        try (PreparedStatement q = db.prepareStatement("SELECT extract(epoch from processed_at) * 1000 FROM inbox_event WHERE event_id = ?")) {
            q.setString(1, eventId);
            try (ResultSet r = q.executeQuery()) {
                return r.next() ? r.getDouble(1) : Double.NaN;
            }
        }
    }

    private static void report(List<Timeline> timelines) {
        Map<String, Stats> lines = new java.util.LinkedHashMap<>();
        for (String name : List.of("git push started -> master shows deployedCommit", "  git push started -> git push returned (client)",
                "  push accepted: started -> ref.updated committed", "  ref hop: -> applied by environment-service",
                "  request: -> deployment-requested committed", "  request hop: -> deployment.queued committed",
                "  queue: -> claimed (started_at)", "  run: -> deployment.succeeded committed", "  result hop: -> applied by environment-service",
                "  seen: -> the client's poll shows it")) {
            lines.put(name, new Stats());
        }
        List<Stats> s = new ArrayList<>(lines.values());
        for (Timeline t : timelines) {
            s.get(0).add(t.seen - t.pushStart);
            s.get(1).add(t.pushReturned - t.pushStart);
            s.get(2).add(t.refCommitted - t.pushStart);
            s.get(3).add(t.refApplied - t.refCommitted);
            s.get(4).add(t.requested - t.refApplied);
            s.get(5).add(t.queued - t.requested);
            s.get(6).add(t.started - t.queued);
            s.get(7).add(t.succeeded - t.started);
            s.get(8).add(t.applied - t.succeeded);
            s.get(9).add(t.seen - t.applied);
        }
        lines.forEach((name, stats) -> System.out.println(stats.line95(name)));
    }

    /** Runs a command in {@code dir} with the bench key for git over SSH; answers its output. */
    private String git(Path dir, String... command) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
        if (gitSsh != null) {
            builder.environment().put("GIT_SSH_COMMAND", gitSsh);
        }
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        return output;
    }
}
