package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;

/** Deployment-service's exec interface, where environment sessions are relayed (SSH-3, docs/exec-interface.md). */
@ConfigMapping(prefix = "slipway.exec")
public interface ExecConfig {

    /** Base URL of deployment-service; {@code http} becomes {@code ws} for the WebSocket. Env: SLIPWAY_EXEC_URL. */
    @WithDefault("http://127.0.0.1:8082")
    URI url();

    /**
     * How long opening the WebSocket may take before the session fails with "not reachable". A runtime
     * that is down refuses at once; this bounds one that is busy: with a thousand sessions opening
     * together on two cores, 5 s failed a fifth of them (docs/performance.md). Env: SLIPWAY_EXEC_CONNECT_TIMEOUT.
     */
    @WithDefault("30S")
    Duration connectTimeout();
}
