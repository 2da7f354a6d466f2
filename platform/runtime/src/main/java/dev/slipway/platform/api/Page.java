package dev.slipway.platform.api;

import java.util.List;

/**
 * One page of a list (API-4): {@code next} is the cursor for the following page, null on the last.
 */
public record Page<T>(List<T> items, String next) {
}
