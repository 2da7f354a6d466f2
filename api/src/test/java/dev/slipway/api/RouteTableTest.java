package dev.slipway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.api.RouteTable.Route;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The matching rules of the API-8 routing table, on small tables. */
class RouteTableTest {

    private static final String INTERNAL = "/api/v1/internal";
    private static final Route PROJECTS = new Route("/api/v1/projects", "environment-service", 8081);
    private static final Route REPOSITORY = new Route("/api/v1/projects/{project}/repository", "ssh-gateway", 8084);

    private static RouteTable table(Route... routes) {
        return RouteTable.of(INTERNAL, List.of(routes));
    }

    private static Optional<String> serviceOf(RouteTable table, String path) {
        return table.route(path).map(Route::service);
    }

    @Test
    void aPatternMatchesPathsThatStartWithItsWholeSegments() {
        RouteTable table = table(PROJECTS);

        assertThat(serviceOf(table, "/api/v1/projects")).contains("environment-service");
        assertThat(serviceOf(table, "/api/v1/projects/shop/environments/master")).contains("environment-service");
        assertThat(serviceOf(table, "/api/v1/projectsx")).isEmpty();
        assertThat(serviceOf(table, "/api/v1")).isEmpty();
        assertThat(serviceOf(table, "/api/v2/projects")).isEmpty();
    }

    @Test
    void aParameterMatchesExactlyOneSegment() {
        RouteTable table = table(REPOSITORY);

        assertThat(serviceOf(table, "/api/v1/projects/shop/repository")).contains("ssh-gateway");
        assertThat(serviceOf(table, "/api/v1/projects/shop/repository/branches")).contains("ssh-gateway");
        assertThat(serviceOf(table, "/api/v1/projects/repository")).isEmpty();
        assertThat(serviceOf(table, "/api/v1/projects/shop/x/repository")).isEmpty();
    }

    @Test
    void theRowWithMoreLiteralSegmentsWinsWhateverTheOrderOfTheRows() {
        Route anyThirdLevel = new Route("/api/v1/projects/{project}/{section}/{item}", "deployment-service", 8082);

        for (RouteTable table : List.of(table(PROJECTS, REPOSITORY, anyThirdLevel), table(anyThirdLevel, REPOSITORY, PROJECTS))) {
            assertThat(serviceOf(table, "/api/v1/projects/shop/repository/branches")).contains("ssh-gateway");
            assertThat(serviceOf(table, "/api/v1/projects/shop/deployments/d1")).contains("deployment-service");
            assertThat(serviceOf(table, "/api/v1/projects/shop/environments")).contains("environment-service");
        }
    }

    @Test
    void betweenRowsWithAsManyLiteralSegmentsTheLongerWins() {
        Route anySection = new Route("/api/v1/projects/{project}/{section}", "ticket-service", 8083);
        RouteTable table = table(PROJECTS, anySection);

        assertThat(serviceOf(table, "/api/v1/projects/shop/tickets")).contains("ticket-service");
        assertThat(serviceOf(table, "/api/v1/projects/shop")).contains("environment-service");
    }

    @Test
    void equallySpecificRowsThatMatchACommonPathAreRefused() {
        assertThatThrownBy(() -> table(new Route("/api/v1/projects/{project}/x", "environment-service", 8081),
                new Route("/api/v1/projects/y/{name}", "ssh-gateway", 8084)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/api/v1/projects/{project}/x (environment-service) and /api/v1/projects/y/{name} (ssh-gateway) tie");
        assertThatThrownBy(() -> table(new Route("/api/v1/tickets/{id}", "ticket-service", 8083),
                new Route("/api/v1/tickets/{ticket}", "ticket-service", 8083)))
                .hasMessageContaining("tie");
    }

    @Test
    void equallySpecificRowsWithoutACommonPathAreFine() {
        RouteTable table = table(PROJECTS, new Route("/api/v1/tickets", "ticket-service", 8083));

        assertThat(serviceOf(table, "/api/v1/tickets/t1")).contains("ticket-service");
    }

    @Test
    void aRowThatWouldRouteInternalPathsIsRefused() {
        assertThatThrownBy(() -> table(new Route("/api/v1", "environment-service", 8081)))
                .hasMessageContaining("pattern /api/v1 would route paths under /api/v1/internal");
        assertThatThrownBy(() -> table(new Route("/api/v1/{anything}/x", "environment-service", 8081)))
                .hasMessageContaining("pattern /api/v1/{anything}/x would route paths under /api/v1/internal");
    }

    @Test
    void internalPathsRouteNowhere() {
        RouteTable table = table(PROJECTS, REPOSITORY);

        assertThat(table.isInternal("/api/v1/internal/projects/shop/members/alice")).isTrue();
        assertThat(table.route("/api/v1/internal/projects/shop/members/alice")).isEmpty();
        assertThat(table.isInternal("/api/v1/internals")).isFalse();
    }

    @Test
    void malformedPatternsAndTwoPortsForOneServiceAreRefused() {
        assertThatThrownBy(() -> table(new Route("/api/v1/projects/", "environment-service", 8081))).hasMessageContaining("'/api/v1/projects/'");
        assertThatThrownBy(() -> table(new Route("/api/v1//projects", "environment-service", 8081))).hasMessageContaining("'/api/v1//projects'");
        assertThatThrownBy(() -> table(new Route("/api/v1/projects/{project}x", "environment-service", 8081))).hasMessageContaining("{project}x");
        assertThatThrownBy(() -> table(PROJECTS, new Route("/api/v1/tickets", "environment-service", 9000)))
                .hasMessageContaining("environment-service has port 8081 in another row, 9000 here");
    }

    @Test
    void aTemplateParameterStandsForValuesThatAreNoLiteralOfTheTable() {
        RouteTable table = table(PROJECTS, REPOSITORY);

        assertThat(serviceOf(table, "/api/v1/projects/{projectId}/{section}")).contains("environment-service");
        assertThat(table.instances("/api/v1/projects/{projectId}/{section}"))
                .containsExactlyInAnyOrder("/api/v1/projects/{projectId}/{section}", "/api/v1/projects/{projectId}/repository");
        assertThat(serviceOf(table, "/api/v1/projects/{projectId}/repository")).contains("ssh-gateway");
        assertThat(table.instances("/api/v1/projects/{projectId}/environments")).containsExactly("/api/v1/projects/{projectId}/environments");
    }
}
