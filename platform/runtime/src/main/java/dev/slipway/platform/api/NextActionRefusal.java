package dev.slipway.platform.api;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Why an action is refused now: the rule (SPEC id), the status, problem type and detail its endpoint would answer (API-2). */
public record NextActionRefusal(@Schema(description = "The SPEC rule, e.g. ENV-4") String rule, int status,
        @Schema(description = "The problem type, urn:slipway:problem:<slug>") String type, String detail) {
}
