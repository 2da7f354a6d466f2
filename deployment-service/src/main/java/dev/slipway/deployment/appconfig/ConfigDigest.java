package dev.slipway.deployment.appconfig;

import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * The digest of a commit's configuration (CFG-3): {@code sha256:} and the lowercase hex SHA-256
 * of the canonical form {@code {"app":…,"routes":…,"services":…}} (see the package
 * documentation). Comments, formatting, key order, quoting style, aliases and which name
 * (Slipway's or Magento's) a file was read from do not change it; any value does. Staging and
 * Production compare it with their approved digest at VALIDATE.
 */
public record ConfigDigest(String value) {

    private static final Pattern FORM = Pattern.compile("sha256:[0-9a-f]{64}");

    public ConfigDigest {
        if (value == null || !FORM.matcher(value).matches()) {
            throw new IllegalArgumentException("a config digest is sha256: and 64 lowercase hex digits");
        }
    }

    /**
     * The digest of {@code files}.
     *
     * @throws IllegalArgumentException when a file is not valid YAML (VALIDATE reads the
     *                                  configuration with {@link ConfigReader} first, which reports why)
     */
    public static ConfigDigest of(ConfigFiles files) {
        Map<ConfigFileKind, Object> documents = new EnumMap<>(ConfigFileKind.class);
        for (ConfigFile file : files.files().values()) {
            YamlReader.Result parsed = YamlReader.read(file.path(), file.content());
            if (!parsed.clean()) {
                throw new IllegalArgumentException("cannot digest: " + parsed.problems().get(0));
            }
            documents.put(file.kind(), parsed.root() == null ? null : parsed.root().plain());
        }
        return ofDocuments(documents);
    }

    /** The digest of parsed documents; a missing or null entry is an absent (or empty) file. */
    static ConfigDigest ofDocuments(Map<ConfigFileKind, Object> documents) {
        return new ConfigDigest("sha256:" + CanonicalJson.sha256Hex(canonicalForm(documents)));
    }

    /** The text the digest is taken of. */
    static String canonicalForm(Map<ConfigFileKind, Object> documents) {
        Map<String, Object> form = new TreeMap<>();
        for (ConfigFileKind kind : ConfigFileKind.values()) {
            form.put(kind.digestKey(), documents.get(kind));
        }
        return CanonicalJson.write(form);
    }

    public boolean matches(ConfigDigest other) {
        return Objects.equals(this, other);
    }

    @Override
    public String toString() {
        return value;
    }
}
