package dev.slipway.ticket.support;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** An ed25519 key pair made by the real {@code ssh-keygen} for one test, so no key material lives in the repository. */
public record GeneratedKey(String publicLine, String privateText) {

    public static GeneratedKey ed25519(String comment) {
        try {
            Path dir = Files.createTempDirectory("ticket-key");
            Path key = dir.resolve("id_ed25519");
            Process keygen = new ProcessBuilder("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", comment, "-f", key.toString())
                    .redirectErrorStream(true).start();
            if (!keygen.waitFor(30, TimeUnit.SECONDS) || keygen.exitValue() != 0) {
                throw new IllegalStateException("ssh-keygen failed: " + new String(keygen.getInputStream().readAllBytes()));
            }
            GeneratedKey generated = new GeneratedKey(Files.readString(dir.resolve("id_ed25519.pub")).strip(), Files.readString(key));
            Files.delete(key);
            Files.delete(dir.resolve("id_ed25519.pub"));
            Files.delete(dir);
            return generated;
        } catch (IOException e) {
            throw new IllegalStateException("Cannot make a test key", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
