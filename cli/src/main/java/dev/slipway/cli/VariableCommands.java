package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code variable:*}: project and environment variables (VAR-1..4). The level is {@code --level}, else environment
 * when an environment is known (-e, or the checked-out branch), else project. A sensitive value is never shown
 * (VAR-2): the API answers null for it.
 */
final class VariableCommands {

    /** {@code --level}. */
    enum Level { project, environment }

    static final List<Table.Column> COLUMNS = List.of(
            Table.Column.field("Name", "name"),
            Table.Column.field("Level", "level"),
            new Table.Column("Value", VariableCommands::value),
            Table.Column.field("Sensitive", "sensitive"),
            Table.Column.field("Inheritable", "inheritable"),
            Table.Column.field("Build", "visibleBuild"),
            Table.Column.field("Runtime", "visibleRuntime"),
            Table.Column.field("Enabled", "enabled"));

    /** VAR-3: the effective variables, each saying where it comes from. */
    static final List<Table.Column> EFFECTIVE_COLUMNS = List.of(
            Table.Column.field("Name", "name"),
            Table.Column.field("Source", "source"),
            Table.Column.field("Inherited", "inherited"),
            new Table.Column("Value", VariableCommands::value),
            Table.Column.field("Sensitive", "sensitive"),
            Table.Column.field("Build", "visibleBuild"),
            Table.Column.field("Runtime", "visibleRuntime"));

    private VariableCommands() {
    }

    private static String value(JsonNode variable) {
        return variable.path("sensitive").asBoolean() && Json.text(variable, "value") == null ? "(sensitive)" : Json.cell(variable, "value");
    }

    abstract static class Scoped extends Action {

        @Option(names = {"-l", "--level"}, paramLabel = "<level>",
                description = "project or environment; default: environment when one is known (-e, or the checked-out branch), else project.")
        Level level;

        @Mixin
        Options.ProjectOption projectOption;

        @Mixin
        Options.EnvironmentOption environmentOption;

        /** The environment when the level is environment, empty for the project level. */
        Optional<String> scope() {
            if (level == Level.project) {
                return Optional.empty();
            }
            Optional<String> environment = optionalEnvironment(environmentOption);
            if (level == Level.environment && environment.isEmpty()) {
                environment(environmentOption); // says how to name one
            }
            return environment;
        }

        String variablesPath(Optional<String> environment, String... name) {
            String project = project(projectOption);
            String base = environment.map(env -> Api.path("projects", project, "environments", env, "variables"))
                    .orElseGet(() -> Api.path("projects", project, "variables"));
            return name.length == 0 ? base : base + "/" + Api.segment(name[0]);
        }
    }

    /** The VAR-1/VAR-2 flags of create and update; unset ones are left out of the request. */
    static final class Flags {
        @Option(names = "--json", arity = "0..1", fallbackValue = "true", paramLabel = "<bool>", description = "The value is JSON (VAR-1).")
        Boolean json;

        @Option(names = "--sensitive", arity = "0..1", fallbackValue = "true", paramLabel = "<bool>",
                description = "Never shown by the API, events or logs (VAR-2).")
        Boolean sensitive;

        @Option(names = "--inheritable", arity = "0..1", fallbackValue = "true", paramLabel = "<bool>", description = "Child environments see it.")
        Boolean inheritable;

        @Option(names = "--visible-build", arity = "0..1", fallbackValue = "true", paramLabel = "<bool>", description = "Visible to the build hook.")
        Boolean visibleBuild;

        @Option(names = "--visible-runtime", arity = "0..1", fallbackValue = "true", paramLabel = "<bool>", description = "Visible at runtime.")
        Boolean visibleRuntime;

        @Option(names = "--enabled", arity = "0..1", fallbackValue = "true", paramLabel = "<bool>", description = "Enabled.")
        Boolean enabled;

        ObjectNode into(ObjectNode body) {
            putIf(body, "json", json);
            putIf(body, "sensitive", sensitive);
            putIf(body, "inheritable", inheritable);
            putIf(body, "visibleBuild", visibleBuild);
            putIf(body, "visibleRuntime", visibleRuntime);
            putIf(body, "enabled", enabled);
            return body;
        }

        private static void putIf(ObjectNode body, String field, Boolean value) {
            if (value != null) {
                body.put(field, value);
            }
        }
    }

