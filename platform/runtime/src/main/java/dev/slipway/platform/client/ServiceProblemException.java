package dev.slipway.platform.client;

import dev.slipway.platform.api.Problem;

/**
 * The called service answered an error other than unavailability: a 4xx (never retried) or a 500.
 * Carries the problem details (API-2) it sent: {@link #status()}, {@link #type()}'s slug
 * ({@code not-found}, {@code ambiguous-commit}, ...), {@link #detail()} and the SPEC {@link #rule()}
 * it named, if any.
 */
public class ServiceProblemException extends ServiceCallException {

    private static final String TYPE_PREFIX = Problem.typeOf("");

    private final int status;
    private final String type;
    private final String detail;
    private final String rule;

    public ServiceProblemException(String target, int status, String type, String detail) {
        this(target, status, type, detail, null);
    }

    public ServiceProblemException(String target, int status, String type, String detail, String rule) {
        super(target, target + " answered " + status + (type == null ? "" : " " + slugOf(type)) + (detail == null ? "" : ": " + detail), null);
        this.status = status;
        this.type = type;
        this.detail = detail;
        this.rule = rule;
    }

    public int status() {
        return status;
    }

    /** The problem's type URN, or null when the answer was not problem details. */
    public String type() {
        return type;
    }

    /** The slug of {@link #type()} ({@code urn:slipway:problem:<slug>}), or null. */
    public String slug() {
        return slugOf(type);
    }

    public String detail() {
        return detail;
    }

    /** The SPEC rule the called service's refusal named (its problem's {@code rule}, e.g. TKT-3), or null. */
    public String rule() {
        return rule;
    }

    public boolean isNotFound() {
        return status == 404;
    }

    private static String slugOf(String type) {
        return type != null && type.startsWith(TYPE_PREFIX) ? type.substring(TYPE_PREFIX.length()) : type;
    }
}
