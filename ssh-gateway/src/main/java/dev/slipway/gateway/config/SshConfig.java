package dev.slipway.gateway.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

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

    /**
     * The key exchanges offered, by name. In SSH the client's order decides among the offered ones.
     * The default is MINA SSHD's list without {@code sntrup761x25519-sha512}: with it every
     * connection took about 66 ms longer (Debian 12's OpenSSH client spends about 55 ms in its
     * sntrup761 key generation and decapsulation; the gateway 5-10 ms of CPU in Bouncy Castle's
     * encapsulation, before the client has authenticated), a third of a push's time
     * (docs/performance.md, step 7). Post-quantum protection stays through
     * {@code mlkem768x25519-sha256} (ML-KEM, FIPS 203; OpenSSH 9.9 and later prefer it); older
     * clients, whose only hybrid is sntrup761, agree on {@code curve25519-sha256}. An unknown or
     * unsupported name stops the start. Env: SLIPWAY_SSH_KEY_EXCHANGES (comma-separated).
     */
    @WithDefault("mlkem768x25519-sha256,mlkem1024nistp384-sha384,mlkem768nistp256-sha256,curve25519-sha256,curve25519-sha256@libssh.org,"
            + "curve448-sha512,ecdh-sha2-nistp521,ecdh-sha2-nistp384,ecdh-sha2-nistp256,diffie-hellman-group-exchange-sha256,"
            + "diffie-hellman-group18-sha512,diffie-hellman-group17-sha512,diffie-hellman-group16-sha512,diffie-hellman-group15-sha512,"
            + "diffie-hellman-group14-sha256")
    List<String> keyExchanges();

    /** How long an authenticated connection may stay without a channel before it is closed. Env: SLIPWAY_SSH_IDLE_TIMEOUT. */
    @WithDefault("10M")
    Duration idleTimeout();

    /** How often open sessions are re-checked even when no change was announced (expiry, missed notices). Env: SLIPWAY_SSH_RECHECK_INTERVAL. */
    @WithDefault("5S")
    Duration recheckInterval();
}
