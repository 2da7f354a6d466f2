package dev.slipway.platform.api;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
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
        throw invalid(parameter, "'" + value + "' is not one of " + accepted);
    }

    /** Null when absent; otherwise {@code parser}'s value, its IllegalArgumentException's message becoming a 400 naming the parameter. */
    public static <T> T parsed(String parameter, String value, Function<String, T> parser) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return parser.apply(value.strip());
        } catch (IllegalArgumentException e) {
            throw invalid(parameter, e.getMessage());
        }
    }

    private static ProblemException invalid(String parameter, String message) {
        return ProblemException.badRequest(parameter + ": " + message, List.of(new Problem.Violation(parameter, message)));
    }
}
