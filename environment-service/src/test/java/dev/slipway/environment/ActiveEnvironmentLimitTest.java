package dev.slipway.environment;

import static dev.slipway.environment.Api.branchAndComplete;
import static dev.slipway.environment.Api.createProject;
import static dev.slipway.environment.Api.env;
import static dev.slipway.environment.Api.get;
import static dev.slipway.environment.Api.post;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** ENV-3: at most N active Integration environments, master included, also under concurrent requests; pushes too (SSH-4). */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class ActiveEnvironmentLimitTest {

    @Inject
    EnvironmentRepository environments;

    private GitHostPlayer git;

    @BeforeEach
    void setUp() {
        git = new GitHostPlayer();
    }

    @AfterEach
    void tearDown() {
        git.close();
    }

    private long active(String project) {
        return QuarkusTransaction.requiringNew().call(() -> environments.countActive(project));
    }

    @Test
    void ninthActiveEnvironmentIsRefusedWhenEightAreActive() {
        String project = createProject("alice");
        for (int i = 1; i <= 7; i++) {
            branchAndComplete(git, "alice", project, "master", "b" + i, "b" + i);
        }
        assertThat(active(project)).isEqualTo(8);
        post("alice", env(project, "master") + "/branch", "{\"name\":\"ninth\"}")
                .statusCode(409).body("type", equalTo("urn:slipway:problem:active-environment-limit")).body("rule", equalTo("ENV-3"));
        post("alice", env(project, "b7") + "/deactivate", null).statusCode(202);
        post("alice", env(project, "master") + "/branch", "{\"name\":\"ninth\"}").statusCode(202);
        post("alice", env(project, "b7") + "/activate", null)
                .statusCode(409).body("type", equalTo("urn:slipway:problem:active-environment-limit"));
        get("alice", env(project, "b7")).body("status", equalTo("INACTIVE"));
    }

    @Test
    void twentySimultaneousRequestsWithSevenActiveLetExactlyOneWin() throws Exception {
        String project = createProject("alice");
        for (int i = 1; i <= 6; i++) {
            branchAndComplete(git, "alice", project, "master", "a" + i, "a" + i);
        }
        // Inactive environments to activate, made room for by a temporarily higher limit.
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"activeEnvironmentLimit\":20}")
                .when().patch("/api/v1/projects/" + project).then().statusCode(200);
        for (int i = 1; i <= 10; i++) {
            branchAndComplete(git, "alice", project, "master", "idle" + i, "idle" + i);
            post("alice", env(project, "idle" + i) + "/deactivate", null).statusCode(202);
        }
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"activeEnvironmentLimit\":8}")
                .when().patch("/api/v1/projects/" + project).then().statusCode(200);
        assertThat(active(project)).isEqualTo(7);

        String token = TestTokens.bearer("alice");
        CountDownLatch start = new CountDownLatch(1);
        List<Callable<Integer>> requests = new ArrayList<>();
        for (int i = 1; i <= 20; i++) {
            String path = i <= 10 ? env(project, "idle" + i) + "/activate" : env(project, "master") + "/branch";
            String body = i <= 10 ? null : "{\"name\":\"race" + i + "\"}";
            requests.add(() -> {
                start.await();
                var request = given().header("Authorization", token);
                if (body != null) {
                    request = request.contentType(ContentType.JSON).body(body);
                }
                return request.when().post(path).then().extract().statusCode();
            });
        }
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (Callable<Integer> request : requests) {
                results.add(pool.submit(request));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Integer> result : results) {
                statuses.add(result.get());
            }
            assertThat(statuses).filteredOn(status -> status == 202).hasSize(1);
            assertThat(statuses).filteredOn(status -> status == 409).hasSize(19);
        } finally {
            pool.shutdownNow();
        }
        assertThat(active(project)).isEqualTo(8);
    }

    @Test
    void pushOfANewBranchBeyondTheLimitCreatesAnInactiveEnvironment() {
        String project = createProject("alice");
        given().header("Authorization", TestTokens.bearer("alice")).contentType(ContentType.JSON).body("{\"activeEnvironmentLimit\":2}")
                .when().patch("/api/v1/projects/" + project).then().statusCode(200);
        Api.push(project, "feature/one", null, "1111");
        Api.awaitStatus("alice", project, "feature-one", "ACTIVE");
        Api.push(project, "feature/two", null, "2222");
        Api.awaitStatus("alice", project, "feature-two", "INACTIVE");
        get("alice", env(project, "feature-two")).body("headCommit", equalTo("2222")).body("parent", equalTo("master"));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.ENVIRONMENTS)) {
            probe.await(record -> project.equals(record.key()) && record.value().contains("\"trigger\":\"PUSH\"")
                    && "dev.slipway.environment.deployment-requested.v1".equals(KafkaProbe.header(record, "ce_type")), Duration.ofSeconds(60));
        }
        Api.push(project, "feature/one", "1111", null);
        Awaitility.await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> get("alice", env(project, "feature-one")).statusCode(404));
    }
}
