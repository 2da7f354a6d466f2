package dev.slipway.cli;

/**
 * The process exit codes, documented in {@code cli/README.md} and in the root command's help. Scripts switch on
 * them, so a value never changes meaning. An API answer maps by its status: 404 → {@link #NOT_FOUND}, 401 →
 * {@link #UNAUTHENTICATED}, 403 → {@link #FORBIDDEN}, 409 and 412 → {@link #CONFLICT}, 400 and 422 →
 * {@link #USAGE} (the request as given cannot succeed), 5xx → {@link #FAILED}.
 */
public final class ExitCodes {

    /** Done; an operation waited for succeeded. */
    public static final int OK = 0;
    /** An operation failed (an activity with result FAILURE, a deployment FAILED or CANCELLED, a ticket FAILED), or the server failed (5xx). */
    public static final int FAILED = 1;
    /** Bad command line, or the API refused the input (400, 422); also a confirmation refused or impossible without a terminal. */
    public static final int USAGE = 2;
    /** 404: no such project, environment, ... or the caller is not a member. */
    public static final int NOT_FOUND = 3;
    /** 403: the caller's role does not allow it, or a ticket is required (ENV-5, DEP-6). */
    public static final int FORBIDDEN = 4;
    /** 409 or 412: the state does not allow it now (ENV-3, ENV-4, TKT-3), or it changed meanwhile. */
    public static final int CONFLICT = 5;
    /** 401, or no token in the context: sign in with auth:login. */
    public static final int UNAUTHENTICATED = 6;
    /** The server does not answer (connection refused, time-out). */
    public static final int UNAVAILABLE = 7;

    private ExitCodes() {
    }

    /** The exit code for an API answer's status. */
    public static int ofStatus(int status) {
        return switch (status) {
            case 400, 422 -> USAGE;
            case 401 -> UNAUTHENTICATED;
            case 403 -> FORBIDDEN;
            case 404 -> NOT_FOUND;
            case 409, 412 -> CONFLICT;
            default -> FAILED;
        };
    }
}
