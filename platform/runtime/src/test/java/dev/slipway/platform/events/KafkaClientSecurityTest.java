package dev.slipway.platform.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class KafkaClientSecurityTest {

    @Test
    void unsetSettingsLeaveTheClientUnauthenticated() {
        Properties properties = new Properties();
        new KafkaClientSecurity(Optional.empty(), Optional.empty(), Optional.empty()).applyTo(properties);
        assertThat(properties).isEmpty();
    }

    @Test
    void aKafkaUsersScramLoginReachesTheClientProperties() {
        Properties properties = new Properties();
        String login = "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"ticket-service\" password=\"x\";";
        new KafkaClientSecurity(Optional.of("SASL_PLAINTEXT"), Optional.of("SCRAM-SHA-512"), Optional.of(login)).applyTo(properties);
        assertThat(properties).containsEntry("security.protocol", "SASL_PLAINTEXT").containsEntry("sasl.mechanism", "SCRAM-SHA-512")
                .containsEntry("sasl.jaas.config", login);
    }
}
