package dev.slipway.platform.events;

import jakarta.inject.Singleton;
import java.util.Optional;
import java.util.Properties;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.common.config.SaslConfigs;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * How the outbox relay's producer and the event consumer authenticate to the brokers. Unset (local
 * runs, tests): plaintext without authentication. On Kubernetes each service is a Strimzi KafkaUser
 * whose ACLs let it write only its own topics (EVT-2): {@code SASL_PLAINTEXT}, {@code SCRAM-SHA-512}
 * and the {@code sasl.jaas.config} Strimzi writes into the user's Secret (k8s/, docs/operations.md).
 */
@Singleton
public class KafkaClientSecurity {

    private final Optional<String> securityProtocol;
    private final Optional<String> saslMechanism;
    private final Optional<String> saslJaasConfig;

    public KafkaClientSecurity(
            /* Env: KAFKA_SECURITY_PROTOCOL, e.g. SASL_PLAINTEXT or SASL_SSL. */
            @ConfigProperty(name = "kafka.security.protocol") Optional<String> securityProtocol,
            /* Env: KAFKA_SASL_MECHANISM, e.g. SCRAM-SHA-512. */
            @ConfigProperty(name = "kafka.sasl.mechanism") Optional<String> saslMechanism,
            /* Env: KAFKA_SASL_JAAS_CONFIG; a secret, never logged. */
            @ConfigProperty(name = "kafka.sasl.jaas.config") Optional<String> saslJaasConfig) {
        this.securityProtocol = securityProtocol;
        this.saslMechanism = saslMechanism;
        this.saslJaasConfig = saslJaasConfig;
    }

    /** Adds the settings that are set to a producer's or consumer's properties. */
    void applyTo(Properties properties) {
        securityProtocol.ifPresent(value -> properties.put(CommonClientConfigs.SECURITY_PROTOCOL_CONFIG, value));
        saslMechanism.ifPresent(value -> properties.put(SaslConfigs.SASL_MECHANISM, value));
        saslJaasConfig.ifPresent(value -> properties.put(SaslConfigs.SASL_JAAS_CONFIG, value));
    }
}
