package dev.slipway.deployment.appconfig;

import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The valid configuration of one commit (CFG-1..3): the application, its routes and services as
 * written, the path each file was read from, and the digest Staging and Production compare.
 *
 * @param commit   the commit it was read from
 * @param paths    the path used for each present file, e.g. {@code APP -> .magento.app.yaml}
 * @param app      the application configuration
 * @param routes   routes.yaml as written (route pattern -> definition), empty when absent
 * @param services services.yaml as written (name -> definition), empty when absent
 * @param digest   the config digest (CFG-3)
 */
public record CommitConfig(
        String commit,
        Map<ConfigFileKind, String> paths,
        AppConfig app,
        Map<String, Object> routes,
        Map<String, Object> services,
        ConfigDigest digest) {

    public CommitConfig {
        Objects.requireNonNull(commit, "commit");
        Objects.requireNonNull(app, "app");
        Objects.requireNonNull(digest, "digest");
        paths = Collections.unmodifiableMap(paths.isEmpty() ? new EnumMap<>(ConfigFileKind.class) : new EnumMap<>(paths));
        routes = Collections.unmodifiableMap(new LinkedHashMap<>(routes));
        services = Collections.unmodifiableMap(new LinkedHashMap<>(services));
    }
}
