package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ticket:*}: assisted deployment (TKT-1..6). Members open tickets for Staging and Production; support staff
 * approve, reject, retry and resolve them; an approval is fulfilled automatically (TKT-5), and {@code ticket:approve}
 * and {@code ticket:retry} wait for that unless {@code -W}.
 */
final class TicketCommands {

    /** TKT-1's types. */
    enum Type { DEPLOY, ADD_SSH_KEY, DEPLOYMENT_SETTINGS, GO_LIVE, GENERAL }

    /** TKT-6's priorities. */
    enum Priority { LOW, NORMAL, HIGH, URGENT }

    static final List<Table.Column> COLUMNS = List.of(
            Table.Column.field("ID", "id"),
            Table.Column.field("Project", "projectId"),
            Table.Column.field("Environment", "environmentId"),
            Table.Column.field("Type", "type"),
            Table.Column.field("State", "state"),
            Table.Column.field("Priority", "priority"),
            Table.Column.field("Subject", "subject"),
            Table.Column.field("Requested by", "requestedBy"),
            Table.Column.field("Created", "createdAt"));

    private TicketCommands() {
    }

    @Command(name = "ticket:list", aliases = "tickets", sortOptions = false,
            description = "List tickets. By priority, then age (TKT-6). Of a project with -p, else every one you may see (support: all).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} ticket:list -p shop --state OPEN", "  ${ROOT-COMMAND-NAME} tickets --mine --format json"})
    static final class ListTickets extends Action {

        @Option(names = {"-p", "--project"}, paramLabel = "<project>", description = "Only this project's (not defaulted from the git clone).")
        String project;

        @Option(names = "--state", paramLabel = "<state>", description = "Only this state: OPEN, APPROVED, IN_PROGRESS, RESOLVED, FAILED, REJECTED, CANCELLED.")
        String state;

        @Option(names = "--type", paramLabel = "<type>", description = "Only this type: DEPLOY, ADD_SSH_KEY, DEPLOYMENT_SETTINGS, GO_LIVE, GENERAL.")
        Type type;

        @Option(names = "--mine", description = "Only the tickets you opened.")
        boolean mine;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "50", description = "At most this many (default ${DEFAULT-VALUE}; 0: all).")
        int limit;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            Map<String, Object> query = new LinkedHashMap<>();
            query.put("project", project);
            query.put("state", state);
            query.put("type", type);
            if (mine) {
                query.put("requester", AuthCommands.Claims.of(root.session().token()).user());
            }
            return printList(outputOptions, COLUMNS, api().list(Api.query(Api.path("tickets"), query), limit));
        }
    }

    @Command(name = "ticket:create", sortOptions = false,
            description = "Open a ticket for Staging or Production. Contributor and up (TKT-2, TKT-4); what it asks for depends on its type (TKT-1).",
            footerHeading = "%nExample:%n", footer = {
                "  ${ROOT-COMMAND-NAME} ticket:create -p shop -e staging --type DEPLOY --subject 'Release 1.4'",
                "  ${ROOT-COMMAND-NAME} ticket:create -p shop -e production --type DEPLOYMENT_SETTINGS --subject Secret --set-sensitive env:API_KEY=s3cr3t",
                "  ${ROOT-COMMAND-NAME} ticket:create -p shop -e production --type ADD_SSH_KEY --subject 'My key' --public-key ~/.ssh/id_ed25519.pub",
                "  ${ROOT-COMMAND-NAME} ticket:create -p shop -e production --type GO_LIVE --subject Launch --domain shop.example.com"})
    static final class Create extends Action {

        @Option(names = {"-t", "--type"}, required = true, paramLabel = "<type>", description = "DEPLOY, ADD_SSH_KEY, DEPLOYMENT_SETTINGS, GO_LIVE or GENERAL.")
        Type type;

        @Option(names = {"-s", "--subject"}, required = true, paramLabel = "<text>", description = "One line saying what you need.")
        String subject;

        @Option(names = "--description", paramLabel = "<text>", description = "More words.")
        String description;

        @Option(names = "--priority", paramLabel = "<priority>", description = "LOW, NORMAL (default), HIGH or URGENT.")
        Priority priority;

        @Option(names = "--commit", paramLabel = "<commit>", description = "DEPLOY: the commit; default: the source tier's last successful one.")
        String commit;

        @Option(names = "--include-data", description = "DEPLOY: copy the source tier's data first (DEP-7).")
        boolean includeData;

        @Option(names = "--public-key", paramLabel = "<file>", description = "ADD_SSH_KEY: the public key file.")
        Path publicKey;

        @Option(names = "--key-title", paramLabel = "<title>", description = "ADD_SSH_KEY: the grant's title.")
        String keyTitle;

        @Option(names = "--expires-at", paramLabel = "<instant>", description = "ADD_SSH_KEY: when the grant ends (ISO-8601).")
        String expiresAt;

        @Option(names = "--set", paramLabel = "<name=value>", description = "DEPLOYMENT_SETTINGS: set a variable (repeatable).")
        List<String> set = new ArrayList<>();

        @Option(names = "--set-sensitive", paramLabel = "<name=value>", description = "DEPLOYMENT_SETTINGS: set a sensitive variable (VAR-2; repeatable).")
        List<String> setSensitive = new ArrayList<>();

        @Option(names = "--unset", paramLabel = "<name>", description = "DEPLOYMENT_SETTINGS: delete a variable (repeatable).")
        List<String> unset = new ArrayList<>();

        @Option(names = "--approve-config-of", paramLabel = "<commit>", description = "DEPLOYMENT_SETTINGS: approve this commit's configuration (CFG-3).")
        String approveConfigOf;

        @Option(names = "--domain", paramLabel = "<domain>", description = "GO_LIVE: a domain to serve Production on (repeatable).")
        List<String> domains = new ArrayList<>();

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.EnvironmentOption environmentOption;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            ObjectNode body = Json.object().put("type", type.name()).put("projectId", project(projectOption))
                    .put("environmentId", environment(environmentOption)).put("subject", subject);
            if (description != null) {
                body.put("description", description);
            }
            if (priority != null) {
                body.put("priority", priority.name());
            }
            ObjectNode payload = Json.object();
            if (commit != null) {
                payload.put("commit", commit);
            }
            if (includeData) {
                payload.put("includeData", true);
            }
            if (publicKey != null) {
                payload.put("publicKey", SshKeyCommands.read(publicKey));
            }
            if (keyTitle != null) {
                payload.put("title", keyTitle);
            }
            if (expiresAt != null) {
                payload.put("expiresAt", expiresAt);
            }
            if (!set.isEmpty() || !setSensitive.isEmpty() || !unset.isEmpty()) {
                ArrayNode variables = payload.putArray("variables");
                set.forEach(assignment -> variables.add(setVariable(assignment, false)));
                setSensitive.forEach(assignment -> variables.add(setVariable(assignment, true)));
                unset.forEach(name -> variables.addObject().put("action", "DELETE").put("name", name));
            }
            if (approveConfigOf != null) {
                payload.put("approveConfigOf", approveConfigOf);
            }
            if (!domains.isEmpty()) {
                ArrayNode list = payload.putArray("domains");
                domains.forEach(list::add);
            }
            if (!payload.isEmpty()) {
                body.set("payload", payload);
            }
            JsonNode ticket = api().post(Api.path("tickets"), body).body();
            return printCreated(outputOptions, ticket,
                    type + " ticket " + Json.cell(ticket, "id") + " opened on " + Json.cell(ticket, "environmentId") + ": " + Json.cell(ticket, "state") + ".");
        }

        private static ObjectNode setVariable(String assignment, boolean sensitive) {
            int equals = assignment.indexOf('=');
            if (equals <= 0) {
                throw CliException.usage("A variable to set is name=value, not " + assignment.replaceAll("=.*", "=..."));
            }
            ObjectNode change = Json.object().put("action", "SET").put("name", assignment.substring(0, equals))
                    .put("value", assignment.substring(equals + 1));
            if (sensitive) {
                change.put("sensitive", true);
            }
            return change;
        }
    }

    @Command(name = "ticket:get", sortOptions = false,
            description = "Show a ticket's properties. Or one of them; with its preview, history, comments and trail.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} ticket:get 5c1f0e8a-...", "  ${ROOT-COMMAND-NAME} ticket:get 5c1f0e8a-... state"})
    static final class Get extends Action {

        @Parameters(index = "0", paramLabel = "<id>", description = "The ticket's id.")
        String id;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<property>", description = "Print only this property's value.")
        String property;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            JsonNode ticket = api().get(Api.path("tickets", id));
            return Properties.print(this, output(outputOptions), ticket, property);
        }
    }

    @Command(name = "ticket:comment", sortOptions = false, description = "Comment on a ticket. Members and support.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} ticket:comment 5c1f0e8a-... 'Please deploy after 18:00'")
    static final class Comment extends Action {

        @Parameters(index = "0", paramLabel = "<id>", description = "The ticket's id.")
        String id;

        @Parameters(index = "1", paramLabel = "<text>", description = "The comment.")
        String text;

        @Override
        protected int run() {
            api().post(Api.path("tickets", id, "comments"), Json.object().put("body", text));
            note("Comment added to ticket " + id + ".");
            return ExitCodes.OK;
        }
    }

    /** A decision on a ticket: POST with an optional reason; approve and retry wait for the fulfilment. */
    abstract static class Decision extends Action {

        @Parameters(paramLabel = "<id>", description = "The ticket's id.")
        String id;

        /** Decides and says the ticket's new state. */
        int decideAndSay(String action, String reason) {
            JsonNode ticket = decide(action, reason);
            note("Ticket " + id + " " + Json.cell(ticket, "state") + ".");
            return ExitCodes.OK;
        }

        /** Decides, then waits until the ticket is fulfilled (TKT-5) unless {@code -W}. */
        int decideAndWait(String action, String reason, Options.WaitOption waitOption) {
            JsonNode ticket = decide(action, reason);
            if (waitOption.noWait) {
                note("Ticket " + id + " " + Json.cell(ticket, "state") + "; not waiting for its fulfilment.");
                return ExitCodes.OK;
            }
            JsonNode done = waiter().ticket(ticket);
            String result = Json.cell(done, "result", "detail");
            note("Ticket " + id + " RESOLVED" + (result.isEmpty() ? "" : ": " + result));
            return ExitCodes.OK;
        }

        private JsonNode decide(String action, String reason) {
            ObjectNode body = Json.object();
            if (reason != null) {
                body.put("reason", reason);
            }
            return api().post(Api.path("tickets", id, action), body).body();
        }
    }

    @Command(name = "ticket:approve", sortOptions = false,
            description = "Approve a ticket and wait for it. Support only, never your own ticket (TKT-4); waits until it is fulfilled (TKT-5) and exits 1 when it FAILED.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} --context support ticket:approve 5c1f0e8a-... --reason 'Checked the diff'")
    static final class Approve extends Decision {

        @Option(names = "--reason", paramLabel = "<text>", description = "Why, for the ticket's history.")
        String reason;

        @Mixin
        Options.WaitOption waitOption;

        @Override
        protected int run() {
            return decideAndWait("approve", reason, waitOption);
        }
    }

    @Command(name = "ticket:reject", sortOptions = false, description = "Reject a ticket. Support, with a reason (TKT-4).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} ticket:reject 5c1f0e8a-... --reason 'Not during the sale'")
    static final class Reject extends Decision {

        @Option(names = "--reason", required = true, paramLabel = "<text>", description = "Why.")
        String reason;

        @Override
        protected int run() {
            return decideAndSay("reject", reason);
        }
    }

    @Command(name = "ticket:cancel", sortOptions = false, description = "Cancel your own ticket. While it is OPEN (TKT-4).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} ticket:cancel 5c1f0e8a-...")
    static final class Cancel extends Decision {

        @Option(names = "--reason", paramLabel = "<text>", description = "Why.")
        String reason;

        @Override
        protected int run() {
            return decideAndSay("cancel", reason);
        }
    }

    @Command(name = "ticket:retry", sortOptions = false, description = "Retry a FAILED ticket (support, TKT-3). Then waits for its fulfilment.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} ticket:retry 5c1f0e8a-...")
    static final class Retry extends Decision {

        @Option(names = "--reason", paramLabel = "<text>", description = "Why.")
        String reason;

        @Mixin
        Options.WaitOption waitOption;

        @Override
        protected int run() {
            return decideAndWait("retry", reason, waitOption);
        }
    }

    @Command(name = "ticket:resolve", sortOptions = false, description = "Resolve a GENERAL ticket (support, TKT-3).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} ticket:resolve 5c1f0e8a-... --reason 'Answered by mail'")
    static final class Resolve extends Decision {

        @Option(names = "--reason", paramLabel = "<text>", description = "How.")
        String reason;

        @Override
        protected int run() {
            return decideAndSay("resolve", reason);
        }
    }
}
