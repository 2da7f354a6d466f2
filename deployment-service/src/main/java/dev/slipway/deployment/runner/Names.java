package dev.slipway.deployment.runner;

import java.util.regex.Pattern;

/** Names the runner turns into file names: release ids and build keys. */
final class Names {

    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,199}");

    private Names() {
    }

    static String requireSafe(String name, String what) {
        if (name == null || !SAFE.matcher(name).matches()) {
            throw new IllegalArgumentException(what + " must be letters, digits, '.', '_' or '-' (at most 200): " + name);
        }
        return name;
    }
}
