package dev.slipway.platform.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An RFC 9457 problem details body (API-2). {@code type} is a stable URN per kind of problem
 * ({@code urn:slipway:problem:<slug>}) that clients can switch on; {@code violations} lists each bad
 * input field; {@code correlationId} appears on server errors and in the matching log line;
 * {@code rule} names the SPEC rule a refusal enforces (ENV-3, SEC-2, ...) when there is one, so a
 * client can tell which rule said no without parsing {@code detail}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details (API-2)", example = "{\"type\":\"urn:slipway:problem:active-environment-limit\",\"title\":\"Conflict\",\"status\":409,\"detail\":\"Project shop already has 8 active Integration environments, its limit (activeEnvironmentLimit 8); deactivate one first or raise the limit.\",\"instance\":\"/api/v1/projects/shop/environments/master/branch\",\"rule\":\"ENV-3\"}")
public record Problem(String type, String title, int status, String detail, String instance,
        List<Violation> violations, String correlationId,
        @Schema(description = "The SPEC rule the refusal enforces, e.g. ENV-3") String rule) {

    public static final String MEDIA_TYPE = "application/problem+json";
    private static final String TYPE_PREFIX = "urn:slipway:problem:";

    public static String typeOf(String slug) {
        return TYPE_PREFIX + slug;
    }

    /** This problem naming {@code rule} (null: none). */
    public Problem withRule(String rule) {
        return new Problem(type, title, status, detail, instance, violations, correlationId, rule);
    }

    /** One field of the input that is not acceptable, and why. */
    public record Violation(String field, String message) {
    }
}
