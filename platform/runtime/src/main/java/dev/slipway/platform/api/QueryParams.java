package dev.slipway.platform.api;

import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Query parameters parsed with a 400 that names the accepted values: JAX-RS would answer an
 * unknown enum value in a query parameter with 404.
 */
public final class QueryParams {

    private QueryParams() {
    }

    /** Null when absent; case-insensitive. */
    public static <E extends Enum<E>> E enumValue(Class<E> type, String parameter, String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        for (E constant : type.getEnumConstants()) {
            if (constant.name().equalsIgnoreCase(value.strip())) {
                return constant;
            }
        }
        String accepted = Arrays.stream(type.getEnumConstants()).map(Enum::name).collect(Collectors.joining(", "));
        String message = "'" + value + "' is not one of " + accepted;
        throw ProblemException.badRequest(parameter + ": " + message, List.of(new Problem.Violation(parameter, message)));
    }
}
