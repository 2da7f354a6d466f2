package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * The control plane's part of a deployment (DEP-1, DEP-2) with empty hooks on one node:
 * {@code environment.deployment-requested} committed by environment-service to the
 * {@code deployment.succeeded} it caused applied by environment-service, and each part of the way,
 * read from the services' own tables (one clock: one machine). A commit is an outbox row's
 * {@code occurred_at}, stamped just before its transaction commits, as in {@link EventTimes}:
 * <ol>
 * <li>request hop: the request's commit to the commit of the {@code deployment.queued} it caused
 * (the transaction that applied the request and queued the deployment);</li>
 * <li>queue: that commit to the start of the worker's claiming transaction ({@code deployment.started_at});</li>
 * <li>VALIDATE, BUILD, DEPLOY (one node), POST_DEPLOY: from phase to phase by the
 * {@code phase-changed} events' commit times, POST_DEPLOY ending at the {@code succeeded} commit;</li>
 * <li>result hop: the {@code succeeded} commit to environment-service's inbox.</li>
 * </ol>
 * First {@code n} redeploys of a branch of master one after another (each waits for the previous one to be
 * applied) after {@code warm} unmeasured ones; then {@code envs} branched environments redeployed at
 * once, {@code rounds} times after one unmeasured round.
 */
final class DeploymentRoundTrip {

    /** No hooks: nothing runs but the control plane (VALIDATE, release from the tree, node switch). */
    static final String APP_YAML = "name: bench\ntype: php:8.3\n";
    private static final String REQUESTED = "dev.slipway.environment.deployment-requested.v1";
    private static final String SUCCEEDED = "dev.slipway.deployment.succeeded.v1";
    private static final String QUEUED = "dev.slipway.deployment.queued.v1";
    private static final String PHASE_CHANGED = "dev.slipway.deployment.phase-changed.v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(180);

    /** One deployment's way, epoch milliseconds. */
    private static final class Timeline {
        String requestId;
        double requested;
        double queued = Double.NaN;
        String deploymentId;
        String state;
        String detail;
        double claimed = Double.NaN;
        final Map<String, Double> phases = new HashMap<>();
        String succeededId;
        double succeeded = Double.NaN;
        double applied = Double.NaN;

        boolean complete() {
            return !Double.isNaN(applied);
        }
    }

    private final Suite suite;

    DeploymentRoundTrip(Suite suite) {
        this.suite = suite;
    }

