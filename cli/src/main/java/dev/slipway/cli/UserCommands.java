package dev.slipway.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code user:*}: a project's members and their roles (ENV-9, SEC-2); admins change them, never the last admin. */
final class UserCommands {

    /** ENV-9's roles. */
    enum Role { viewer, contributor, admin }

    static final List<Table.Column> COLUMNS = List.of(
            Table.Column.field("User", "userId"),
            Table.Column.field("Role", "role"),
            Table.Column.field("Updated", "updatedAt"));

    private UserCommands() {
    }

    @Command(name = "user:list", aliases = "users", sortOptions = false, description = "List a project's members. With their roles.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} user:list -p shop")
    static final class ListUsers extends Action {

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            return printList(outputOptions, COLUMNS, api().list(Api.path("projects", project(projectOption), "members"), 0));
        }
    }

    @Command(name = "user:add", sortOptions = false, description = "Add a member to a project (admin).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} user:add bob -p shop --role contributor")
    static final class Add extends Action {

        @Parameters(paramLabel = "<user>", description = "The user's id (the sub of their token).")
        String user;

        @Option(names = {"-r", "--role"}, paramLabel = "<role>", defaultValue = "contributor",
                description = "viewer, contributor or admin (default ${DEFAULT-VALUE}).")
        Role role;

        @Mixin
        Options.ProjectOption projectOption;

        @Override
        protected int run() {
            String project = project(projectOption);
            ObjectNode body = Json.object().put("userId", user).put("role", role.name());
            api().post(Api.path("projects", project, "members"), body);
            note(user + " is " + role + " of " + project + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "user:update", sortOptions = false, description = "Change a member's role (admin).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} user:update bob -p shop --role admin")
    static final class Update extends Action {

        @Parameters(paramLabel = "<user>", description = "The member's user id.")
        String user;

        @Option(names = {"-r", "--role"}, required = true, paramLabel = "<role>", description = "viewer, contributor or admin.")
        Role role;

        @Mixin
        Options.ProjectOption projectOption;

        @Override
        protected int run() {
            String project = project(projectOption);
            api().patch(Api.path("projects", project, "members", user), Json.object().put("role", role.name()));
            note(user + " is " + role + " of " + project + ".");
            return ExitCodes.OK;
        }
    }

    @Command(name = "user:delete", sortOptions = false, description = "Remove a member from a project (admin).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} user:delete bob -p shop -y")
    static final class Delete extends Action {

        @Parameters(paramLabel = "<user>", description = "The member's user id.")
        String user;

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            String project = project(projectOption);
            return deleteConfirmed(yes, "Remove " + user + " from " + project + "?", Api.path("projects", project, "members", user),
                    user + " removed from " + project + ".");
        }
    }
}
