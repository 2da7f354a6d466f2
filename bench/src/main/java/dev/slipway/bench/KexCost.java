package dev.slipway.bench;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.crypto.KeyAgreement;
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMKeyPairGenerator;
import org.bouncycastle.pqc.crypto.mlkem.MLKEMParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKEMGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyGenerationParameters;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeKeyPairGenerator;
import org.bouncycastle.pqc.crypto.ntruprime.SNTRUPrimeParameters;

/**
 * What a key exchange costs the gateway per connection, before the client has authenticated: the
 * server's half of each hybrid, computed with the calls MINA SSHD 2.20 makes (its {@code SNTRUP761}
 * and {@code MLKEM} servers encapsulate with Bouncy Castle; X25519 is the JDK's), in this JVM.
 * Run it with the services' JVM options too ({@code SLIPWAY_BENCH_JAVA_OPTIONS}) to see what they pay.
 */
final class KexCost {

    private final SecureRandom random = new SecureRandom();

    void run(int n, int warm) throws GeneralSecurityException {
        Map<String, Operation> operations = new LinkedHashMap<>();
        AsymmetricKeyParameter sntrup = sntrupPublicKey();
        AsymmetricKeyParameter mlkem = mlkemPublicKey();
        KeyPairGenerator x25519 = KeyPairGenerator.getInstance("X25519");
        KeyPair client = x25519.generateKeyPair();
        operations.put("X25519: key pair + agreement", () -> {
            KeyAgreement agreement = KeyAgreement.getInstance("X25519");
            agreement.init(x25519.generateKeyPair().getPrivate());
            agreement.doPhase(client.getPublic(), true);
            agreement.generateSecret();
        });
        operations.put("ML-KEM-768: encapsulation", () -> new MLKEMGenerator(random).generateEncapsulated(mlkem));
        operations.put("sntrup761: encapsulation", () -> new SNTRUPrimeKEMGenerator(random).generateEncapsulated(sntrup));
        for (Map.Entry<String, Operation> operation : operations.entrySet()) {
            Stats stats = new Stats();
            for (int i = 0; i < warm + n; i++) {
                long started = System.nanoTime();
                operation.getValue().run();
                if (i >= warm) {
                    stats.add((System.nanoTime() - started) / 1e6);
                }
            }
            System.out.println(stats.line95(operation.getKey()));
        }
    }

    private AsymmetricKeyParameter sntrupPublicKey() {
        SNTRUPrimeKeyPairGenerator generator = new SNTRUPrimeKeyPairGenerator();
        generator.init(new SNTRUPrimeKeyGenerationParameters(random, SNTRUPrimeParameters.sntrup761));
        AsymmetricCipherKeyPair pair = generator.generateKeyPair();
        return pair.getPublic();
    }

    private AsymmetricKeyParameter mlkemPublicKey() {
        MLKEMKeyPairGenerator generator = new MLKEMKeyPairGenerator();
        generator.init(new MLKEMKeyGenerationParameters(random, MLKEMParameters.ml_kem_768));
        return generator.generateKeyPair().getPublic();
    }

    private interface Operation {
        void run() throws GeneralSecurityException;
    }
}
