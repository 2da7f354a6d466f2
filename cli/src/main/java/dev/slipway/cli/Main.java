package dev.slipway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import picocli.CommandLine;

/** {@code java -jar slipway-cli.jar}: runs one command and exits with its code ({@link ExitCodes}). */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws IOException {
        int code = args.length == 1 && args[0].equals(CdsTraining.FLAG) ? CdsTraining.run() : execute(Invocation.system(), args);
        Api.stopSelectorThreads();
        System.exit(code);
    }

    /** Runs one command line in {@code invocation}; what the tests call. */
    public static int execute(Invocation invocation, String... args) {
        try {
            return commandLine(invocation, args).execute(args);
        } finally {
            invocation.out().flush();
            invocation.err().flush();
        }
    }

    /** The whole command tree. */
    public static CommandLine commandLine(Invocation invocation) {
        return configured(invocation, SlipwayCli.COMMANDS);
    }

    /**
     * The command tree for {@code args}, printing to the invocation's streams, errors as {@code Error: <message>}, never a
     * stack trace. When the arguments name a command, only that one is registered: picocli reads every registered
     * command's annotations before it parses, which for all of them is most of a run's start-up (docs/performance.md).
     * The root help, completion, and a command line naming no command (a typo gets suggestions) get them all.
     */
    public static CommandLine commandLine(Invocation invocation, String[] args) {
        Class<?> named = named(args);
        return configured(invocation, named != null ? List.of(named) : rootHelp(args) ? List.of() : SlipwayCli.COMMANDS);
    }

    /**
     * The root command with {@code commands}, printing to the invocation's streams, errors as {@code Error: <message>}
     * (picocli passes these settings on to the subcommands present, so they are added first).
     */
    private static CommandLine configured(Invocation invocation, List<Class<?>> commands) {
        CommandLine line = new CommandLine(new SlipwayCli(invocation));
        commands.forEach(line::addSubcommand);
        line.setOut(invocation.out());
        line.setErr(invocation.err());
        line.setCaseInsensitiveEnumValuesAllowed(true);
        line.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST_HEADING, help -> "");
        line.getHelpSectionMap().put(CommandLine.Model.UsageMessageSpec.SECTION_KEY_COMMAND_LIST, CommandList::render);
        line.setParameterExceptionHandler((problem, arguments) -> {
            PrintWriter err = problem.getCommandLine().getErr();
            err.println("Error: " + problem.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(problem, err);
            err.println("Try '" + problem.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
            err.flush();
            return ExitCodes.USAGE;
        });
        line.setExecutionExceptionHandler((thrown, command, parsed) -> {
            PrintWriter err = command.getErr();
            if (thrown instanceof CliException failure) {
                err.println("Error: " + failure.getMessage());
                err.flush();
                return failure.exitCode();
            }
            // A bug of ours: say what, never a stack trace (SLIPWAY_CLI_DEBUG=1 shows it).
            err.println("Error: " + (thrown.getMessage() != null ? thrown.getMessage() : thrown.getClass().getSimpleName()));
            if (invocation.variable("SLIPWAY_CLI_DEBUG").isPresent()) {
                thrown.printStackTrace(err);
            }
            err.flush();
            return ExitCodes.FAILED;
        });
        return line;
    }

    /**
     * The root's help (no arguments, -h, --help) lists the commands from their annotations alone ({@link CommandList});
     * the version needs none of them either.
     */
    private static boolean rootHelp(String[] args) {
        return args.length == 0 || (args.length == 1 && List.of("-h", "--help", "-V", "--version").contains(args[0]));
    }

    /** The command the first argument that is no option names, by name or alias; null for none, or for completion. */
    private static Class<?> named(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--context")) {
                i++;
                continue;
            }
            if (arg.startsWith("-")) {
                continue;
            }
            for (Class<?> command : SlipwayCli.COMMANDS) {
                CommandLine.Command annotation = command.getAnnotation(CommandLine.Command.class);
                if (annotation.name().equals(arg) || Arrays.asList(annotation.aliases()).contains(arg)) {
                    return command == Completion.class ? null : command;
                }
            }
            return null;
        }
        return null;
    }
}
