package dev.slipway.platform.api;

import dev.slipway.platform.domain.DomainException;
import java.util.Arrays;

/** Entity tags of mutable resources from their version (API-5). */
public final class ETags {

    private ETags() {
    }

    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /**
     * Passes when {@code ifMatch} is absent, {@code *}, or lists the current tag; otherwise 412, and
     * nothing changes.
     */
    public static void requireMatch(String ifMatch, long currentVersion) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
            return;
        }
        String current = of(currentVersion);
        boolean matches = Arrays.stream(ifMatch.split(",")).map(String::strip)
                .map(tag -> tag.startsWith("W/") ? tag.substring(2) : tag)
                .anyMatch(current::equals);
        if (!matches) {
            throw new DomainException("API-5", 412, "precondition-failed",
                    "If-Match " + ifMatch.strip() + " does not match the current version " + current + "; read it again and retry.");
        }
    }
}
