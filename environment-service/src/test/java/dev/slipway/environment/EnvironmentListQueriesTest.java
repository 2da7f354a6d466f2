package dev.slipway.environment;

import static dev.slipway.environment.Api.createProject;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.hasSize;

import dev.slipway.environment.domain.BranchName;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentNodeRepository;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.domain.Variable;
import dev.slipway.environment.domain.VariableRepository;
import dev.slipway.events.deployment.NodeHealth;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManagerFactory;
import java.time.Instant;
import org.hibernate.SessionFactory;
import org.hibernate.stat.Statistics;
import org.junit.jupiter.api.Test;

/**
 * The environment list costs a constant number of statements whatever its length (no query per
 * row, the views' actions included): counted with Hibernate's statistics for 5 and for 50 environments, each with a reported node,
 * under a project-level and an environment-level ADMIN_URL (ENV-7, which needs the tree).
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class EnvironmentListQueriesTest {

    @Inject
    EnvironmentRepository environments;

    @Inject
    EnvironmentNodeRepository nodes;

    @Inject
    VariableRepository variables;

    @Inject
    EntityManagerFactory entityManagerFactory;

    @Test
    void listingFiftyEnvironmentsCostsNoMoreStatementsThanListingFive() {
        long five = statementsToList(projectWith(5), 5);
        long fifty = statementsToList(projectWith(50), 50);
        assertThat(fifty).as("statements for 50 environments vs %d for 5", five).isEqualTo(five);
        assertThat(five).as("authorization, page, nodes, ADMIN_URL variables, tree; for the actions the project and its active count")
                .isLessThanOrEqualTo(7);
    }

    /** A project with {@code count} environments besides master, staging and production, each with a node report. */
    private String projectWith(int count) {
        String project = createProject("alice");
        Instant now = Instant.now();
        QuarkusTransaction.requiringNew().run(() -> {
            for (int i = 0; i < count; i++) {
                Environment environment = Environment.pushed(project, new BranchName("feature-" + i), false, "c0ffee", now);
                environments.persist(environment);
                nodes.report(project, environment.id(), 1, "r" + i, "c0ffee", NodeHealth.HEALTHY, now);
            }
            variables.persist(Variable.create(project, Variable.PROJECT_LEVEL, "ADMIN_URL", settings("/backend"), now));
            variables.persist(Variable.create(project, "feature-1", "ADMIN_URL", settings("/feature-admin"), now));
        });
        return project;
    }

    private long statementsToList(String project, int count) {
        Statistics statistics = entityManagerFactory.unwrap(SessionFactory.class).getStatistics();
        long fewest = Long.MAX_VALUE;
        // The fewest of three: the service's consumer may run a statement of its own meanwhile.
        for (int attempt = 0; attempt < 3; attempt++) {
            statistics.clear();
            given().header("Authorization", TestTokens.bearer("alice")).queryParam("limit", 200)
                    .when().get("/api/v1/projects/" + project + "/environments")
                    .then().statusCode(200).body("items", hasSize(count + 3));
            fewest = Math.min(fewest, statistics.getPrepareStatementCount());
        }
        return fewest;
    }

    private static Variable.Settings settings(String value) {
        return new Variable.Settings(value, null, null, null, null, null, null);
    }
}
