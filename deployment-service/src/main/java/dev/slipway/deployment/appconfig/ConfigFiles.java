package dev.slipway.deployment.appconfig;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The configuration files of one commit (CFG-1). Each of app, routes and services is looked up on
 * its own: Slipway's name if the commit has it, else Magento Cloud's, else absent. So a commit
 * with {@code .slipway/app.yaml} and {@code .magento/routes.yaml} uses both.
 */
public record ConfigFiles(String commit, Map<ConfigFileKind, ConfigFile> files) {

    public ConfigFiles {
        Objects.requireNonNull(commit, "commit");
        EnumMap<ConfigFileKind, ConfigFile> copy = new EnumMap<>(ConfigFileKind.class);
        files.forEach((kind, file) -> {
            if (file.kind() != kind) {
                throw new IllegalArgumentException(file.path() + " is not the " + kind.digestKey() + " file");
            }
            copy.put(kind, file);
        });
        files = Collections.unmodifiableMap(copy);
    }

    /** Finds the files of {@code commit} (CFG-1). */
    public static ConfigFiles locate(String commit, CommitFiles reader) {
        EnumMap<ConfigFileKind, ConfigFile> found = new EnumMap<>(ConfigFileKind.class);
        for (ConfigFileKind kind : ConfigFileKind.values()) {
            for (String path : kind.candidatePaths()) {
                Optional<byte[]> content = reader.read(path);
                if (content.isPresent()) {
                    found.put(kind, new ConfigFile(kind, path, content.get()));
                    break;
                }
            }
        }
        return new ConfigFiles(commit, found);
    }

    public Optional<ConfigFile> file(ConfigFileKind kind) {
        return Optional.ofNullable(files.get(kind));
    }

    /** The path each present file was read from, e.g. {@code APP -> .magento.app.yaml}. */
    public Map<ConfigFileKind, String> paths() {
        EnumMap<ConfigFileKind, String> paths = new EnumMap<>(ConfigFileKind.class);
        files.forEach((kind, file) -> paths.put(kind, file.path()));
        return Collections.unmodifiableMap(paths);
    }
}
