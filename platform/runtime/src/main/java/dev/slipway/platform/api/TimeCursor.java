package dev.slipway.platform.api;

import dev.slipway.platform.domain.DomainException;
import java.time.Instant;
import java.util.UUID;

/** A position in a list ordered by creation time, then id (API-4): {@code <instant>|<uuid>}. */
public record TimeCursor(Instant at, UUID id) {

    public static String of(Instant at, UUID id) {
        return at + "|" + id;
    }

    /** The cursor {@code text} names; null for none; 400 for one no list returned. */
    public static TimeCursor parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split("\\|", 2);
        try {
            return new TimeCursor(Instant.parse(parts[0]), UUID.fromString(parts[1]));
        } catch (RuntimeException e) {
            throw new DomainException("API-4", 400, "invalid-value", "The cursor is not one this list returned.");
        }
    }

    /** A path's id, or 404 naming {@code what}: an id that cannot exist names nothing. */
    public static UUID idOrNotFound(String text, String what) {
        try {
            return UUID.fromString(text);
        } catch (IllegalArgumentException e) {
            throw new DomainException("API-1", 404, "not-found", "No such " + what + ": " + text.substring(0, Math.min(text.length(), 64)) + ".");
        }
    }
}
