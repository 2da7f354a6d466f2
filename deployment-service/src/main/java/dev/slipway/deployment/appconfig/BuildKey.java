package dev.slipway.deployment.appconfig;

import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * What a build is keyed by (DEP-4): the git tree id and the digest of the build-visible
 * variables, {@code <treeId>-<16 hex>}, the hex being the first 64 bits of the SHA-256 of the
 * variables' canonical JSON ({@code {"name":"value",…}}, names sorted). A deployment whose key
 * already has a build reuses it; changing a build-visible value (or adding or removing one)
 * gives a new key.
 *
 * <p>The key never contains a variable's value, sensitive or not, and neither does any message
 * of this class, so it may be logged and shown. Like any unsalted hash it can confirm a guess:
 * someone who knows every other build-visible value and can guess a weak one could test the
 * guess against the key. Names are part of the digest, values are never printed.
 */
public record BuildKey(String value) {

    private static final Pattern TREE_ID = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
    private static final Pattern FORM = Pattern.compile("(?:[0-9a-f]{40}|[0-9a-f]{64})-[0-9a-f]{16}");

    public BuildKey {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a build key is a tree id, '-' and 16 hex digits");
        }
    }

    /**
     * The key of building tree {@code treeId} (40 or 64 lowercase hex, SHA-1 or SHA-256 git) with
     * {@code buildVisibleVariables} (name -> value, in any order).
     */
    public static BuildKey of(String treeId, Map<String, String> buildVisibleVariables) {
        if (treeId == null || !TREE_ID.matcher(treeId).matches()) {
            throw new IllegalArgumentException("a tree id is 40 or 64 lowercase hex digits, not '" + treeId + "'");
        }
        Map<String, String> sorted = new TreeMap<>();
        buildVisibleVariables.forEach((name, value) -> sorted.put(
                Objects.requireNonNull(name, "a variable name"),
                Objects.requireNonNull(value, () -> "variable " + name + " has no value")));
        String digest = CanonicalJson.sha256Hex(CanonicalJson.write(sorted));
        return new BuildKey(treeId + "-" + digest.substring(0, 16));
    }

    public String treeId() {
        return value.substring(0, value.indexOf('-'));
    }

    @Override
    public String toString() {
        return value;
    }
}
