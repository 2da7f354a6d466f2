package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;

/**
 * The branch activity round trip (ENV-4): environment-service asks the git host for the branch,
 * ssh-gateway writes the ref with JGit and answers, environment-service completes the activity.
 * Server side: the activity's createdAt to completedAt; client side: POST sent to COMPLETE seen
 * (polled every 2 ms). Measured after {@code warm} branches of another project (not measured).
 */
final class BranchRoundTrip {

    private final Suite suite;

    BranchRoundTrip(Suite suite) {
        this.suite = suite;
    }

    void run(int n, int warm) {
        String warmUp = Suite.newId("brw");
        suite.createProjectWithCommit(warmUp);
        for (int i = 0; i < warm; i++) {
            suite.branchAndWait(warmUp, "w" + i);
        }
        String project = Suite.newId("br");
        suite.createProjectWithCommit(project);
        Stats server = new Stats();
        Stats client = new Stats();
        for (int i = 0; i < n; i++) {
            long start = System.nanoTime();
            JsonNode activity = suite.branchAndWait(project, "b" + i);
            client.add((System.nanoTime() - start) / 1e6);
            if (!"SUCCESS".equals(activity.get("result").asText())) {
                throw new IllegalStateException("branch failed: " + activity);
            }
            server.add(java.time.Duration.between(Instant.parse(activity.get("createdAt").asText()),
                    Instant.parse(activity.get("completedAt").asText())).toNanos() / 1e6);
        }
        System.out.println(server.line("branch activity: createdAt -> completedAt"));
        System.out.println(client.line("branch: POST sent -> COMPLETE seen"));
    }
}
