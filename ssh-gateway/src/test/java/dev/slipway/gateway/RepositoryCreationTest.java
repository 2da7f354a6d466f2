package dev.slipway.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.ProjectAccessReadModelContract;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.junit.jupiter.api.Test;

/**
 * ENV-1 / SSH-4 on the gateway: project.created from the real broker creates the empty bare
 * repository once, announced by repository.created. Also the access read model contract.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class RepositoryCreationTest extends ProjectAccessReadModelContract {

    @Inject
    EntityManager entityManager;

    private static Path repositoryOf(String project) {
        return Path.of(System.getProperty(SlipwayTestResource.GIT_ROOT_PROPERTY)).resolve(project + ".git");
    }

    @Test
    void projectCreatedMakesAnEmptyBareRepositoryOnMaster() throws Exception {
        String project = newProjectId();
        sendProjectCreated(project, "alice");
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> Files.exists(repositoryOf(project).resolve("HEAD")));
        try (Repository repository = new FileRepositoryBuilder().setGitDir(repositoryOf(project).toFile()).setMustExist(true).build()) {
            assertThat(repository.isBare()).isTrue();
            assertThat(repository.getFullBranch()).isEqualTo("refs/heads/master");
            assertThat(repository.getRefDatabase().getRefsByPrefix("refs/heads/")).isEmpty();
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/projects/" + project + "/repository")
                        .then().statusCode(200).body("name", equalTo(project + ".git")).body("defaultBranch", equalTo("master")));
        try (KafkaProbe probe = KafkaProbe.reading(Topics.GIT)) {
            probe.await(KafkaProbe.ofType("dev.slipway.repository.created.v1", project), Duration.ofSeconds(60));
        }
    }

    @Test
    void repeatedProjectCreatedEventCreatesOneRepositoryAndOneAnnouncement() {
        String project = newProjectId();
        String eventId = UUID.randomUUID().toString();
        String data = "{\"projectId\":\"" + project + "\",\"title\":\"T\",\"createdBy\":\"alice\",\"activeEnvironmentLimit\":8,"
                + "\"environments\":[],\"createdAt\":\"2026-11-26T10:00:00Z\"}";
        Map<String, String> attributes = Map.of("id", eventId, "type", "dev.slipway.project.created.v1", "source", "/slipway/environment-service");
        KafkaProbe.send(Topics.ENVIRONMENTS, project, attributes, data);
        KafkaProbe.send(Topics.ENVIRONMENTS, project, attributes, data);
        // A later event for the same project proves both copies were handled.
        sendEvent(project, "dev.slipway.project.member-added.v1",
                "{\"projectId\":\"" + project + "\",\"userId\":\"bob\",\"role\":\"viewer\",\"addedBy\":\"alice\"}");
        awaitRole(project, "bob", "viewer");
        long announcements = QuarkusTransaction.requiringNew().call(() -> entityManager
                .createQuery("SELECT count(e) FROM OutboxEvent e WHERE e.kafkaKey = :project AND e.type = :type", Long.class)
                .setParameter("project", project).setParameter("type", "dev.slipway.repository.created.v1").getSingleResult());
        assertThat(announcements).isEqualTo(1);
        assertThat(Files.exists(repositoryOf(project).resolve("HEAD"))).isTrue();
        given().header("Authorization", TestTokens.bearer("mallory")).when().get("/api/v1/projects/" + project + "/repository")
                .then().statusCode(404);
    }
}
