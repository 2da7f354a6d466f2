package dev.slipway.cli;

import java.util.List;
import picocli.CommandLine.Option;

/** The options many commands share, as picocli mixins. */
public final class Options {

    private Options() {
    }

    /** {@code -p}: which project. */
    public static final class ProjectOption {
        @Option(names = {"-p", "--project"}, paramLabel = "<project>",
                description = "The project id. Default: the project of the git clone you are in (its remote <project>.git).")
        String project;
    }

    /** {@code -e}: which environment. */
    public static final class EnvironmentOption {
        @Option(names = {"-e", "--environment"}, paramLabel = "<environment>",
                description = "The environment id. Default: the environment of the git branch checked out where you are (ENV-2).")
        String environment;
    }

    /** {@code --format}, {@code --columns}, {@code --no-header}. */
    public static final class OutputOptions {
        @Option(names = "--format", paramLabel = "<format>", completionCandidates = Format.Names.class,
                description = "table, json, csv, tsv or plain. Default: table on a terminal, plain when piped. json is the API's own view.")
        Format format;

        @Option(names = {"-c", "--columns"}, split = ",", paramLabel = "<column>",
                description = "Only these columns, in this order (comma-separated, names as in the header).")
        List<String> columns;

        @Option(names = "--no-header", description = "Leave out the header line (table, csv, tsv, plain).")
        boolean noHeader;
    }

    /** {@code -W}: do not wait for what an operation started. */
    public static final class WaitOption {
        @Option(names = {"-W", "--no-wait"}, description = "Do not wait for the operation to complete.")
        boolean noWait;
    }

    /** {@code -y}: answer yes to the confirmation. */
    public static final class YesOption {
        @Option(names = {"-y", "--yes"}, description = "Answer yes to the confirmation (required when not on a terminal).")
        boolean yes;
    }
}
