package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code context:*}: several accounts, on one Slipway or several, each a context (kubectl's word); {@code auth:login
 * --context <name>} creates one. Tokens are never listed.
 */
final class ContextCommands {

    private ContextCommands() {
    }

    @Command(name = "context:list", aliases = "contexts", sortOptions = false,
            description = "List the contexts. Name, base URL and user of each; * marks the current one.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} context:list")
    static final class ListContexts extends Action {

        @Mixin
        Options.OutputOptions outputOptions;

        @Override
        protected int run() {
            Session session = root.session();
            String current = session.contexts().currentName().orElse("");
            Table table = new Table(List.of("Current", "Name", "URL", "User", "Signed in"));
            ArrayNode json = Json.array();
            for (Contexts.Context context : session.contexts().all()) {
                boolean signedIn = context.token() != null;
                table.add(List.of(context.name().equals(current) ? "*" : "", context.name(), nullToEmpty(context.url()),
                        nullToEmpty(context.user()), signedIn ? "yes" : "no"));
                json.addObject().put("name", context.name()).put("current", context.name().equals(current)).put("url", context.url())
                        .put("user", context.user()).put("signedIn", signedIn);
            }
            output(outputOptions).print(table, (JsonNode) json);
            return ExitCodes.OK;
        }

        private static String nullToEmpty(String text) {
            return text == null ? "" : text;
        }
    }

    @Command(name = "context:use", sortOptions = false, description = "Make a context the current one.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} context:use prod")
    static final class Use extends Action {

        @Parameters(paramLabel = "<context>", description = "The context's name.")
        String name;

        @Override
        protected int run() {
            Contexts contexts = root.session().contexts();
            contexts.use(name);
            contexts.save();
            note("Context " + name + " is current.");
            return ExitCodes.OK;
        }
    }

    @Command(name = "context:delete", sortOptions = false, description = "Forget a context and its token.",
            footerHeading = "%nExample:%n", footer = "  ${ROOT-COMMAND-NAME} context:delete old")
    static final class Delete extends Action {

        @Parameters(paramLabel = "<context>", description = "The context's name.")
        String name;

        @Override
        protected int run() {
            Contexts contexts = root.session().contexts();
            if (!contexts.remove(name)) {
                throw new CliException(ExitCodes.NOT_FOUND, "No context " + name);
            }
            contexts.save();
            note("Context " + name + " deleted.");
            return ExitCodes.OK;
        }
    }
}
