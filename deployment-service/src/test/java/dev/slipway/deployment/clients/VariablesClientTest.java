package dev.slipway.deployment.clients;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.platform.client.ServiceProblemException;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** VariablesClient against a stand-in of environment-service's effective variables with values (SEC-3, VAR-3) on the real network. */
class VariablesClientTest {

    private static final String PATH = "/api/v1/internal/projects/shop/environments/feature-x/effective-variables";

    private InternalApiStandIn environments;
    private VariablesClient client;

    @BeforeEach
    void start() {
        environments = new InternalApiStandIn(TestServiceClients.KEYS.publicKey());
        environments.start();
        client = new VariablesClient(TestServiceClients.at(environments.url()));
    }

    @AfterEach
    void stop() {
        environments.close();
    }

    @Test
    void effectiveVariablesArriveWithTheirValuesAndFlags() {
        environments.json(PATH, """
                [{"name":"env:STRIPE_KEY","value":"sk_live_123","json":false,"sensitive":true,"visibleBuild":false,"visibleRuntime":true,"inherited":true,"source":"project"},
                 {"name":"php:memory_limit","value":"{\\"a\\":1}","json":true,"sensitive":false,"visibleBuild":true,"visibleRuntime":true,"inherited":false,"source":"feature-x"}]
                """);

        List<EffectiveVariable> variables = client.effective("shop", "feature-x");

        assertThat(variables).containsExactly(
                new EffectiveVariable("env:STRIPE_KEY", "sk_live_123", false, true, false, true, true, "project"),
                new EffectiveVariable("php:memory_limit", "{\"a\":1}", true, false, true, true, false, "feature-x"));
        assertThat(variables.get(0).isEnvironmentVariable()).isTrue();
        assertThat(variables.get(1).isEnvironmentVariable()).isFalse();
    }

    @Test
    void aValueNeverAppearsInToString() {
        EffectiveVariable secret = new EffectiveVariable("env:STRIPE_KEY", "sk_live_123", false, true, true, true, false, "feature-x");

        assertThat(secret.toString()).contains("env:STRIPE_KEY").doesNotContain("sk_live_123");
        assertThat(List.of(secret).toString()).doesNotContain("sk_live_123");
    }

    @Test
    void anUnknownEnvironmentIsNotFound() {
        assertThatThrownBy(() -> client.effective("shop", "gone")).isInstanceOfSatisfying(ServiceProblemException.class, e -> {
            assertThat(e.status()).isEqualTo(404);
            assertThat(e.target()).isEqualTo("environment-service");
        });
    }
}
