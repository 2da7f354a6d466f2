package dev.slipway.deployment.runner;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/**
 * DEP-4: a build is keyed by the tree id and the digest of the build-visible variables, so a
 * change of either builds again and nothing else does.
 */
public final class BuildKey {

    private BuildKey() {
    }

    /** {@code <treeId>-<first 16 hex digits of SHA-256 over the variables sorted by name>}. */
    public static String of(String treeId, Map<String, String> buildVariables) {
        Names.requireSafe(treeId, "tree id");
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> variable : new TreeMap<>(buildVariables).entrySet()) {
                // Lengths first, so that no two different sets of names and values digest alike.
                update(digest, variable.getKey());
                update(digest, variable.getValue());
            }
            return treeId + "-" + HexFormat.of().formatHex(digest.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(Integer.toString(bytes.length).getBytes(StandardCharsets.US_ASCII));
        digest.update((byte) ':');
        digest.update(bytes);
    }
}
