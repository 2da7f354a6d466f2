package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;

/** The SSH server (SSH-3). */
@ConfigMapping(prefix = "slipway.ssh")
public interface SshConfig {

    /** Whether this instance serves SSH. Env: SLIPWAY_SSH_ENABLED. */
    @WithDefault("true")
    boolean enabled();

    /** Address to listen on. Env: SLIPWAY_SSH_HOST. */
    @WithDefault("0.0.0.0")
    String host();

    /** Port to listen on (SPEC §1: 2222); 0 picks a free one (tests). Env: SLIPWAY_SSH_PORT. */
    @WithDefault("2222")
    int port();

    /**
     * The host key (OpenSSH format), created on first start and kept so its fingerprint never
     * changes; instances of one deployment share it (SPEC §1). Env: SLIPWAY_SSH_HOST_KEY.
     */
    @WithDefault(".slipway/ssh/host-ed25519-key")
    Path hostKey();

    /** How long an authenticated connection may stay without a channel before it is closed. Env: SLIPWAY_SSH_IDLE_TIMEOUT. */
    @WithDefault("10M")
    Duration idleTimeout();

    /** How often open sessions are re-checked even when no change was announced (expiry, missed notices). Env: SLIPWAY_SSH_RECHECK_INTERVAL. */
    @WithDefault("5S")
    Duration recheckInterval();
}
