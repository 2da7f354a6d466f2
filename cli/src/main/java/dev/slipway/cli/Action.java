package dev.slipway.cli;

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
