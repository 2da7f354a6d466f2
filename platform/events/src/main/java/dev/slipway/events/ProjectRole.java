package dev.slipway.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Arrays;
import java.util.Locale;

/** A member's role on a project (ENV-9, SEC-2), ordered from least to most privileged. */
public enum ProjectRole {
    VIEWER, CONTRIBUTOR, ADMIN;

    /** At least as privileged as {@code other}. */
    public boolean includes(ProjectRole other) {
        return compareTo(other) >= 0;
    }

    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    @JsonCreator
    public static ProjectRole fromWire(String value) {
        return Arrays.stream(values()).filter(role -> role.wireName().equalsIgnoreCase(value)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown role '" + value + "'; expected one of viewer, contributor, admin"));
    }
}
