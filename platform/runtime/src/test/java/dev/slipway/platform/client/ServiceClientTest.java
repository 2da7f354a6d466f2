package dev.slipway.platform.client;

import static dev.slipway.platform.client.ServiceStandIn.bytes;
import static dev.slipway.platform.client.ServiceStandIn.firstTimes;
import static dev.slipway.platform.client.ServiceStandIn.json;
import static dev.slipway.platform.client.ServiceStandIn.problem;
import static dev.slipway.platform.client.ServiceStandIn.slow;
import static dev.slipway.platform.client.ServiceStandIn.status;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.platform.client.TestClients.CountingTokens;
import io.smallrye.config.SmallRyeConfig;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SEC-4 calls between services, against a stand-in on the real network: tokens, problems, retries, outages, streams. */
class ServiceClientTest {

    record Pong(String name, int count) {
    }

    private static final String PATH = "/api/v1/internal/ping";

    private ServiceStandIn standIn;

    @BeforeEach
    void start() {
        standIn = new ServiceStandIn(TestClients.KEYS.publicKey());
        standIn.start(0);
    }

    @AfterEach
    void stop() {
        standIn.close();
    }

    @Test
    void jsonAnswersArriveWithAValidServiceTokenSentAndUnknownFieldsIgnored() {
        standIn.on(PATH, json(200, "{\"name\":\"shop\",\"count\":3,\"addedLater\":true}"));
        CountingTokens tokens = TestClients.devKeyTokens(config(3));

        Pong pong = client(config(3), tokens).getJson(SlipwayService.ENVIRONMENT_SERVICE, PATH, Pong.class);

        assertThat(pong).isEqualTo(new Pong("shop", 3));
        assertThat(standIn.seen()).singleElement().satisfies(seen -> {
            assertThat(seen.validToken()).isTrue();
            assertThat(seen.headers().get("Accept")).isEqualTo("application/json, application/problem+json");
        });
    }

    @Test
    void genericJsonListsAreRead() {
        standIn.on(PATH, json(200, "[{\"name\":\"a\",\"count\":1},{\"name\":\"b\",\"count\":2}]"));
        List<Pong> pongs = client(config(3)).getJson(SlipwayService.SSH_GATEWAY, PATH, new TypeReference<List<Pong>>() {
        });
        assertThat(pongs).containsExactly(new Pong("a", 1), new Pong("b", 2));
    }

