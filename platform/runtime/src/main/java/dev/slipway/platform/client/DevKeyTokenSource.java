package dev.slipway.platform.client;

import dev.slipway.platform.security.ServiceTokens;

/** Mode {@code dev-key}: tokens minted here and signed with the development key ({@link ServiceTokens}). */
public final class DevKeyTokenSource implements ServiceTokenSource {

    private final ServiceTokens tokens;

    public DevKeyTokenSource(ServiceTokens tokens) {
        this.tokens = tokens;
    }

    @Override
    public String token() {
        return tokens.token();
    }

    @Override
    public void renew() {
        tokens.renew();
    }
}
