package dev.slipway.ticket.service;

import dev.slipway.ticket.config.TicketsConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * SEC-3: a DEPLOYMENT_SETTINGS ticket's sensitive values, sealed with AES-256-GCM (a fresh nonce
 * each, the ticket id and variable name as associated data, so a sealed value cannot be moved to
 * another ticket or name). They are opened only for the fulfilling service and dropped once the
 * ticket can no longer be fulfilled.
 */
@ApplicationScoped
public class SealedValues {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final EntityManager entityManager;
    private final SecretKey key;
    private final SecureRandom random = new SecureRandom();

    public SealedValues(EntityManager entityManager, TicketsConfig config) {
        this.entityManager = entityManager;
        this.key = readKey(Path.of(config.secretsKeyLocation()));
    }

    private static SecretKey readKey(Path file) {
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(Files.readString(file).strip());
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalStateException("slipway.tickets.secrets-key-location: cannot read a base64 key from " + file
                    + " (" + e.getClass().getSimpleName() + ")");
        }
        if (bytes.length != 32) {
            throw new IllegalStateException("slipway.tickets.secrets-key-location: " + file + " must hold 32 bytes (AES-256), not " + bytes.length);
        }
        return new SecretKeySpec(bytes, "AES");
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void seal(UUID ticketId, Map<String, String> values) {
        values.forEach((name, value) -> {
            byte[] nonce = new byte[NONCE_BYTES];
            random.nextBytes(nonce);
            byte[] sealed = crypt(Cipher.ENCRYPT_MODE, nonce, ticketId, name, value.getBytes(StandardCharsets.UTF_8));
            entityManager.createNativeQuery("INSERT INTO ticket_secret (ticket_id, name, nonce, sealed) VALUES (:ticket, :name, :nonce, :sealed)")
                    .setParameter("ticket", ticketId).setParameter("name", name).setParameter("nonce", nonce).setParameter("sealed", sealed)
                    .executeUpdate();
        });
    }

    /** The ticket's values, by variable name. */
    public Map<String, String> open(UUID ticketId) {
        @SuppressWarnings("unchecked")
        List<Object[]> rows = entityManager.createNativeQuery("SELECT name, nonce, sealed FROM ticket_secret WHERE ticket_id = :ticket ORDER BY name")
                .setParameter("ticket", ticketId).getResultList();
        Map<String, String> values = new LinkedHashMap<>();
        for (Object[] row : rows) {
            String name = (String) row[0];
            values.put(name, new String(crypt(Cipher.DECRYPT_MODE, (byte[]) row[1], ticketId, name, (byte[]) row[2]), StandardCharsets.UTF_8));
        }
        return values;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void drop(UUID ticketId) {
        entityManager.createNativeQuery("DELETE FROM ticket_secret WHERE ticket_id = :ticket").setParameter("ticket", ticketId).executeUpdate();
    }

    private byte[] crypt(int mode, byte[] nonce, UUID ticketId, String name, byte[] input) {
        try {
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
            cipher.updateAAD((ticketId + "/" + name).getBytes(StandardCharsets.UTF_8));
            return cipher.doFinal(input);
        } catch (GeneralSecurityException e) {
            // Never the value, nor the cipher's message: only that it failed (SEC-3).
            throw new IllegalStateException("A sealed ticket value could not be " + (mode == Cipher.ENCRYPT_MODE ? "sealed" : "opened")
                    + " (" + e.getClass().getSimpleName() + "); is slipway.tickets.secrets-key-location the key it was sealed with?");
        }
    }
}
