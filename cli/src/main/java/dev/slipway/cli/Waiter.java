package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Waits for what an operation started: an Activity until COMPLETE (API-3), a deployment until it ends (DEP-3), a
 * ticket until it is fulfilled or refused (TKT-3), polling every {@link Invocation#pollInterval()}. On a terminal a
 * progress line on stderr says the state and the time so far, rewritten in place; an activity's new log lines are
 * printed as they come. The last state decides the exit code: anything but success is {@link ExitCodes#FAILED}.
 */
public final class Waiter {

    private static final Set<String> DEPLOYMENT_ENDS = Set.of("SUCCEEDED", "FAILED", "CANCELLED");
    private static final Set<String> TICKET_ENDS = Set.of("RESOLVED", "FAILED", "REJECTED", "CANCELLED");

    private final Api api;
    private final Invocation invocation;
    private final PrintWriter err;
    private final long start = System.nanoTime();
    private int progressWidth;

    Waiter(Api api, Invocation invocation) {
        this.api = api;
        this.invocation = invocation;
        this.err = invocation.err();
    }

    /** Waits for an activity (the 202 body); returns it complete, or throws when its result is FAILURE. */
    public JsonNode activity(JsonNode started) {
        String project = Json.text(started, "projectId");
        String id = Json.text(started, "id");
        String what = Json.cell(started, "type") + " of " + Json.cell(started, "environmentId");
        int[] printed = {0};
        JsonNode done = poll(started, Api.path("projects", project, "activities", id), activity -> {
            String log = Json.cell(activity, "log");
            String[] lines = log.isEmpty() ? new String[0] : log.split("\n");
            for (int i = printed[0]; i < lines.length; i++) {
                line("  " + lines[i]);
            }
            printed[0] = Math.max(printed[0], lines.length);
            return what + ": " + Json.cell(activity, "state");
        }, activity -> "COMPLETE".equals(Json.text(activity, "state")));
        if (!"SUCCESS".equals(Json.text(done, "result"))) {
            throw CliException.failed(what + " failed (activity " + id + ")" + lastLogLine(done));
        }
        return done;
    }

    /** Waits for a deployment to end; throws unless it SUCCEEDED. */
    public JsonNode deployment(JsonNode queued) {
        String project = Json.text(queued, "projectId");
        String id = Json.text(queued, "id");
        JsonNode done = poll(queued, Api.path("projects", project, "deployments", id),
                deployment -> "deployment " + Json.shortCommit(id) + " of " + Json.cell(deployment, "environmentId") + ": "
                        + Json.cell(deployment, "state") + (Json.text(deployment, "phase") == null ? "" : " " + Json.cell(deployment, "phase")),
                deployment -> DEPLOYMENT_ENDS.contains(Json.text(deployment, "state")));
        requireSucceeded(done);
        return done;
    }

    /** Throws {@link ExitCodes#FAILED} with the deployment's detail unless it SUCCEEDED. */
    public static void requireSucceeded(JsonNode deployment) {
        if (!"SUCCEEDED".equals(Json.text(deployment, "state"))) {
            String detail = Json.text(deployment, "detail");
            throw CliException.failed("Deployment " + Json.cell(deployment, "id") + " " + Json.cell(deployment, "state")
                    + (detail == null ? "" : ": " + detail));
        }
    }

    /** Waits for a ticket to be fulfilled (RESOLVED) or to end otherwise; throws unless RESOLVED. */
    public JsonNode ticket(JsonNode ticket) {
        String id = Json.text(ticket, "id");
        JsonNode done = poll(ticket, Api.path("tickets", id), current -> "ticket " + id + ": " + Json.cell(current, "state"),
                current -> TICKET_ENDS.contains(Json.text(current, "state")));
        if (!"RESOLVED".equals(Json.text(done, "state"))) {
            String detail = Json.cell(done, "result", "detail");
            throw CliException.failed("Ticket " + id + " " + Json.cell(done, "state") + (detail.isEmpty() ? "" : ": " + detail));
        }
        return done;
    }

    private JsonNode poll(JsonNode first, String path, Function<JsonNode, String> progress, Predicate<JsonNode> done) {
        JsonNode current = first;
        String last = null;
        while (true) {
            String line = progress.apply(current);
            if (done.test(current)) {
                clearProgress();
                return current;
            }
            if (invocation.terminal()) {
                progress(line + " (" + seconds() + " s)");
            } else if (!line.equals(last)) {
                err.println(line);
                err.flush();
            }
            last = line;
            sleep();
            current = api.get(path);
        }
    }

    private void line(String text) {
        clearProgress();
        err.println(text);
        err.flush();
    }

    private void progress(String text) {
        String padded = text.length() < progressWidth ? text + " ".repeat(progressWidth - text.length()) : text;
        err.print("\r" + padded);
        err.flush();
        progressWidth = text.length();
    }

    private void clearProgress() {
        if (progressWidth > 0) {
            err.print("\r" + " ".repeat(progressWidth) + "\r");
            err.flush();
            progressWidth = 0;
        }
    }

    private long seconds() {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    private static String lastLogLine(JsonNode activity) {
        String[] lines = Json.cell(activity, "log").split("\n");
        String last = lines[lines.length - 1].trim();
        return last.isEmpty() ? "" : ": " + last.replaceFirst("^\\S+Z ", "");
    }

    private void sleep() {
        try {
            Thread.sleep(invocation.pollInterval().toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("Interrupted");
        }
    }
}
