package dev.slipway.platform.api;

import dev.slipway.platform.domain.Refusal;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One thing the caller may do next with a resource, as views list them for frontends and tools: a
 * button enabled, or disabled with the reason beside it instead of failing after the click. A
 * refused action carries the problem the API would answer if it were tried now (API-2).
 */
@Schema(name = "Action", description = "What the caller may do next: allowed, or refused with the problem the API would answer now",
        example = "{\"name\":\"deactivate\",\"allowed\":false,\"refusal\":{\"rule\":\"ENV-4\",\"status\":409,"
                + "\"type\":\"urn:slipway:problem:master-environment\",\"detail\":\"The master environment cannot be deactivated.\"}}")
public record ActionView(@Schema(description = "The action, as the operation's path names it") String name, boolean allowed,
        @Schema(nullable = true, description = "Why not, when not allowed") RefusalView refusal) {

    /** The problem an attempt would get: its rule (SPEC id), status, problem type and detail. */
    @Schema(name = "ActionRefusal")
    public record RefusalView(String rule, int status, String type, String detail) {
    }

    /** {@code name}, refused when {@code refusal} is present. */
    public static ActionView of(String name, Optional<Refusal> refusal) {
        return new ActionView(name, refusal.isEmpty(), refusal.map(r -> new RefusalView(r.rule(), r.status(), Problem.typeOf(r.slug()), r.detail()))
                .orElse(null));
    }
}
