package dev.slipway.platform.domain;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * VAR-1, the same wherever a variable is written: by environment-service's API, or proposed by a
 * DEPLOYMENT_SETTINGS ticket that ticket-service checks when it is opened.
 */
public final class VariableRules {

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9._:-]{1,256}");
    private static final int MAX_JSON_BYTES = 4 * 1024;
    private static final int MAX_VALUE_BYTES = 64 * 1024;
    private static final ObjectMapper JSON = new ObjectMapper();

    private VariableRules() {
    }

    /** VAR-1: a name is 1-256 of A-Z, a-z, 0-9, '.', '_', ':' and '-'. */
    public static Optional<Refusal> nameRefusal(String name) {
        if (name == null || !NAME.matcher(name).matches()) {
            return Refusal.of("VAR-1", 400, "invalid-variable-name", "A variable name is 1-256 of A-Z, a-z, 0-9, '.', '_', ':' and '-'.");
        }
        return Optional.empty();
    }

    /** VAR-1: a JSON value parses and is at most 4 KiB; any other value is at most 64 KiB. */
    public static Optional<Refusal> valueRefusal(String value, boolean json) {
        int bytes = value.getBytes(StandardCharsets.UTF_8).length;
        if (json) {
            if (bytes > MAX_JSON_BYTES) {
                return Refusal.of("VAR-1", 400, "invalid-variable-value", "A JSON value is at most 4 KiB; this one has " + bytes + " bytes.");
            }
            try {
                JSON.readTree(value);
            } catch (JsonProcessingException e) {
                return Refusal.of("VAR-1", 400, "invalid-variable-value", "The value is not valid JSON (json: true).");
            }
        } else if (bytes > MAX_VALUE_BYTES) {
            return Refusal.of("VAR-1", 400, "invalid-variable-value", "A value is at most 64 KiB; this one has " + bytes + " bytes.");
        }
        return Optional.empty();
    }
}
