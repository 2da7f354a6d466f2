package dev.slipway.platform.domain;

import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.ProblemException;

/**
 * A business rule refused an operation: the SPEC rule id it enforces, the HTTP status and problem
 * slug a client switches on, and a detail a screen can show as it is (API-2). Thrown by domain
 * objects before they change anything.
 */
public class DomainException extends ProblemException {

    private final String rule;

    public DomainException(String rule, int status, String slug, String detail) {
        super(status, slug, titleFor(status), detail);
        this.rule = rule;
    }

    /** The rule id, e.g. ENV-3. */
    public String rule() {
        return rule;
    }

    /** The problem names the rule, so a client need not parse the detail to know which one refused (API-2). */
    @Override
    public Problem toProblem(String instance) {
        return super.toProblem(instance).withRule(rule);
    }

    private static String titleFor(int status) {
        return switch (status) {
            case 400 -> "Invalid request";
            case 403 -> "Forbidden";
            case 404 -> "Not found";
            case 409 -> "Conflict";
            case 412 -> "Precondition failed";
            case 422 -> "Unprocessable request";
            default -> "Refused";
        };
    }
}
