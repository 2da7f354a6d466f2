package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code activity:*}: the Activities of ENV-4's operations (API-3). */
final class ActivityCommands {

    static final List<Table.Column> COLUMNS = List.of(
            Table.Column.field("ID", "id"),
            Table.Column.field("Type", "type"),
            Table.Column.field("Environment", "environmentId"),
            Table.Column.field("State", "state"),
            Table.Column.field("Result", "result"),
            Table.Column.field("By", "createdBy"),
            Table.Column.field("Created", "createdAt"));

    private ActivityCommands() {
    }

    /** The activities of an environment (-e, or the checked-out branch's), or of the whole project with --all. */
    abstract static class Scoped extends EnvironmentScoped {

        Scoped() {
            super("activities");
        }
    }

    @Command(name = "activity:list", aliases = {"activities", "act"}, sortOptions = false,
            description = "List activities, newest first. An environment's (-e, default the checked-out branch's), or the project's with --all.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} activity:list -p shop -e master", "  ${ROOT-COMMAND-NAME} activities -p shop --all --type environment.branch"})
    static final class ListActivities extends Scoped {

        @Option(names = "--type", paramLabel = "<type>", description = "Only this type, e.g. environment.branch.")
        String type;

        @Option(names = "--state", paramLabel = "<state>", description = "Only this state: PENDING, IN_PROGRESS or COMPLETE.")
        String state;

        @Option(names = "--limit", paramLabel = "<n>", defaultValue = "20", description = "At most this many (default ${DEFAULT-VALUE}; 0: all).")
        int limit;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            Map<String, Object> filters = new LinkedHashMap<>();
            filters.put("type", type);
            filters.put("state", state);
            return printList(outputOptions, COLUMNS, api().list(listPath(filters), limit));
        }
    }

    @Command(name = "activity:get", sortOptions = false, description = "Show an activity's properties. Or one of them.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} activity:get -p shop 782000bc-3cb8-4742-b2fa-f97a8e4aea63 result")
    static final class Get extends Action {

        @Parameters(index = "0", paramLabel = "<id>", description = "The activity's id.")
        String id;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<property>", description = "Print only this property's value.")
        String property;

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            JsonNode activity = api().get(Api.path("projects", project(projectOption), "activities", id));
            return Properties.print(this, output(outputOptions), activity, property);
        }
    }

    @Command(name = "activity:log", sortOptions = false,
            description = "Print an activity's log. Of the latest one when no id is given; while it runs, new lines follow until it completes (unless -W).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} activity:log -p shop -e feature1", "  ${ROOT-COMMAND-NAME} activity:log -p shop 782000bc-3cb8-4742-b2fa-f97a8e4aea63"})
    static final class Log extends Scoped {

        @Parameters(arity = "0..1", paramLabel = "<id>", description = "The activity's id; default: the latest.")
        String id;

        @Mixin
        Options.WaitOption waitOption;

        @Override
        protected int run() {
            JsonNode activity = id != null ? api().get(itemPath(id)) : newest(listPath(Map.of()), "No activity yet");
            int printed = 0;
            while (true) {
                String[] lines = Json.cell(activity, "log").split("\n");
                for (int i = printed; i < lines.length; i++) {
                    if (!lines[i].isEmpty()) {
                        say(lines[i]);
                    }
                }
                printed = lines.length;
                if ("COMPLETE".equals(Json.text(activity, "state")) || waitOption.noWait) {
                    return ExitCodes.OK;
                }
                try {
                    Thread.sleep(invocation().pollInterval().toMillis());
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return ExitCodes.FAILED;
                }
                activity = api().get(itemPath(Json.text(activity, "id")));
            }
        }
    }
}
