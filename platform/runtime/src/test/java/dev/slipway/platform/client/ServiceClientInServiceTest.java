package dev.slipway.platform.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.oidc.client.OidcClient;
import io.quarkus.oidc.client.OidcClients;
import io.quarkus.oidc.client.runtime.OidcClientConfig;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfig;
import io.vertx.core.json.JsonObject;
import jakarta.inject.Inject;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * SEC-4 inside a running service: the token source CDI picks (mode dev-key) is accepted by a real
 * service's JWT verification, its problem details come back typed; and mode oidc's source gets its
 * token by client credentials through Quarkus's OIDC client from a token endpoint on the network,
 * while the default OIDC client, with no provider configured, stays disabled.
 */
@QuarkusTest
class ServiceClientInServiceTest {

    @Inject
    ServiceTokenSource tokens;

    @Inject
    ServiceClient injected;

    @Inject
    ObjectMapper mapper;

    @Inject
    OidcClient defaultOidcClient;

    @Inject
    OidcClients oidcClients;

    @TestHTTPResource("/")
    URL self;

    @Test
    void theDevelopmentKeysTokenIsAcceptedByARealService() {
        assertThat(injected).isNotNull();
        ServiceClient client = TestClients.client(config(self.toString()), tokens);

        // 404 (not 401 or 403): the token verified and is of group service
        assertThatThrownBy(() -> client.getJson(SlipwayService.DEPLOYMENT_SERVICE, "/api/v1/internal/projects/nosuch/members/nobody", Map.class))
                .isInstanceOfSatisfying(ServiceProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.slug()).isEqualTo("not-found");
                    assertThat(e.detail()).contains("nobody");
                });
    }

    @Test
    void withoutAProviderTheDefaultOidcClientIsDisabledAndHarmless() {
        assertThatThrownBy(() -> defaultOidcClient.getTokens().await().atMost(Duration.ofSeconds(5)))
                .hasMessageContaining("client configuration is not initialized");
    }

    @Test
    void modeOidcGetsATokenByClientCredentialsAndRenewsItAfterA401() throws Exception {
        List<String> grants = new CopyOnWriteArrayList<>();
        try (ServiceStandIn provider = new ServiceStandIn(TestClients.KEYS.publicKey()).trustingAnyToken();
                ServiceStandIn service = new ServiceStandIn(TestClients.KEYS.publicKey()).trustingAnyToken()) {
            provider.on("/token", (request, hit, vertx) -> request.body().onSuccess(body -> {
                grants.add(request.getHeader("Authorization") + " " + body.toString(StandardCharsets.UTF_8));
                request.response().putHeader("Content-Type", "application/json").end(new JsonObject().put("access_token", "access-" + hit)
                        .put("token_type", "Bearer").put("expires_in", 300).encode());
            }));
            provider.start(0);
            service.on("/api/v1/internal/ping", ServiceStandIn.firstTimes(1, ServiceStandIn.problem(401, "unauthenticated", "expired"),
                    ServiceStandIn.json(200, "{\"ok\":true}")));
            service.start(0);

            OidcClientConfig oidc = OidcClientConfig.authServerUrl(provider.url()).discoveryEnabled(false).tokenPath("/token").id("slipway-test")
                    .clientId("deployment-service").credentials("client-secret").build();
            OidcClient client = oidcClients.newClient(oidc).await().atMost(Duration.ofSeconds(10));
            ServiceClient calls = TestClients.client(config(service.url()), new OidcTokenSource(client, Duration.ofSeconds(10)));

            assertThat(calls.getJson(SlipwayService.ENVIRONMENT_SERVICE, "/api/v1/internal/ping", Map.class)).containsEntry("ok", true);
            assertThat(calls.getJson(SlipwayService.ENVIRONMENT_SERVICE, "/api/v1/internal/ping", Map.class)).containsEntry("ok", true);

            assertThat(service.seen()).extracting(ServiceStandIn.Seen::authorization)
                    .containsExactly("Bearer access-1", "Bearer access-2", "Bearer access-2");
            assertThat(grants).hasSize(2).allSatisfy(grant -> {
                assertThat(grant).startsWith("Basic " + Base64.getEncoder().encodeToString("deployment-service:client-secret".getBytes(StandardCharsets.UTF_8)));
                assertThat(grant).contains("grant_type=client_credentials");
            });
        }
    }

    @Test
    void anUnreachableProviderMakesTheCallUnavailableNotFailed() {
        OidcClientConfig oidc = OidcClientConfig.authServerUrl("http://127.0.0.1:9").discoveryEnabled(false).tokenPath("/token").id("slipway-down")
                .clientId("deployment-service").credentials("client-secret").build();
        OidcClient client = oidcClients.newClient(oidc).await().atMost(Duration.ofSeconds(10));
        ServiceClient calls = TestClients.client(config("http://127.0.0.1:9"), new OidcTokenSource(client, Duration.ofSeconds(5)));

        assertThatThrownBy(() -> calls.getJson(SlipwayService.ENVIRONMENT_SERVICE, "/api/v1/internal/ping", Map.class))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.getMessage()).contains("OIDC provider").doesNotContain("client-secret");
                });
    }

    private static SmallRyeConfig config(String url) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("slipway.services.retry.max-attempts", "2",
                "slipway.services.retry.initial-backoff", "20ms", "slipway.services.retry.max-backoff", "50ms"));
        for (SlipwayService service : SlipwayService.values()) {
            properties.put("slipway.services." + service.id() + ".url", url);
        }
        return TestClients.config(properties, Map.of());
    }
}
