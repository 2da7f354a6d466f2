package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.stream.IntStream;
import org.postgresql.PGConnection;

/**
 * Authentication time against the number of registered keys (SSH-1, SSH-3): {@code ssh git@host true}
 * (the gateway authenticates the key, then answers the command at once with a refusal) n times with
 * about 10 keys in {@code ssh_key}, then with 100 000 (real ed25519 public keys made by the JDK,
 * inserted with COPY under bench users, fingerprints as OpenSSH prints them), and back, {@code rounds} times,
 * then 10 once more; each phase after 20 unmeasured connections. Needs only the gateway (no exec runtime).
 */
final class SshAuthKeys {

    private static final String BENCH_USER_PREFIX = "bench-keys-";

    private final Suite suite;

    SshAuthKeys(Suite suite) {
        this.suite = suite;
    }

    void run(int n, int total, int rounds) throws Exception {
        try (SshRig rig = new SshRig(suite); Connection db = suite.db(SuiteService.GATEWAY)) {
            if (!"UP".equals(suite.launcher.readiness(SuiteService.GATEWAY, 1))) {
                throw new IllegalStateException("ssh-gateway is not ready; start the suite with bin/slipway up");
            }
            System.out.println("gateway: " + String.join(" ", suite.launcher.command(SuiteService.GATEWAY)) + " (as running)");
            String[] sample = ed25519Line("sample");
            java.nio.file.Path samplePath = rig.work.resolve("sample.pub");
            java.nio.file.Files.writeString(samplePath, sample[0] + "\n");
            if (!rig.run(List.of("ssh-keygen", "-lf", samplePath.toString()), 10).contains(sample[1])) {
                throw new IllegalStateException("generated fingerprint " + sample[1] + " differs from ssh-keygen's");
            }
            deleteBenchKeys(db);
            rig.registerClientKey("alice");
            topUpToTen(db);
            List<String> command = rig.ssh(SshRig.GATEWAY_PORT, "git", "true");
            SshRig.Timed probe = rig.time(command, 60);
            System.out.println("client: " + String.join(" ", command) + "  -> exit " + probe.exit() + ": " + probe.stderr().strip());
            if (probe.stderr().contains("Permission denied")) {
                throw new IllegalStateException("the gateway refused the key: " + probe.stderr());
            }
            Stats few = new Stats();
            Stats many = new Stats();
            for (int round = 1; round <= rounds; round++) {
                few.addAll(measure(rig, command, n, count(db)));
                long generated = System.nanoTime();
                int added = insertKeys(db, total - count(db));
                System.out.printf(Locale.ROOT, "inserted %d keys (generated and copied) in %.1f s%n", added, (System.nanoTime() - generated) / 1e9);
                settle(db);
                many.addAll(measure(rig, command, n, count(db)));
                deleteBenchKeys(db);
                topUpToTen(db);
                settle(db);
            }
            few.addAll(measure(rig, command, n, count(db)));
            System.out.println(few.line("all runs with 10 keys (ms)") + String.format(Locale.ROOT, "  p95 %8.1f", few.percentile(95)));
            System.out.println(many.line("all runs with " + total + " keys (ms)") + String.format(Locale.ROOT, "  p95 %8.1f", many.percentile(95)));
            System.out.printf(Locale.ROOT, "ratio %d/10 keys: p50 %.2fx, p95 %.2fx (goal: within 20%%); phases alternate, %d rounds%n",
                    total, many.percentile(50) / few.percentile(50), many.percentile(95) / few.percentile(95), rounds);
        }
    }

    /** After a bulk insert or delete: fresh statistics and no pending checkpoint or autovacuum competing with the next phase. */
    private static void settle(Connection db) throws Exception {
        try (Statement statement = db.createStatement()) {
            statement.execute("VACUUM ANALYZE ssh_key");
            statement.execute("CHECKPOINT");
        }
        Suite.sleep(3000);
    }

    private Stats measure(SshRig rig, List<String> command, int n, int keys) {
        for (int i = 0; i < 20; i++) {
            rig.time(command, 60);
        }
        Stats stats = new Stats();
        for (int i = 0; i < n; i++) {
            stats.add(rig.time(command, 60).millis());
        }
        System.out.println(stats.line("ssh git@ true, " + keys + " keys (ms)") + String.format(Locale.ROOT, "  p95 %8.1f", stats.percentile(95)));
        return stats;
    }

    private static void topUpToTen(Connection db) throws Exception {
        int existing = count(db);
        if (existing < 10) {
            insertKeys(db, 10 - existing);
        }
    }

    private static int count(Connection db) throws Exception {
        try (Statement statement = db.createStatement(); ResultSet rows = statement.executeQuery("SELECT count(*) FROM ssh_key")) {
            rows.next();
            return rows.getInt(1);
        }
    }

    private static void deleteBenchKeys(Connection db) throws Exception {
        try (Statement statement = db.createStatement()) {
            int deleted = statement.executeUpdate("DELETE FROM ssh_key WHERE user_id LIKE '" + BENCH_USER_PREFIX + "%'");
            statement.execute("ANALYZE ssh_key");
            if (deleted > 0) {
                System.out.println("deleted " + deleted + " bench keys");
            }
        }
    }

    /** {@code count} real ed25519 public keys as rows of ssh_key, 100 per bench user, with COPY; then ANALYZE. */
    private static int insertKeys(Connection db, int count) throws Exception {
        if (count <= 0) {
            return 0;
        }
        String now = Instant.now().toString();
        String batch = Long.toString(System.nanoTime(), 36);
        String csv = IntStream.range(0, count).parallel().mapToObj(i -> {
            String[] key = ed25519Line("bench-" + batch + "-" + i);
            return UUID.randomUUID() + "," + BENCH_USER_PREFIX + batch + "-" + (i / 100) + ",bench " + i + ",ssh-ed25519,256," + key[1] + ","
                    + key[0] + "," + now + "\n";
        }).collect(java.util.stream.Collectors.joining());
        long copied = db.unwrap(PGConnection.class).getCopyAPI().copyIn(
                "COPY ssh_key (id, user_id, title, key_type, bits, fingerprint, public_key, created_at) FROM STDIN (FORMAT csv)",
                new StringReader(csv));
        try (Statement statement = db.createStatement()) {
            statement.execute("ANALYZE ssh_key");
        }
        return (int) copied;
    }

    /** A fresh ed25519 public key: its OpenSSH line and its fingerprint ({@code SHA256:} + unpadded base64 of the blob's SHA-256). */
    static String[] ed25519Line(String comment) {
        try {
            byte[] encoded = KeyPairGenerator.getInstance("Ed25519").generateKeyPair().getPublic().getEncoded();
            byte[] raw = Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length); // X.509: the last 32 bytes are the point
            ByteArrayOutputStream blob = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(blob);
            byte[] type = "ssh-ed25519".getBytes(StandardCharsets.US_ASCII);
            out.writeInt(type.length);
            out.write(type);
            out.writeInt(raw.length);
            out.write(raw);
            byte[] bytes = blob.toByteArray();
            String fingerprint = "SHA256:" + Base64.getEncoder().withoutPadding().encodeToString(MessageDigest.getInstance("SHA-256").digest(bytes));
            return new String[] {"ssh-ed25519 " + Base64.getEncoder().encodeToString(bytes) + " " + comment, fingerprint};
        } catch (IOException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
