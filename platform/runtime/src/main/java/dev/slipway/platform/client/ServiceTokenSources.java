package dev.slipway.platform.client;

import dev.slipway.platform.security.ServiceTokenConfig;
import dev.slipway.platform.security.ServiceTokens;
import io.quarkus.oidc.client.OidcClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import jakarta.enterprise.inject.Produces;

/**
 * Picks the {@link ServiceTokenSource} by {@code slipway.service-token.mode}. The OIDC client is
 * looked up only in mode {@code oidc}, so a service run with the development key never touches it.
 */
@ApplicationScoped
public class ServiceTokenSources {

    @Produces
    @ApplicationScoped
    ServiceTokenSource serviceTokenSource(ServiceTokenConfig config, Instance<ServiceTokens> devKey, Instance<OidcClient> oidc) {
        return switch (config.mode()) {
            case DEV_KEY -> new DevKeyTokenSource(devKey.get());
            case OIDC -> new OidcTokenSource(oidc.get(), config.oidcTimeout());
        };
    }
}
