package dev.slipway.platform.api;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * One page of a list (API-4): {@code next} is the cursor for the following page, null on the last.
 */
public record Page<T>(List<T> items,
        @Schema(nullable = true, description = "Cursor of the next page; null on the last page") String next) {
}
