package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code project:*}: the projects you are a member of (ENV-1, ENV-9). */
final class ProjectCommands {

    static final List<Table.Column> COLUMNS = List.of(
            Table.Column.field("ID", "id"),
            Table.Column.field("Title", "title"),
            Table.Column.field("Limit", "activeEnvironmentLimit"),
            Table.Column.field("Created by", "createdBy"),
            Table.Column.field("Created", "createdAt"));

    private ProjectCommands() {
    }

    @Command(name = "project:list", aliases = {"projects", "pro"}, sortOptions = false,
            description = "List your projects. Support staff see every project.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} project:list", "  ${ROOT-COMMAND-NAME} projects --format json | jq -r '.[].id'"})
    static final class ListProjects extends Action {

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            return printList(outputOptions, COLUMNS, api().list(Api.path("projects"), 0));
        }
    }

    @Command(name = "project:info", sortOptions = false, description = "Show a project's properties. Or one of them.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} project:info -p shop", "  ${ROOT-COMMAND-NAME} project:info -p shop activeEnvironmentLimit"})
    static final class Info extends Action {

        @Parameters(arity = "0..1", paramLabel = "<property>", description = "Print only this property's value.")
        String property;

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            JsonNode project = api().get(Api.path("projects", project(projectOption)));
            return Properties.print(this, output(outputOptions), project, property);
        }
    }

    @Command(name = "project:create", aliases = "create", sortOptions = false,
            description = "Create a project. Its git repository and the environments master, staging and production (ENV-1). You become its admin.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} project:create shop --title 'The shop'")
    static final class Create extends Action {

        @Parameters(paramLabel = "<id>", description = "3-32 lowercase letters and digits, starting with a letter (ENV-1).")
        String id;

        @Option(names = "--title", paramLabel = "<title>", description = "A title; default: the id.")
        String title;

        @Option(names = "--limit", paramLabel = "<n>", description = "Active Integration environments at most (ENV-3, 1-50; default 8).")
        Integer limit;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            ObjectNode body = Json.object().put("id", id);
            if (title != null) {
                body.put("title", title);
            }
            if (limit != null) {
                body.put("activeEnvironmentLimit", limit);
            }
            JsonNode project = api().post(Api.path("projects"), body).body();
            return printCreated(outputOptions, project, "Project " + id + " created with master, staging and production.");
        }
    }

    @Command(name = "project:delete", sortOptions = false, description = "Delete a project (admin).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} project:delete -p shop --yes")
    static final class Delete extends Action {

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            String project = project(projectOption);
            return deleteConfirmed(yes, "Delete project " + project + " with all its environments?", Api.path("projects", project),
                    "Project " + project + " deleted.");
        }
    }
}
