package dev.slipway.testing;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;

/**
 * How the stand-ins of other services check a caller the way a real Slipway service does (SEC-4): an
 * RS256 bearer token signed by the trusted key, not expired, of group {@code service}.
 */
public final class ServiceTokenCheck {

    private ServiceTokenCheck() {
    }

    /** Whether {@code authorization} ({@code Bearer <jwt>}) is a valid token of group {@code service}. */
    public static boolean isServiceToken(String authorization, PublicKey trusted) {
        if (authorization == null || !authorization.startsWith("Bearer ")) {
            return false;
        }
        String[] parts = authorization.substring("Bearer ".length()).split("\\.");
        if (parts.length != 3) {
            return false;
        }
        try {
            Signature rsa = Signature.getInstance("SHA256withRSA");
            rsa.initVerify(trusted);
            rsa.update((parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII));
            if (!rsa.verify(Base64.getUrlDecoder().decode(parts[2]))) {
                return false;
            }
            JsonObject claims = new JsonObject(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
            return claims.getLong("exp", 0L) > Instant.now().getEpochSecond() && claims.getJsonArray("groups", new JsonArray()).contains("service");
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** The RSA public key of a PEM file (the development key's {@code jwt-public.pem}). */
    public static PublicKey readPublicKey(Path pem) {
        try {
            String body = Files.readString(pem).replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");
            return KeyFactory.getInstance("RSA").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(body)));
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("Cannot read the trusted key " + pem, e);
        }
    }
}
