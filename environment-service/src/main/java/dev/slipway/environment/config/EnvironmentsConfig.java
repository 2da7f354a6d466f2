package dev.slipway.environment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Host names shown for environments (ENV-7); the nodes of each tier are ENV-6's, in {@code EnvironmentType}. */
@ConfigMapping(prefix = "slipway.environments")
public interface EnvironmentsConfig {

    /** Base domain of store URLs, e.g. {@code magento.cloud}. Env: SLIPWAY_ENVIRONMENTS_BASE_DOMAIN. */
    @WithDefault("slipway.localhost")
    String baseDomain();

    /** Region label in store URLs, e.g. {@code eu-3}. */
    @WithDefault("local")
    String region();

    /** Host name of the SSH gateway in git and SSH URLs. */
    @WithDefault("127.0.0.1")
    String sshHost();

    /** Port of the SSH gateway. */
    @WithDefault("2222")
    int sshPort();
}
