package dev.slipway.cli;

/**
 * Ends the command with {@code Error: <message>} on stderr and an exit code of {@link ExitCodes}; never a stack
 * trace.
 */
public class CliException extends RuntimeException {

    private final int exitCode;

    public CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    public int exitCode() {
        return exitCode;
    }

    /** A usage error: the command line cannot work as given. */
    public static CliException usage(String message) {
        return new CliException(ExitCodes.USAGE, message);
    }

    /** An operation that ran and failed. */
    public static CliException failed(String message) {
        return new CliException(ExitCodes.FAILED, message);
    }
}