    @Command(name = "variable:list", aliases = {"variables", "var"}, sortOptions = false,
            description = "List variables. Without --level and with an environment known: its effective variables, each saying where it "
                    + "comes from (VAR-3); --level environment: only its own; --level project: the project's.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} variable:list -p shop -e master", "  ${ROOT-COMMAND-NAME} var -p shop --level project --format json"})
    static final class ListVariables extends Scoped {

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            Optional<String> environment = scope();
            List<JsonNode> variables;
            List<Table.Column> columns;
            if (level == null && environment.isPresent()) {
                variables = api().list(Api.path("projects", project(projectOption), "environments", environment.get(), "effective-variables"), 0);
                columns = EFFECTIVE_COLUMNS;
            } else {
                variables = api().list(variablesPath(environment), 0);
                columns = COLUMNS;
            }
            return printList(outputOptions, columns, variables);
        }
    }

    @Command(name = "variable:get", aliases = "vget", sortOptions = false, description = "Show a variable's properties. Or one of them.",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} variable:get -p shop -e master env:SHOP_MODE value",
                "  ${ROOT-COMMAND-NAME} vget -p shop --level project ADMIN_URL"})
    static final class Get extends Scoped {

        @Parameters(index = "0", paramLabel = "<name>", description = "The variable's name.")
        String name;

        @Parameters(index = "1", arity = "0..1", paramLabel = "<property>", description = "Print only this property's value.")
        String property;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            JsonNode variable = api().get(variablesPath(scope(), name));
            return Properties.print(this, output(outputOptions), variable, property);
        }
    }

    @Command(name = "variable:create", sortOptions = false,
            description = "Create a variable (admin). On an active Integration environment it redeploys (VAR-4); Staging and Production "
                    + "change only through a DEPLOYMENT_SETTINGS ticket (ENV-5).",
            footerHeading = "%nExample:%n", footer = {"  ${ROOT-COMMAND-NAME} variable:create -p shop -e master env:SHOP_MODE --value test",
                "  ${ROOT-COMMAND-NAME} variable:create -p shop --level project API_KEY --value s3cr3t --sensitive --inheritable"})
    static final class Create extends Scoped {

        @Parameters(paramLabel = "<name>", description = "^[A-Za-z0-9._:-]{1,256}$; env:NAME is exported to hooks and runtime as NAME (VAR-1).")
        String name;

        @Option(names = "--value", required = true, paramLabel = "<value>", description = "The value.")
        String value;

        @Mixin
        Flags flags;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            Optional<String> environment = scope();
            ObjectNode body = flags.into(Json.object().put("name", name).put("value", value));
            JsonNode variable = api().post(variablesPath(environment), body).body();
            return printChanged(outputOptions, variable, "Variable " + name + " created on " + environment.map(env -> "environment " + env).orElse("the project") + ".");
        }
    }

    @Command(name = "variable:update", sortOptions = false, description = "Change a variable (admin). Its value or flags. As with create, an active Integration environment redeploys (VAR-4).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} variable:update -p shop -e master env:SHOP_MODE --value live --enabled=false")
    static final class Update extends Scoped {

        @Parameters(paramLabel = "<name>", description = "The variable's name.")
        String name;

        @Option(names = "--value", paramLabel = "<value>", description = "The new value.")
        String value;

        @Mixin
        Flags flags;

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            Optional<String> environment = scope();
            ObjectNode body = flags.into(Json.object());
            if (value != null) {
                body.put("value", value);
            }
            if (body.isEmpty()) {
                throw CliException.usage("Nothing to change: give --value or a flag");
            }
            JsonNode variable = api().patch(variablesPath(environment, name), body).body();
            return printChanged(outputOptions, variable, "Variable " + name + " updated.");
        }
    }

    @Command(name = "variable:delete", sortOptions = false, description = "Delete a variable (admin).",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} variable:delete -p shop -e master env:SHOP_MODE -y")
    static final class Delete extends Scoped {

        @Parameters(paramLabel = "<name>", description = "The variable's name.")
        String name;

        @Mixin
        Options.YesOption yes;

        @Override
        protected int run() {
            Optional<String> environment = scope();
            confirm(yes, "Delete variable " + name + " of " + environment.map(env -> "environment " + env).orElse("the project") + "?");
            api().delete(variablesPath(environment, name));
            note("Variable " + name + " deleted.");
            return ExitCodes.OK;
        }
    }
}
