package dev.slipway.platform.security;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/**
 * The token this service sends when it calls another (SEC-4): minted locally from the development
 * key ({@link Mode#DEV_KEY}), or obtained by OAuth2 client credentials from the OIDC provider
 * ({@link Mode#OIDC}, configured under {@code quarkus.oidc-client.*}).
 */
@ConfigMapping(prefix = "slipway.service-token")
public interface ServiceTokenConfig {

    /** Where service tokens come from. */
    enum Mode {
        /** Minted and signed here with {@link #privateKeyLocation()} (local runs, tests). */
        DEV_KEY,
        /** OAuth2 client credentials through Quarkus's OIDC client (production). */
        OIDC
    }

    /** {@code dev-key} or {@code oidc}. Env: SLIPWAY_SERVICE_TOKEN_MODE. */
    @WithDefault("dev-key")
    Mode mode();

    /** How long a call waits for the OIDC provider's token endpoint (mode {@code oidc}). Env: SLIPWAY_SERVICE_TOKEN_OIDC_TIMEOUT. */
    @WithDefault("10S")
    Duration oidcTimeout();

    /** The RSA private key (PKCS#8 PEM) that signs service tokens; the called services trust its public half. Env: SLIPWAY_SERVICE_TOKEN_PRIVATE_KEY_LOCATION. */
    @WithDefault(".slipway/keys/jwt-private.pem")
    String privateKeyLocation();

    /** The issuer the called services expect ({@code mp.jwt.verify.issuer}). Env: SLIPWAY_SERVICE_TOKEN_ISSUER. */
    @WithDefault("${mp.jwt.verify.issuer:https://slipway.local/dev}")
    String issuer();

    /** The token's subject: which service calls. Env: SLIPWAY_SERVICE_TOKEN_SUBJECT. */
    @WithDefault("${quarkus.application.name:slipway}")
    String subject();

    /** How long a minted token is valid; it is reused until a fifth of this remains. Env: SLIPWAY_SERVICE_TOKEN_LIFETIME. */
    @WithDefault("5M")
    Duration lifetime();
}
