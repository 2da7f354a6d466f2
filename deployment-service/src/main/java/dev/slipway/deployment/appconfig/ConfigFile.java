package dev.slipway.deployment.appconfig;

import java.util.Arrays;
import java.util.Objects;

/** One configuration file found in a commit: which file it is, the path it was read from, its bytes. */
public record ConfigFile(ConfigFileKind kind, String path, byte[] content) {

    public ConfigFile {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(path, "path");
        content = Objects.requireNonNull(content, "content").clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** True when read from Magento Cloud's name rather than Slipway's. */
    public boolean magentoName() {
        return path.equals(kind.magentoPath());
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ConfigFile that && kind == that.kind && path.equals(that.path)
                && Arrays.equals(content, that.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(kind, path, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return path + " (" + content.length + " bytes)";
    }
}
