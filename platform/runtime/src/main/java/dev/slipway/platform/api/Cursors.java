package dev.slipway.platform.api;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Opaque list cursors (API-4): the sort key of the last item seen, base64url encoded. Lists are
 * read with {@code limit + 1} rows so that the extra row tells whether a next page exists.
 */
public final class Cursors {

    public static final int DEFAULT_LIMIT = 50;
    public static final int MAX_LIMIT = 200;

    private Cursors() {
    }

    public static String encode(String sortKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sortKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The sort key after which the page starts, or null for the first page; 400 when malformed. */
    public static String decode(String cursor) {
        if (cursor == null || cursor.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ProblemException.badRequest("cursor: not a cursor from a previous page",
                    List.of(new Problem.Violation("cursor", "not a cursor from a previous page")));
        }
    }

    /** {@code limit} within 1..200, defaulting to 50; anything else is a 400 (JAX-RS would answer a non-number with 404). */
    public static int limit(String text) {
        if (text == null || text.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int requested;
        try {
            requested = Integer.parseInt(text.strip());
        } catch (NumberFormatException e) {
            requested = -1;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ProblemException.badRequest("limit: must be between 1 and " + MAX_LIMIT,
                    List.of(new Problem.Violation("limit", "must be between 1 and " + MAX_LIMIT)));
        }
        return requested;
    }

    /** Cuts {@code rows} (read with limit + 1) to a page, with the cursor of its last item. */
    public static <E, T> Page<T> page(List<E> rows, int limit, Function<E, String> sortKey, Function<E, T> view) {
        boolean more = rows.size() > limit;
        List<E> items = more ? rows.subList(0, limit) : rows;
        return new Page<>(items.stream().map(view).toList(), more ? encode(sortKey.apply(items.get(items.size() - 1))) : null);
    }
}
