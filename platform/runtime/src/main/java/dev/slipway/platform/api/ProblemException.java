package dev.slipway.platform.api;

import java.util.List;

/**
 * A refusal a client can act on, answered as problem details (API-2). Domain code throws it (or a
 * subclass carrying a rule id) and the mappers turn it into the response; nothing is changed.
 */
public class ProblemException extends RuntimeException {

    private final int status;
    private final String slug;
    private final String title;
    private final List<Problem.Violation> violations;

    public ProblemException(int status, String slug, String title, String detail) {
        this(status, slug, title, detail, null);
    }

    public ProblemException(int status, String slug, String title, String detail, List<Problem.Violation> violations) {
        super(detail, null, false, false);
        this.status = status;
        this.slug = slug;
        this.title = title;
        this.violations = violations == null ? null : List.copyOf(violations);
    }

    public static ProblemException badRequest(String detail, List<Problem.Violation> violations) {
        return new ProblemException(400, "invalid-request", "Invalid request", detail, violations);
    }

    public static ProblemException notFound(String detail) {
        return new ProblemException(404, "not-found", "Not found", detail);
    }


    public static ProblemException forbidden(String slug, String detail) {
        return new ProblemException(403, slug, "Forbidden", detail);
    }

    public static ProblemException unprocessable(String slug, String detail) {
        return new ProblemException(422, slug, "Unprocessable request", detail);
    }

    public int status() {
        return status;
    }

    public String slug() {
        return slug;
    }

    public String title() {
        return title;
    }

    public List<Problem.Violation> violations() {
        return violations;
    }

    public Problem toProblem(String instance) {
        return new Problem(Problem.typeOf(slug), title, status, getMessage(), instance, violations, null, null);
    }
}