    @Test
    void aNotFoundProblemIsTypedAndNeverRetried() {
        standIn.on(PATH, problem(404, "not-found", "commit abcdef1 is unknown"));

        assertThatThrownBy(() -> client(config(5)).getJson(SlipwayService.SSH_GATEWAY, PATH, Pong.class))
                .isInstanceOfSatisfying(ServiceProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(404);
                    assertThat(e.slug()).isEqualTo("not-found");
                    assertThat(e.type()).isEqualTo("urn:slipway:problem:not-found");
                    assertThat(e.detail()).isEqualTo("commit abcdef1 is unknown");
                    assertThat(e.target()).isEqualTo("ssh-gateway");
                    assertThat(e.isNotFound()).isTrue();
                    assertThat(e.rule()).isNull();
                });
        assertThat(standIn.hits(PATH)).isEqualTo(1);
    }

    @Test
    void aRefusalKeepsTheRuleItNamed() {
        standIn.on(PATH, (request, hit, vertx) -> request.response().setStatusCode(409).putHeader("Content-Type", "application/problem+json")
                .end("{\"type\":\"urn:slipway:problem:ticket-not-open\",\"title\":\"Conflict\",\"status\":409,"
                        + "\"detail\":\"ticket t1 is closed\",\"rule\":\"TKT-3\"}"));

        assertThatThrownBy(() -> client(config(5)).getJson(SlipwayService.TICKET_SERVICE, PATH, Pong.class))
                .isInstanceOfSatisfying(ServiceProblemException.class, e -> {
                    assertThat(e.slug()).isEqualTo("ticket-not-open");
                    assertThat(e.rule()).isEqualTo("TKT-3");
                });
    }

    @Test
    void aConflictIsNeverRetriedAndNeitherIsAServerError() {
        standIn.on(PATH, problem(409, "ambiguous-commit", "abcdef1 names two commits"));
        standIn.on(PATH + "/500", problem(500, "internal-error", "see the log"));
        ServiceClient client = client(config(5));

        assertThatThrownBy(() -> client.getJson(SlipwayService.SSH_GATEWAY, PATH, Pong.class))
                .isInstanceOfSatisfying(ServiceProblemException.class, e -> assertThat(e.slug()).isEqualTo("ambiguous-commit"));
        assertThatThrownBy(() -> client.getJson(SlipwayService.SSH_GATEWAY, PATH + "/500", Pong.class))
                .isInstanceOfSatisfying(ServiceProblemException.class, e -> assertThat(e.status()).isEqualTo(500));
        assertThat(standIn.hits(PATH)).isEqualTo(1);
        assertThat(standIn.hits(PATH + "/500")).isEqualTo(1);
    }

    @Test
    void unavailableAnswersAreRetriedUntilOneSucceeds() {
        standIn.on(PATH, firstTimes(3, (request, hit, vertx) -> status(hit == 1 ? 503 : hit == 2 ? 502 : 504).respond(request, hit, vertx),
                json(200, "{\"name\":\"back\",\"count\":1}")));

        assertThat(client(config(5)).getJson(SlipwayService.ENVIRONMENT_SERVICE, PATH, Pong.class)).isEqualTo(new Pong("back", 1));
        assertThat(standIn.hits(PATH)).isEqualTo(4);
    }

    @Test
    void aServiceThatKeepsAnswering503IsUnavailableAfterTheConfiguredAttempts() {
        standIn.on(PATH, status(503));

        assertThatThrownBy(() -> client(config(4)).getJson(SlipwayService.ENVIRONMENT_SERVICE, PATH, Pong.class))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.target()).isEqualTo("environment-service");
                    assertThat(e.getMessage()).contains("HTTP 503");
                });
        assertThat(standIn.hits(PATH)).isEqualTo(4);
    }

    @Test
    void aSlowAnswerTimesOutAndCountsAsUnavailable() {
        standIn.on(PATH, slow(Duration.ofSeconds(3), json(200, "{\"name\":\"late\",\"count\":0}")));
        SmallRyeConfig config = config(Map.of("slipway.services.retry.max-attempts", "2", "slipway.services.request-timeout", "300ms"));

        assertThatThrownBy(() -> client(config).getJson(SlipwayService.ENVIRONMENT_SERVICE, PATH, Pong.class))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(2);
                    assertThat(e.getCause()).isInstanceOf(HttpTimeoutException.class);
                });
        assertThat(standIn.hits(PATH)).isEqualTo(2);
    }

    @Test
    void aSlowAnswerWithinTheTimeoutIsWaitedFor() {
        standIn.on(PATH, slow(Duration.ofMillis(300), json(200, "{\"name\":\"late\",\"count\":0}")));
        SmallRyeConfig config = config(Map.of("slipway.services.retry.max-attempts", "1", "slipway.services.request-timeout", "5s"));

        assertThat(client(config).getJson(SlipwayService.ENVIRONMENT_SERVICE, PATH, Pong.class)).isEqualTo(new Pong("late", 0));
    }

    @Test
    void a401RenewsTheTokenOnceAndRepeatsTheRequest() {
        standIn.trustingAnyToken().on(PATH, firstTimes(1, problem(401, "unauthenticated", "expired"), json(200, "{\"name\":\"ok\",\"count\":2}")));
        CountingTokens tokens = TestClients.devKeyTokens(config(1));

        // one attempt allowed: the repeat after a 401 is not a retry of unavailability
        assertThat(client(config(1), tokens).getJson(SlipwayService.TICKET_SERVICE, PATH, Pong.class)).isEqualTo(new Pong("ok", 2));
        assertThat(tokens.renewed.get()).isEqualTo(1);
        assertThat(standIn.hits(PATH)).isEqualTo(2);
    }

    @Test
    void aTokenRefusedTwiceIsAProblemNotARetryLoop() {
        standIn.on(PATH, json(200, "{}"));
        CountingTokens tokens = new CountingTokens(new ServiceTokenSource() {
            @Override
            public String token() {
                return "not.a-valid.token";
            }

            @Override
            public void renew() {
            }
        });

        assertThatThrownBy(() -> client(config(5), tokens).getJson(SlipwayService.TICKET_SERVICE, PATH, Pong.class))
                .isInstanceOfSatisfying(ServiceProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(401);
                    assertThat(e.slug()).isEqualTo("unauthenticated");
                    assertThat(e.getMessage()).doesNotContain("not.a-valid.token");
                });
        assertThat(tokens.renewed.get()).isEqualTo(1);
        assertThat(standIn.hits(PATH)).isEqualTo(2);
    }

    @Test
    void aServiceThatIsDownIsWaitedForAndTheCallSucceedsWhenItComesBack() throws Exception {
        standIn.on(PATH, json(200, "{\"name\":\"back\",\"count\":7}"));
        int port = standIn.port();
        standIn.stop();
        SmallRyeConfig config = config(Map.of("slipway.services.retry.max-attempts", "60", "slipway.services.retry.initial-backoff", "50ms",
                "slipway.services.retry.max-backoff", "200ms"));
        CountingTokens tokens = TestClients.devKeyTokens(config);
        ServiceClient client = client(config, tokens);

        CompletableFuture<Pong> call = CompletableFuture.supplyAsync(() -> client.getJson(SlipwayService.ENVIRONMENT_SERVICE, PATH, Pong.class));
        await().atMost(Duration.ofSeconds(10)).until(() -> tokens.issued.get() >= 3);
        assertThat(call).isNotDone();
        standIn.start(port);

        assertThat(call.get(20, TimeUnit.SECONDS)).isEqualTo(new Pong("back", 7));
        assertThat(standIn.hits(PATH)).isEqualTo(1);
    }

    @Test
    void aServiceThatStaysDownIsUnavailableAfterTheConfiguredAttempts() {
        standIn.stop();
        SmallRyeConfig config = config(4);
        CountingTokens tokens = TestClients.devKeyTokens(config);

        assertThatThrownBy(() -> client(config, tokens).getJson(SlipwayService.ENVIRONMENT_SERVICE, PATH, Pong.class))
                .isInstanceOfSatisfying(ServiceUnavailableException.class, e -> {
                    assertThat(e.attempts()).isEqualTo(4);
                    assertThat(e.getCause()).isInstanceOf(ConnectException.class);
                });
        assertThat(tokens.issued.get()).isEqualTo(4);
    }

    @Test
    void aStreamedBodyArrivesWholeWithItsHeaders() throws Exception {
        byte[] tar = new byte[3 * 1024 * 1024 + 17];
        new Random(7).nextBytes(tar);
        standIn.on(PATH, bytes("application/x-tar", tar, Map.of("X-Slipway-Tree-Id", "4b825dc642cb6eb9a060e54bf8d69288fbee4904")));

        try (StreamedResponse response = client(config(2)).getStream(SlipwayService.SSH_GATEWAY, PATH, "application/x-tar");
                InputStream body = response.body()) {
            assertThat(response.header("X-Slipway-Tree-Id")).contains("4b825dc642cb6eb9a060e54bf8d69288fbee4904");
            assertThat(body.readAllBytes()).isEqualTo(tar);
        }
        assertThat(standIn.seen()).singleElement().satisfies(seen -> assertThat(seen.headers().get("Accept")).isEqualTo("application/x-tar, application/problem+json"));
    }

    @Test
    void aBodyThatIsNotTheContractsJsonIsAProblemWithoutItsContent() {
        standIn.on(PATH, json(200, "{\"name\":\"s3cr3t-value\",\"count\":\"many\"}"));

        assertThatThrownBy(() -> client(config(3)).getJson(SlipwayService.ENVIRONMENT_SERVICE, PATH, Pong.class))
                .isInstanceOf(ServiceProblemException.class).message().doesNotContain("s3cr3t").doesNotContain("many");
        assertThat(standIn.hits(PATH)).isEqualTo(1);
    }

    @Test
    void backoffDoublesWithJitterUpToTheMaximum() {
        ServiceClient client = client(config(Map.of("slipway.services.retry.initial-backoff", "100ms", "slipway.services.retry.max-backoff", "1s")));
        for (int i = 0; i < 50; i++) {
            assertThat(client.backoff(1).toMillis()).isBetween(50L, 100L);
            assertThat(client.backoff(3).toMillis()).isBetween(200L, 400L);
            assertThat(client.backoff(10).toMillis()).isBetween(500L, 1000L);
            assertThat(client.backoff(100).toMillis()).isBetween(500L, 1000L);
        }
    }

    @Test
    void serviceUrlsDefaultToTheLocalPortsAndFollowEnvironmentVariables() {
        ServicesConfig defaults = TestClients.config(Map.of(), Map.of()).getConfigMapping(ServicesConfig.class);
        assertThat(SlipwayService.ENVIRONMENT_SERVICE.url(defaults)).hasToString("http://127.0.0.1:8081");
        assertThat(SlipwayService.DEPLOYMENT_SERVICE.url(defaults)).hasToString("http://127.0.0.1:8082");
        assertThat(SlipwayService.TICKET_SERVICE.url(defaults)).hasToString("http://127.0.0.1:8083");
        assertThat(SlipwayService.SSH_GATEWAY.url(defaults)).hasToString("http://127.0.0.1:8084");

        ServicesConfig fromEnv = TestClients.config(Map.of(), Map.of("SLIPWAY_SERVICES_SSH_GATEWAY_URL", "http://ssh-gateway.slipway.svc:8084",
                "SLIPWAY_SERVICES_RETRY_MAX_ATTEMPTS", "9")).getConfigMapping(ServicesConfig.class);
        assertThat(SlipwayService.SSH_GATEWAY.url(fromEnv)).hasToString("http://ssh-gateway.slipway.svc:8084");
        assertThat(fromEnv.retry().maxAttempts()).isEqualTo(9);
    }

    @Test
    void segmentsArePercentEncoded() {
        assertThat(ServiceClient.segment("a b/c+d%")).isEqualTo("a%20b%2Fc%2Bd%25");
    }

    private SmallRyeConfig config(int maxAttempts) {
        return config(Map.of("slipway.services.retry.max-attempts", Integer.toString(maxAttempts)));
    }

    /** Every service at the stand-in, short backoffs. */
    private SmallRyeConfig config(Map<String, String> overrides) {
        Map<String, String> properties = new java.util.HashMap<>(Map.of("slipway.services.retry.initial-backoff", "20ms",
                "slipway.services.retry.max-backoff", "100ms"));
        for (SlipwayService service : SlipwayService.values()) {
            properties.put("slipway.services." + service.id() + ".url", standIn.url());
        }
        properties.putAll(overrides);
        return TestClients.config(properties, Map.of());
    }

    private ServiceClient client(SmallRyeConfig config) {
        return client(config, TestClients.devKeyTokens(config));
    }

    private static ServiceClient client(SmallRyeConfig config, ServiceTokenSource tokens) {
        return TestClients.client(config, tokens);
    }
}
