package dev.slipway.platform.security;

import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.RequestScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Who is calling (SEC-1): {@code sub} of the verified JWT, and its Slipway groups. */
@RequestScoped
public class Caller {

    private final SecurityIdentity identity;
    private final JsonWebToken token;

    public Caller(SecurityIdentity identity, JsonWebToken token) {
        this.identity = identity;
        this.token = token;
    }

    public String userId() {
        String subject = token.getSubject();
        return subject != null ? subject : identity.getPrincipal().getName();
    }

    public boolean isSupport() {
        return identity.hasRole(Groups.SUPPORT);
    }

    public boolean isService() {
        return identity.hasRole(Groups.SERVICE);
    }
}
