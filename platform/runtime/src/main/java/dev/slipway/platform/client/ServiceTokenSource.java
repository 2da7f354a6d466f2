package dev.slipway.platform.client;

/**
 * Where the bearer token of the {@code service} group for calls to other Slipway services comes from
 * (SEC-4). {@code slipway.service-token.mode} picks the implementation ({@link ServiceTokenSources}).
 * A token is a secret: never log it, never put it in a message.
 */
public interface ServiceTokenSource {

    /** A token that is valid now (without {@code Bearer }), reused while it stays valid. */
    String token();

    /** Forgets the current token: a called service refused it (401), the next {@link #token()} gets a new one. */
    void renew();
}
