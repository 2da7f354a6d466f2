package dev.slipway.platform.client;

import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.Tokens;
import java.time.Duration;

/**
 * Mode {@code oidc}: an access token obtained by OAuth2 client credentials from the OIDC provider
 * through Quarkus's default OIDC client ({@code quarkus.oidc-client.*}), reused until it expires
 * (or enters the client's {@code refresh-token-time-skew}). A provider that cannot be reached or
 * answers an error makes the call {@link ServiceUnavailableException unavailable}: the caller's work
 * waits and retries like when the called service itself is down (SEC-4).
 */
public final class OidcTokenSource implements ServiceTokenSource {

    private final OidcClient client;
    private final Duration timeout;
    private Tokens current;

    public OidcTokenSource(OidcClient client, Duration timeout) {
        this.client = client;
        this.timeout = timeout;
    }

    @Override
    public synchronized String token() {
        if (current == null || current.isAccessTokenExpired() || current.isAccessTokenWithinRefreshInterval()) {
            try {
                current = client.getTokens().await().atMost(timeout);
            } catch (RuntimeException e) {
                current = null;
                // The exception's message may quote the provider's answer; only its kind is kept.
                throw new ServiceUnavailableException("the OIDC provider", 1, "no service token from the OIDC provider (" + e.getClass().getSimpleName() + ")", null);
            }
        }
        return current.getAccessToken();
    }

    @Override
    public synchronized void renew() {
        current = null;
    }
}
