package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code deployment:*}: deployments (DEP-1..9), their logs live (DEP-8), cancel and rollback. */
final class DeploymentCommands {

    static final List<Table.Column> COLUMNS = List.of(
            Table.Column.field("ID", "id"),
            Table.Column.field("Environment", "environmentId"),
            Table.Column.field("State", "state"),
            Table.Column.field("Phase", "phase"),
            Table.Column.field("Trigger", "trigger"),
            Table.Column.commit("Commit", "commit"),
            Table.Column.field("Queued", "queuedAt"),
            Table.Column.field("Finished", "finishedAt"));

    private DeploymentCommands() {
    }

    /** The deployments of an environment (-e, or the checked-out branch's), or of the whole project with --all. */
    abstract static class Scoped extends EnvironmentScoped {

        Scoped() {
            super("deployments");
        }

        /** The id given, or the latest deployment's of the environment (even with --all). */
        String idOrLatest(String id) {
            if (id != null) {
                return id;
            }
            String environment = environment(environmentOption);
            JsonNode latest = newest(Api.query(collectionPath(), Map.of("environment", environment)), "No deployment of " + environment + " yet");
            return Json.text(latest, "id");
        }
    }

    @Command(name = "deployment:list", aliases = "deployments", sortOptions = false,
            description = "List deployments, newest first. An environment's (-e, default the checked-out branch's), or the project's with --all.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} deployment:list -p shop -e staging", "  ${ROOT-COMMAND-NAME} deployments -p shop --all --state FAILED --format json"})
    static final class ListDeployments extends Scoped {

        @Option(names = "--state", paramLabel = "<state>", description = "Only this state: QUEUED, RUNNING, SUCCEEDED, FAILED, CANCELLED.")
        String state;

        @Option(names = "--trigger", paramLabel = "<trigger>", description = "Only this trigger: PUSH, BRANCH, TICKET, ... (DEP-1).")
        String trigger;

        @Option(names = "--activity", paramLabel = "<id>",
                description = "Only those this activity started (activity:list), whichever environment: a merge deploys the parent.")
        String activity;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}; 0: all).")
        int limit;

        @Mixin
        Options.OutputOptions outputOptions;

        /** An activity's deployments, whichever environment: a merge deploys the parent. */
        @Override
        boolean wholeProject() {
            return super.wholeProject() || activity != null;
        }

        @Override
        protected int run() {
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("state", state);
            filters.put("trigger", trigger);
            filters.put("activityId", activity);
            return printList(outputOptions, COLUMNS, api().list(listPath(filters), limit));
        }
    }

    @Command(name = "deployment:get", sortOptions = false, description = "Show a deployment's properties. Or one of them. The latest of -e without an id.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} deployment:get -p shop 9ea07b1f-03e4-4536-afcf-70dc2445651f state",
                "  ${ROOT-COMMAND-NAME} deployment:get -p shop -e master"})
    static final class Get extends Scoped {

        @Parameters(index = "0", arity = "0..1", paramLabel = "<id>", description = "The deployment's id; default: the environment's latest.")
        String id;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<property>", description = "Print only this property's value.")
        String property;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            JsonNode deployment = api().get(itemPath(idOrLatest(id)));
            return Properties.print(this, output(outputOptions), deployment, property);
        }
    }

    @Command(name = "deployment:log", sortOptions = false,
            description = "Print a deployment's log. Each line with its time, phase and node (DEP-8); the latest of -e without an id. "
                    + "--follow streams it live to the deployment's end and exits 1 unless it SUCCEEDED.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} deployment:log -p shop -e master --follow",
                "  ${ROOT-COMMAND-NAME} deployment:log -p shop 9ea07b1f-03e4-4536-afcf-70dc2445651f"})
    static final class Log extends Scoped {

        @Parameters(arity = "0..1", paramLabel = "<id>", description = "The deployment's id; default: the environment's latest.")
        String id;

        @Option(names = {"-f", "--follow"}, description = "Follow the log as it is written, to the deployment's end (server-sent events).")
        boolean follow;

        @Override
        protected int run() {
            String deployment = idOrLatest(id);
            if (!follow) {
                String text = api().getText(itemPath(deployment, "log"));
                invocation().out().print(text);
                invocation().out().flush();
                return ExitCodes.OK;
            }
            JsonNode end = new LogStream(api(), itemPath(deployment, "log", "stream")).follow(line -> say(LogStream.format(line)), this::note);
            // A deployment that did not succeed is said once, as the error it exits with.
            Waiter.requireSucceeded(end);
            note("Deployment " + deployment + " " + Json.cell(end, "state") + (Json.text(end, "detail") == null ? "" : ": " + Json.cell(end, "detail")));
            return ExitCodes.OK;
        }
    }

    @Command(name = "deployment:cancel", sortOptions = false, description = "Cancel a queued or running deployment. DEP-3.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} deployment:cancel -p shop 9ea07b1f-03e4-4536-afcf-70dc2445651f -y")
    static final class Cancel extends Scoped {

        @Parameters(paramLabel = "<id>", description = "The deployment's id.")
        String id;

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            confirm(yes, "Cancel deployment " + id + "?");
            JsonNode deployment = api().post(itemPath(id, "cancel"), null).body();
            note("Deployment " + id + " " + Json.cell(deployment, "state") + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "deployment:rollback", sortOptions = false,
            description = "Roll back to an earlier release. Puts that successful deployment's release back on its Integration environment, without a build (admin, DEP-9). "
                    + "Staging and Production roll back through a DEPLOY ticket naming the commit. Waits for the ROLLBACK deployment.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} deployment:rollback -p shop 9ea07b1f-03e4-4536-afcf-70dc2445651f -y")
    static final class Rollback extends Scoped {

        @Parameters(paramLabel = "<id>", description = "The earlier deployment's id.")
        String id;

        @Mixin
        Options.YesOption yes;

        @Mixin
        Options.WaitOption waitOption;

        @Override
        protected int run() {
            confirm(yes, "Roll back to the release of deployment " + id + "?");
            JsonNode rollback = api().post(itemPath(id, "rollback"), null).body();
            say(Json.cell(rollback, "id"));
            if (!waitOption.noWait) {
                waiter().deployment(rollback);
                note("Rollback deployment " + Json.cell(rollback, "id") + " SUCCEEDED.");
            }
            return ExitCodes.OK;
        }
    }
}
