package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/**
 * What every command can reach: the run's {@link Invocation}, the API of the chosen context, the defaults of
 * {@code -p} and {@code -e} from the git clone, output in the chosen format, confirmations and waiting. A command
 * returns its exit code, or throws {@link CliException}.
 */
@Command
public abstract class Action implements Callable<Integer> {

    @ParentCommand
    protected SlipwayCli root;

    @Option(names = {"-h", "--help"}, usageHelp = true, description = "Show this help and exit.")
    boolean help;

    @Override
    public final Integer call() {
        return run();
    }

    protected abstract int run();

    protected Invocation invocation() {
        return root.invocation();
    }

    protected Api api() {
        return root.api();
    }

    protected String project(Options.ProjectOption option) {
        if (option.project != null) {
            return option.project;
        }
        return root.checkout().project().orElseThrow(() -> CliException.usage(
                "No project: give -p/--project, or run inside a git clone of a Slipway project"));
    }

    protected String environment(Options.EnvironmentOption option) {
        return optionalEnvironment(option).orElseThrow(() -> CliException.usage(
                "No environment: give -e/--environment, or run inside a git clone with a branch checked out"));
    }

    protected Optional<String> optionalEnvironment(Options.EnvironmentOption option) {
        return option.environment != null ? Optional.of(option.environment) : root.checkout().environment();
    }

    protected Output output(Options.OutputOptions options) {
        return new Output(options.format, options.columns, !options.noHeader, invocation());
    }

    /** A list command's result: one row of {@code columns} per item, or the items themselves with {@code --format json}. */
    protected int printList(Options.OutputOptions options, List<Table.Column> columns, List<JsonNode> items) {
        output(options).print(Table.of(columns, items), items);
        return ExitCodes.OK;
    }

    /**
     * What a create answers: the API's view of {@code created} with {@code --format json}; otherwise its id alone on
     * stdout, for a script to capture, and {@code message} for the user.
     */
    protected int printCreated(Options.OutputOptions options, JsonNode created, String message) {
        if (options.format != Format.JSON) {
            say(Json.cell(created, "id"));
        }
        return printChanged(options, created, message);
    }

    /** What a change answers: the API's view of {@code changed} with {@code --format json}, otherwise {@code message}. */
    protected int printChanged(Options.OutputOptions options, JsonNode changed, String message) {
        if (options.format == Format.JSON) {
            output(options).json(changed);
        } else {
            note(message);
        }
        return ExitCodes.OK;
    }

    /** Asks {@code question} on a terminal; without one, only {@code -y} says yes. */
    protected void confirm(Options.YesOption yes, String question) {
        if (yes.yes) {
            return;
        }
        if (!invocation().terminal()) {
            throw CliException.usage(question + " Add -y/--yes to confirm when not on a terminal.");
        }
        invocation().err().print(question + " [y/N] ");
        invocation().err().flush();
        String answer = invocation().readLine().orElse("").trim();
        if (!answer.equalsIgnoreCase("y") && !answer.equalsIgnoreCase("yes")) {
            throw CliException.usage("Not confirmed; nothing was done.");
        }
    }

    /** Asks {@code question} (see {@link #confirm}), DELETEs {@code path}, then says {@code done}. */
    protected int deleteConfirmed(Options.YesOption yes, String question, String path, String done) {
        confirm(yes, question);
        api().delete(path);
        note(done);
        return ExitCodes.OK;
    }

    protected Waiter waiter() {
        return new Waiter(api(), invocation());
    }

    protected void say(String line) {
        invocation().out().println(line);
        invocation().out().flush();
    }

    /** A line for the user that is no result (progress, hints): stderr, so that stdout stays parseable. */
    protected void note(String line) {
        invocation().err().println(line);
        invocation().err().flush();
    }
}
