package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.slipway.devinfra.SuiteService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Assisted deployment (step 7, TKT-5): a DEPLOY ticket to Staging, opened by bob for master's
 * commit and approved by support ({@link Suite#SUPPORT}); from the approving request to the
 * deployment started, and to the ticket RESOLVED. Client clock for the request and the poll (every
 * 5 ms) that first sees RESOLVED; the services' tables for the hops between:
 * <ol>
 * <li>approval committed: the POST started → {@code ticket.approved} committed (ticket-service's outbox);</li>
 * <li>queued: → the deployment's {@code queued_at} (deployment-service applied the approval);</li>
 * <li>started: → claimed ({@code started_at});</li>
 * <li>run: → {@code finished_at};</li>
 * <li>resolved: → the ticket's {@code resolved_at} (ticket-service applied {@code deployment.succeeded});</li>
 * <li>seen: → the client's poll shows RESOLVED.</li>
 * </ol>
 */
final class TicketDeploy {

    private static final String APPROVED = "dev.slipway.ticket.approved.v1";
    private static final Duration TIMEOUT = Duration.ofSeconds(120);

    private final Suite suite;

    TicketDeploy(Suite suite) {
        this.suite = suite;
    }

    private static final class Timeline {
        double approve;
        double approvedCommitted;
        double queued;
        double started;
        double finished;
        double resolved;
        double seen;
    }

    void run(int n, int warm) throws Exception {
        String project = Suite.newId("tkt");
        suite.createProject(project);
        suite.expect(201, "POST", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/members", "alice",
                "{\"userId\":\"bob\",\"role\":\"contributor\"}");
        // A push over SSH, as a user does: master deploys it, which DEP-5 needs for Staging.
        PushToServe git = new PushToServe(suite);
        java.nio.file.Path clone = git.setUp(project);
        git.commit(clone, 0);
        git.push(clone);
        String commit = awaitMasterSuccess(project);
        System.out.println("project " + project + ", DEPLOY tickets to staging of master's " + commit.substring(0, 7) + " (no hooks, 1 node)");
        List<Timeline> measured = new ArrayList<>();
        for (int i = 0; i < warm + n; i++) {
            Timeline t = once(project, commit);
            if (i >= warm) {
                measured.add(t);
            }
        }
        Stats started = new Stats();
        Stats resolvedSeen = new Stats();
        Stats approved = new Stats();
        Stats queued = new Stats();
        Stats claim = new Stats();
        Stats run = new Stats();
        Stats resolved = new Stats();
        Stats seen = new Stats();
        for (Timeline t : measured) {
            started.add(t.started - t.approve);
            resolvedSeen.add(t.seen - t.approve);
            approved.add(t.approvedCommitted - t.approve);
            queued.add(t.queued - t.approvedCommitted);
            claim.add(t.started - t.queued);
            run.add(t.finished - t.started);
            resolved.add(t.resolved - t.finished);
            seen.add(t.seen - t.resolved);
        }
        System.out.println(started.line95("approve POST -> deployment started (claimed)"));
        System.out.println(resolvedSeen.line95("approve POST -> client sees RESOLVED"));
        System.out.println(approved.line95("  approve POST -> ticket.approved committed"));
        System.out.println(queued.line95("  approval hop: -> deployment queued"));
        System.out.println(claim.line95("  queue: -> claimed"));
        System.out.println(run.line95("  run: claimed -> finished"));
        System.out.println(resolved.line95("  result hop: finished -> ticket resolved_at"));
        System.out.println(seen.line95("  seen: -> the client's poll shows RESOLVED"));
        System.out.println("# load " + Suite.loadAverage());
    }

    private String awaitMasterSuccess(String project) throws SQLException {
        String[] commit = new String[1];
        try (Connection db = suite.db(SuiteService.DEPLOYMENT);
             PreparedStatement q = db.prepareStatement("SELECT commit_sha FROM deployment WHERE project_id = ? AND environment_id = 'master' "
                     + "AND state = 'SUCCEEDED'")) {
            q.setString(1, project);
            Suite.await(() -> {
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        commit[0] = r.getString(1);
                        return true;
                    }
                    return false;
                } catch (SQLException e) {
                    throw new IllegalStateException(e);
                }
            }, TIMEOUT, "master's first success");
        }
        return commit[0];
    }

    private Timeline once(String project, String commit) throws Exception {
        ObjectNode body = Suite.JSON.createObjectNode().put("type", "DEPLOY").put("projectId", project).put("environmentId", "staging")
                .put("subject", "bench deploy");
        body.putObject("payload").put("commit", commit);
        // ticket-service learns bob's membership from an event: the first ticket may need a moment.
        String[] ticket = new String[1];
        Suite.await(() -> {
            Suite.Answer answer = suite.call("POST", SuiteService.TICKET, "/api/v1/tickets", "bob", body.toString());
            if (answer.status() == 201) {
                ticket[0] = answer.json().get("id").asText();
                return true;
            }
            return false;
        }, TIMEOUT, "a ticket opened");
        Timeline t = new Timeline();
        t.approve = System.currentTimeMillis();
        suite.expect(200, "POST", SuiteService.TICKET, "/api/v1/tickets/" + ticket[0] + "/approve", Suite.SUPPORT, "{}");
        Instant deadline = Instant.now().plus(TIMEOUT);
        while (true) {
            JsonNode view = suite.expect(200, "GET", SuiteService.TICKET, "/api/v1/tickets/" + ticket[0], Suite.SUPPORT, null).json();
            String state = view.path("state").asText();
            if ("RESOLVED".equals(state)) {
                t.seen = System.currentTimeMillis();
                break;
            }
            if ("FAILED".equals(state) || Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("ticket " + ticket[0] + " " + state + ": " + view.path("result"));
            }
            Suite.sleep(5);
        }
        try (Connection tickets = suite.db(SuiteService.TICKET); Connection deployments = suite.db(SuiteService.DEPLOYMENT)) {
            try (PreparedStatement q = tickets.prepareStatement("SELECT extract(epoch from occurred_at) * 1000 FROM outbox_event WHERE type = ? "
                    + "AND data::jsonb->>'ticketId' = ?")) {
                q.setString(1, APPROVED);
                q.setString(2, ticket[0]);
                try (ResultSet r = q.executeQuery()) {
                    t.approvedCommitted = r.next() ? r.getDouble(1) : Double.NaN;
                }
            }
            try (PreparedStatement q = tickets.prepareStatement("SELECT extract(epoch from resolved_at) * 1000 FROM ticket WHERE id = ?::uuid")) {
                q.setString(1, ticket[0]);
                try (ResultSet r = q.executeQuery()) {
                    t.resolved = r.next() ? r.getDouble(1) : Double.NaN;
                }
            }
            try (PreparedStatement q = deployments.prepareStatement("SELECT extract(epoch from queued_at) * 1000, extract(epoch from started_at) * 1000, "
                    + "extract(epoch from finished_at) * 1000 FROM deployment WHERE ticket_id = ?")) {
                q.setString(1, ticket[0]);
                try (ResultSet r = q.executeQuery()) {
                    if (r.next()) {
                        t.queued = r.getDouble(1);
                        t.started = r.getDouble(2);
                        t.finished = r.getDouble(3);
                    }
                }
            }
        }
        return t;
    }
}
