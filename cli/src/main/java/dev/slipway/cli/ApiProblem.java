package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;

/**
 * An API answer of 4xx or 5xx, read from its RFC 9457 problem details (API-2). Printed as {@code Error: <detail>}
 * with the problem's rule id when it carries one, else its type's slug ({@code urn:slipway:problem:<slug>}), and a
 * line per violation; the exit code follows the status ({@link ExitCodes#ofStatus}).
 */
public final class ApiProblem extends CliException {

    private final int status;
    private final String slug;
    private final JsonNode body;

    public ApiProblem(int status, String slug, String message, JsonNode body) {
        super(ExitCodes.ofStatus(status), message);
        this.status = status;
        this.slug = slug;
        this.body = body;
    }

    /** From an answer's status and body (problem+json, or anything else a proxy may have said). */
    public static ApiProblem of(int status, String body, String what) {
        JsonNode problem = null;
        try {
            problem = body == null || body.isBlank() ? null : Json.parse(body);
        } catch (IOException notJson) {
            // a proxy's HTML page: said below by status
        }
        if (problem == null || !problem.isObject()) {
            return new ApiProblem(status, null, "HTTP " + status + " from " + what, null);
        }
        String type = Json.text(problem, "type");
        String slug = type != null && type.startsWith("urn:slipway:problem:") ? type.substring("urn:slipway:problem:".length()) : type;
        String detail = Json.text(problem, "detail");
        if (detail == null) {
            detail = Json.text(problem, "title") != null ? Json.text(problem, "title") : "HTTP " + status + " from " + what;
        }
        String rule = Json.text(problem, "rule");
        StringBuilder message = new StringBuilder(detail);
        if (rule != null || slug != null) {
            message.append(" (").append(rule != null && slug != null ? rule + ", " + slug : rule != null ? rule : slug).append(')');
        }
        for (JsonNode violation : Json.elements(problem.get("violations"))) {
            message.append("\n  ").append(Json.cell(violation, "field")).append(": ").append(Json.cell(violation, "message"));
        }
        String correlation = Json.text(problem, "correlationId");
        if (correlation != null) {
            message.append("\n  correlation id: ").append(correlation);
        }
        return new ApiProblem(status, slug, message.toString(), problem);
    }

    public int status() {
        return status;
    }

    /** The problem type's slug, e.g. {@code ticket-required}; null when the answer was no problem document. */
    public String slug() {
        return slug;
    }

    public JsonNode body() {
        return body;
    }
}