    void run(int n, int warm, int envs, int rounds) throws Exception {
        String project = Suite.newId("dep");
        suite.createProjectWithCommit(project, Map.of(".slipway/app.yaml", APP_YAML));
        suite.token("alice");
        // The first commit is written to the bare repository directly, so environment-service learns
        // a head only through a git operation: the measured environment is a branch of master.
        suite.branchAndWait(project, "seq");
        awaitIdle(project);
        for (int i = 0; i < warm; i++) {
            awaitApplied(project, List.of(redeploy(project, "seq")));
        }
        Map<String, Timeline> sequential = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            sequential.putAll(awaitApplied(project, List.of(redeploy(project, "seq"))));
        }
        report("one at a time:", sequential.values());
        System.out.println("# load " + Suite.loadAverage());
        if (envs <= 0) {
            return;
        }
        List<String> environments = new ArrayList<>();
        for (int i = 0; i < envs; i++) {
            suite.branchAndWait(project, "e" + i);
            environments.add("e" + i);
        }
        awaitIdle(project);
        ExecutorService pool = Executors.newFixedThreadPool(envs);
        try {
            Map<String, Timeline> together = new LinkedHashMap<>();
            Stats wall = new Stats();
            for (int round = 0; round <= rounds; round++) {
                long start = System.nanoTime();
                List<Future<String>> posts = new ArrayList<>();
                for (String environment : environments) {
                    posts.add(pool.submit(() -> redeploy(project, environment)));
                }
                List<String> activities = new ArrayList<>();
                for (Future<String> post : posts) {
                    activities.add(post.get());
                }
                Map<String, Timeline> applied = awaitApplied(project, activities);
                if (round > 0) {
                    together.putAll(applied);
                    wall.add((System.nanoTime() - start) / 1e6);
                }
            }
            report(envs + " at once:", together.values());
            System.out.println(wall.line95(envs + " at once: first POST -> last applied seen"));
            System.out.println("# load " + Suite.loadAverage());
        } finally {
            pool.shutdownNow();
        }
    }

    /** ENV-4 redeploy; answers the activity whose id the deployment carries. */
    private String redeploy(String project, String environment) {
        return suite.expect(202, "POST", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/environments/" + environment + "/redeploy",
                "alice", null).json().get("id").asText();
    }

    private static void report(String label, Collection<Timeline> timelines) {
        Stats total = new Stats();
        Stats requestHop = new Stats();
        Stats queue = new Stats();
        Stats validate = new Stats();
        Stats build = new Stats();
        Stats deploy = new Stats();
        Stats postDeploy = new Stats();
        Stats resultHop = new Stats();
        for (Timeline t : timelines) {
            total.add(t.applied - t.requested);
            requestHop.add(t.queued - t.requested);
            queue.add(t.claimed - t.queued);
            validate.add(t.phases.get("BUILD") - t.claimed);
            build.add(t.phases.get("DEPLOY") - t.phases.get("BUILD"));
            deploy.add(t.phases.get("POST_DEPLOY") - t.phases.get("DEPLOY"));
            postDeploy.add(t.succeeded - t.phases.get("POST_DEPLOY"));
            resultHop.add(t.applied - t.succeeded);
        }
        System.out.println(total.line95(label + " requested committed -> succeeded applied"));
        System.out.println(requestHop.line95("  request hop: committed -> QUEUED committed"));
        System.out.println(queue.line95("  queue: QUEUED committed -> claimed"));
        System.out.println(validate.line95("  VALIDATE: claimed -> BUILD"));
        System.out.println(build.line95("  BUILD: -> DEPLOY"));
        System.out.println(deploy.line95("  DEPLOY (1 node): -> POST_DEPLOY"));
        System.out.println(postDeploy.line95("  POST_DEPLOY: -> succeeded committed"));
        System.out.println(resultHop.line95("  result hop: succeeded committed -> applied"));
    }

    /** Waits until every deployment of the project has finished (the branches' own deployments). */
    private void awaitIdle(String project) throws SQLException {
        try (Connection db = suite.db(SuiteService.DEPLOYMENT);
             PreparedStatement query = db.prepareStatement("SELECT count(*) FROM deployment WHERE project_id = ? AND state IN ('QUEUED', 'RUNNING')")) {
            query.setString(1, project);
            Suite.await(() -> {
                try (ResultSet rows = query.executeQuery()) {
                    rows.next();
                    return rows.getLong(1) == 0;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, TIMEOUT, "the deployments of " + project);
        }
    }

    /** The timelines of the deployments {@code activities} asked for, once environment-service applied each one's success. */
    private Map<String, Timeline> awaitApplied(String project, List<String> activities) throws SQLException {
        Instant deadline = Instant.now().plus(TIMEOUT);
        Map<String, Timeline> byActivity = new LinkedHashMap<>();
        activities.forEach(activity -> byActivity.put(activity, new Timeline()));
        try (Connection environments = suite.db(SuiteService.ENVIRONMENT); Connection deployments = suite.db(SuiteService.DEPLOYMENT)) {
            while (true) {
                read(project, byActivity, environments, deployments);
                for (Timeline t : byActivity.values()) {
                    if (t.state != null && !t.state.equals("SUCCEEDED") && !t.state.equals("QUEUED") && !t.state.equals("RUNNING")) {
                        throw new IllegalStateException("deployment " + t.deploymentId + " " + t.state + ": " + t.detail);
                    }
                }
                if (byActivity.values().stream().allMatch(Timeline::complete)) {
                    return byActivity;
                }
                if (Instant.now().isAfter(deadline)) {
                    throw new IllegalStateException("deployments not applied after " + TIMEOUT);
                }
                Suite.sleep(5);
            }
        }
    }

    private static void read(String project, Map<String, Timeline> byActivity, Connection environments, Connection deployments) throws SQLException {
        List<String> missing = byActivity.entrySet().stream().filter(e -> e.getValue().requestId == null).map(Map.Entry::getKey).toList();
        if (!missing.isEmpty()) {
            try (PreparedStatement query = environments.prepareStatement("SELECT data::jsonb->>'activityId', id::text, "
                    + "extract(epoch from occurred_at) * 1000 FROM outbox_event WHERE type = ? AND kafka_key = ? AND data::jsonb->>'activityId' = ANY(?)")) {
                query.setString(1, REQUESTED);
                query.setString(2, project);
                query.setArray(3, environments.createArrayOf("varchar", missing.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Timeline t = byActivity.get(rows.getString(1));
                        t.requestId = rows.getString(2);
                        t.requested = rows.getDouble(3);
                    }
                }
            }
        }
        List<String> unfinished = byActivity.entrySet().stream().filter(e -> e.getValue().state == null || !e.getValue().state.equals("SUCCEEDED"))
                .map(Map.Entry::getKey).toList();
        if (!unfinished.isEmpty()) {
            try (PreparedStatement query = deployments.prepareStatement("SELECT activity_id, id::text, state, detail, "
                    + "extract(epoch from started_at) * 1000 FROM deployment WHERE project_id = ? AND activity_id = ANY(?)")) {
                query.setString(1, project);
                query.setArray(2, deployments.createArrayOf("varchar", unfinished.toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Timeline t = byActivity.get(rows.getString(1));
                        t.deploymentId = rows.getString(2);
                        t.state = rows.getString(3);
                        t.detail = rows.getString(4);
                        t.claimed = rows.getObject(5) == null ? Double.NaN : rows.getDouble(5);
                    }
                }
            }
        }
        Map<String, Timeline> byDeployment = new HashMap<>();
        byActivity.values().stream().filter(t -> "SUCCEEDED".equals(t.state) && t.succeededId == null).forEach(t -> byDeployment.put(t.deploymentId, t));
        if (!byDeployment.isEmpty()) {
            try (PreparedStatement query = deployments.prepareStatement("SELECT data::jsonb->>'deploymentId', type, data::jsonb->>'phase', id::text, "
                    + "extract(epoch from occurred_at) * 1000 FROM outbox_event WHERE kafka_key = ? AND type IN (?, ?, ?) "
                    + "AND data::jsonb->>'deploymentId' = ANY(?)")) {
                query.setString(1, project);
                query.setString(2, QUEUED);
                query.setString(3, PHASE_CHANGED);
                query.setString(4, SUCCEEDED);
                query.setArray(5, deployments.createArrayOf("varchar", byDeployment.keySet().toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        Timeline t = byDeployment.get(rows.getString(1));
                        if (QUEUED.equals(rows.getString(2))) {
                            t.queued = rows.getDouble(5);
                        } else if (PHASE_CHANGED.equals(rows.getString(2))) {
                            t.phases.put(rows.getString(3), rows.getDouble(5));
                        } else {
                            t.succeededId = rows.getString(4);
                            t.succeeded = rows.getDouble(5);
                        }
                    }
                }
            }
        }
        Map<String, Timeline> bySuccess = new HashMap<>();
        byActivity.values().stream().filter(t -> t.succeededId != null && !t.complete()).forEach(t -> bySuccess.put(t.succeededId, t));
        if (!bySuccess.isEmpty()) {
            try (PreparedStatement query = environments.prepareStatement(
                    "SELECT event_id, extract(epoch from processed_at) * 1000 FROM inbox_event WHERE event_id = ANY(?)")) {
                query.setArray(1, environments.createArrayOf("varchar", bySuccess.keySet().toArray()));
                try (ResultSet rows = query.executeQuery()) {
                    while (rows.next()) {
                        bySuccess.get(rows.getString(1)).applied = rows.getDouble(2);
                    }
                }
            }
        }
    }
}
