package dev.slipway.platform.api;

import dev.slipway.platform.domain.Refusal;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One thing the caller may do next with a resource, as views list them for frontends and tools: a
 * button enabled, or disabled with the reason beside it instead of failing after the click. A
 * refused action carries the problem the API would answer if it were tried now (API-2).
 *
 * <p>No class-level {@code @Schema}: a named schema would be put into every service's OpenAPI
 * document, used or not; unnamed, it appears (as {@code NextAction}) only where a view has it.
 */
public record NextAction(@Schema(description = "The action, as the operation's path names it") String name, boolean allowed,
        @Schema(nullable = true, description = "Why not, when not allowed: the problem an attempt would get now") NextActionRefusal refusal) {

    /** {@code name}, refused when {@code refusal} is present. */
    public static NextAction of(String name, Optional<Refusal> refusal) {
        return new NextAction(name, refusal.isEmpty(),
                refusal.map(r -> new NextActionRefusal(r.rule(), r.status(), Problem.typeOf(r.slug()), r.detail())).orElse(null));
    }
}
