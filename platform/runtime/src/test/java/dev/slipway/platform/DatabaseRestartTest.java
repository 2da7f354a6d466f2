package dev.slipway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.events.ProjectRole;
import dev.slipway.events.Topics;
import dev.slipway.platform.security.ProjectAccessStore;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The service's PostgreSQL restarted or stopped under load (this module's own cluster, never the
 * machine's): no request answers 500; while the database is away requests answer 503 problem+json
 * with Retry-After; no write is half-applied (one cut off while committing may apply whole); an event that arrives meanwhile is applied once it is
 * back, not dead-lettered.
 */
@QuarkusTest
class DatabaseRestartTest {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @Inject
    EntityManager entityManager;

    @Inject
    ProjectAccessStore access;

    @BeforeEach
    void aliceReadsTheProject() {
        QuarkusTransaction.requiringNew().run(() -> access.grant("restartcheck", "alice", ProjectRole.VIEWER));
    }

    /** A request through the pool: a read (the role check), or a write of one ledger row for {@code account}. */
    private static Response read() {
        return given().header("Authorization", TestTokens.bearer("alice")).when().get("/test/projects/restartcheck/access");
    }

    private static Response write(String account) {
        return given().header("Authorization", TestTokens.bearer("alice")).when().post("/test/ledger/" + account);
    }

    @Test
    void aRestartUnderLoadCostsNoServerErrorAndHalfAppliesNothing() throws Exception {
        Map<String, Integer> writes = new ConcurrentHashMap<>();
        List<Response> answers = new CopyOnWriteArrayList<>();
        AtomicBoolean loading = new AtomicBoolean(true);
        List<Thread> clients = new java.util.ArrayList<>();
        for (int c = 0; c < 4; c++) {
            int client = c;
            clients.add(new Thread(() -> {
                for (int i = 0; loading.get(); i++) {
                    answers.add(read());
                    String account = "restart-" + client + "-" + i + "-" + UUID.randomUUID();
                    Response written = write(account);
                    answers.add(written);
                    writes.put(account, written.statusCode());
                }
            }));
        }
        clients.forEach(Thread::start);
        Awaitility.await().atMost(WAIT).until(() -> answers.size() > 40);
        SlipwayTestResource.dedicatedPostgres().restartPrivateCluster();
        int atRestart = answers.size();
        Awaitility.await().atMost(WAIT).until(() -> answers.size() > atRestart + 80);
        loading.set(false);
        for (Thread client : clients) {
            client.join();
        }

        assertThat(answers).allSatisfy(answer -> {
            assertThat(answer.statusCode()).as(answer.asString()).isIn(200, 201, 503);
            if (answer.statusCode() == 503) {
                assertThat(answer.contentType()).startsWith("application/problem+json");
                assertThat(answer.header("Retry-After")).isNotNull();
                assertThat(answer.jsonPath().getString("type")).isEqualTo("urn:slipway:problem:service-unavailable");
            }
        });
        // The last requests, after the restart, all succeeded.
        assertThat(answers.subList(answers.size() - 8, answers.size())).allSatisfy(answer -> assertThat(answer.statusCode()).isIn(200, 201));
        // Each write is two rows in one transaction: acknowledged ones are whole; refused ones are whole or
        // absent (a commit cut off by the restart may have applied), never half.
        writes.forEach((account, status) -> {
            if (status == 201) {
                assertThat(rows(account)).as("write %s answered 201", account).isEqualTo(2);
            } else {
                assertThat(rows(account)).as("write %s answered %d", account, status).isIn(0L, 2L);
            }
        });
    }

    @Test
    void whileTheDatabaseIsAwayRequestsAnswer503AndEventsWaitToBeAppliedOnce() {
        String account = "outage-" + UUID.randomUUID();
        SlipwayTestResource.dedicatedPostgres().stopPrivateCluster();
        try {
            read().then().statusCode(503).contentType("application/problem+json").header("Retry-After", "5")
                    .body("type", equalTo("urn:slipway:problem:service-unavailable"));
            write(account).then().statusCode(503).contentType("application/problem+json");
            // An event that arrives now cannot be applied; it must wait, not go to the dead-letter topic.
            KafkaProbe.send(Topics.ENVIRONMENTS, account, Map.of("id", UUID.randomUUID().toString(), "type", Ledger.CREDITED.type(),
                    "source", "/slipway/environment-service"), "{\"account\":\"" + account + "\",\"amount\":3}");
        } finally {
            SlipwayTestResource.dedicatedPostgres().startPrivateCluster();
        }
        Awaitility.await().atMost(WAIT).untilAsserted(() -> read().then().statusCode(200));
        Awaitility.await().atMost(WAIT).until(() -> rows(account) == 1);
        assertThat(sum(account)).as("the event's credit, applied once").isEqualTo(3);
        write(account).then().statusCode(201);
        assertThat(rows(account)).isEqualTo(3);
    }

    private long sum(String account) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT coalesce(sum(amount), 0) FROM test_ledger WHERE account = :account").setParameter("account", account)
                .getSingleResult()).longValue());
    }

    private long rows(String account) {
        return QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                .createNativeQuery("SELECT count(*) FROM test_ledger WHERE account = :account").setParameter("account", account)
                .getSingleResult()).longValue());
    }
}
