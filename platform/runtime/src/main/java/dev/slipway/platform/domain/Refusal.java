package dev.slipway.platform.domain;

import java.util.Optional;

/**
 * Why a rule refuses something, as a value: for callers that must decide without throwing (an
 * event handler that answers a ticket with its outcome, a check of many changes before applying
 * any). {@link #exception()} is what an API call throws for the same refusal.
 */
public record Refusal(String rule, int status, String slug, String detail) {

    public static Optional<Refusal> of(String rule, int status, String slug, String detail) {
        return Optional.of(new Refusal(rule, status, slug, detail));
    }

    public DomainException exception() {
        return new DomainException(rule, status, slug, detail);
    }

    /** Throws the refusal, if there is one. */
    public static void raise(Optional<Refusal> refusal) {
        if (refusal.isPresent()) {
            throw refusal.get().exception();
        }
    }
}
