package dev.slipway.platform.security;

import io.smallrye.jwt.algorithm.SignatureAlgorithm;
import io.smallrye.jwt.build.Jwt;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Clock;
import java.time.Instant;
import java.util.Base64;
import java.util.Set;

/**
 * SEC-4: a bearer token of the {@code service} group for this service's calls to another, signed
 * RS256 with the configured private key and reused until shortly before it expires. The key is read
 * on first use, so a service that never calls out needs none. Production replaces this with OAuth2
 * client credentials from the OIDC provider (docs/exec-interface.md).
 */
@ApplicationScoped
public class ServiceTokens {

    private record Minted(String token, Instant renewAt) {
    }

    private final ServiceTokenConfig config;
    private final Clock clock;
    private PrivateKey key;
    private Minted current;

    @Inject
    public ServiceTokens(ServiceTokenConfig config) {
        this(config, Clock.systemUTC());
    }

    ServiceTokens(ServiceTokenConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
    }

    /** The token (without {@code Bearer }). */
    public synchronized String token() {
        Instant now = clock.instant();
        if (current == null || !now.isBefore(current.renewAt())) {
            Instant expiresAt = now.plus(config.lifetime());
            String token = Jwt.issuer(config.issuer()).subject(config.subject()).upn(config.subject()).groups(Set.of(Groups.SERVICE))
                    .issuedAt(now).expiresAt(expiresAt).jws().algorithm(SignatureAlgorithm.RS256).sign(privateKey());
            current = new Minted(token, expiresAt.minus(config.lifetime().dividedBy(5)));
        }
        return current.token();
    }

    /** Forgets the current token, so the next {@link #token()} mints a new one (a called service refused it: 401). */
    public synchronized void renew() {
        current = null;
    }

    /** {@code Bearer <token>}, an Authorization header's value. */
    public String authorization() {
        return "Bearer " + token();
    }

    private PrivateKey privateKey() {
        if (key == null) {
            key = readPrivateKey(config.privateKeyLocation());
        }
        return key;
    }

    /** A PKCS#8 PEM RSA key from a file, or from the class path with {@code classpath:}. */
    static PrivateKey readPrivateKey(String location) {
        try {
            String pem;
            if (location.startsWith("classpath:")) {
                try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(location.substring("classpath:".length()))) {
                    if (in == null) {
                        throw new IllegalStateException("No service token key at " + location);
                    }
                    pem = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
                }
            } else {
                pem = Files.readString(Path.of(location), StandardCharsets.US_ASCII);
            }
            String body = pem.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException | IllegalArgumentException e) {
            // The message names the location only: never the key (SEC-3).
            throw new IllegalStateException("Cannot read the service token key " + location + " (" + e.getClass().getSimpleName() + ")");
        }
    }
}
