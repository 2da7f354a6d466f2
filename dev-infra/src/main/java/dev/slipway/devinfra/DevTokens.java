package dev.slipway.devinfra;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Signature;
import java.security.interfaces.RSAPrivateKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Mints RS256 JWTs the services accept in development and tests (SEC-1): {@code sub} is the user,
 * {@code groups} may hold {@code support} and {@code service}.
 */
public final class DevTokens {

    /** The issuer the services expect unless {@code MP_JWT_VERIFY_ISSUER} says otherwise. */
    public static final String DEFAULT_ISSUER = "https://slipway.local/dev";

    private final RSAPrivateKey key;
    private final String issuer;

    public DevTokens(RSAPrivateKey key, String issuer) {
        this.key = key;
        this.issuer = issuer;
    }

    public String mint(String user, Collection<String> groups, Duration lifetime) {
        if (user == null || user.isBlank()) {
            throw new IllegalArgumentException("A token needs a user");
        }
        Instant now = Instant.now();
        String header = "{\"alg\":\"RS256\",\"typ\":\"JWT\"}";
        String claims = "{"
                + "\"iss\":" + json(issuer)
                + ",\"sub\":" + json(user)
                + ",\"upn\":" + json(user)
                + ",\"groups\":[" + groups.stream().map(DevTokens::json).collect(Collectors.joining(",")) + "]"
                + ",\"iat\":" + now.getEpochSecond()
                + ",\"exp\":" + now.plus(lifetime).getEpochSecond()
                + ",\"jti\":" + json(UUID.randomUUID().toString())
                + "}";
        String signingInput = base64Url(header.getBytes(StandardCharsets.UTF_8)) + "." + base64Url(claims.getBytes(StandardCharsets.UTF_8));
        try {
            Signature signature = Signature.getInstance("SHA256withRSA");
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("Cannot sign a token", e);
        }
    }

    private static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** A JSON string literal. */
    static String json(String value) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : value.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.append('"').toString();
    }
}
