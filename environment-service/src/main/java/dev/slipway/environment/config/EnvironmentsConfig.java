package dev.slipway.environment.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Host names and hardware shown for environments (ENV-6, ENV-7). */
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

    /** Nodes of each tier (ENV-6). */
    Nodes nodes();

    /** ENV-6. */
    interface Nodes {
        /** Integration: shared hardware. */
        @WithDefault("1")
        int integration();

        /** Staging: dedicated hardware. */
        @WithDefault("1")
        int staging();

        /** Production: dedicated hardware. */
        @WithDefault("3")
        int production();
    }
}
