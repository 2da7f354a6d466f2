package dev.slipway.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.DevTokens;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.events.ProjectRole;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.security.ProjectAccessStore;
import dev.slipway.platform.security.ProjectAuthorization;
import dev.slipway.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** SEC-1: bearer JWTs of the configured issuer; project roles come from project access (ENV-9). */
@QuarkusTest
class AuthorizationTest {

    @Inject
    ProjectAccessStore access;

    @Inject
    ProjectAuthorization authorization;

    private String project;

    @BeforeEach
    void seedProject() {
        project = "p" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        QuarkusTransaction.requiringNew().run(() -> access.grant(project, "alice", ProjectRole.CONTRIBUTOR));
    }

    private String path() {
        return "/test/projects/" + project + "/access";
    }

    @Test
    void memberSeesTheirRole() {
        given().header("Authorization", TestTokens.bearer("alice")).when().get(path())
                .then().statusCode(200).body("role", equalTo("contributor")).body("userId", equalTo("alice"));
    }

    @Test
    void nonMemberLearnsNothingAboutTheProject() {
        given().header("Authorization", TestTokens.bearer("mallory")).when().get(path())
                .then().statusCode(404).contentType("application/problem+json").body("rule", nullValue());
    }

    @Test
    void aRoleTooLowIsA403NamingSec2() {
        given().header("Authorization", TestTokens.bearer("alice")).when().post(path().replace("/access", "/settings"))
                .then().statusCode(403).contentType("application/problem+json")
                .body("type", equalTo("urn:slipway:problem:insufficient-role")).body("rule", equalTo("SEC-2"));
    }

    @Test
    void supportReadsEveryProject() {
        given().header("Authorization", TestTokens.bearer("sam", "support")).when().get(path())
                .then().statusCode(200).body("support", equalTo(true)).body("role", nullValue());
    }

    @Test
    void otherServicesPass() {
        given().header("Authorization", TestTokens.bearer("deployment-service", "service")).when().get(path())
                .then().statusCode(200);
    }

    @Test
    void requestWithoutTokenIs401Problem() {
        given().when().get(path()).then().statusCode(401).contentType("application/problem+json")
                .header("WWW-Authenticate", "Bearer");
    }

    @Test
    void expiredTokenIs401() {
        String expired = new DevTokens(DevKeys.forTests(SlipwayHome.locate()).loadPrivateKey(), DevTokens.DEFAULT_ISSUER)
                .mint("alice", List.of(), Duration.ofMinutes(-10));
        given().header("Authorization", "Bearer " + expired).when().get(path()).then().statusCode(401);
    }

    @Test
    void tokenSignedByAnotherKeyIs401() throws Exception {
        DevKeys stranger = new DevKeys(Files.createTempDirectory("stranger-keys")).ensure();
        String forged = new DevTokens(stranger.loadPrivateKey(), DevTokens.DEFAULT_ISSUER).mint("alice", List.of(), Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + forged).when().get(path()).then().statusCode(401);
    }

    @Test
    void tokenOfAnotherIssuerIs401() {
        String other = new DevTokens(DevKeys.forTests(SlipwayHome.locate()).loadPrivateKey(), "https://elsewhere.example")
                .mint("alice", List.of(), Duration.ofMinutes(5));
        given().header("Authorization", "Bearer " + other).when().get(path()).then().statusCode(401);
    }

    /** For callers without an HTTP request (an SSH session): the user is named, the answers are the same. */
    @Test
    void aUserNamedOutsideARequestIsCheckedTheSameWay() {
        QuarkusTransaction.requiringNew().run(() -> {
            assertThat(authorization.holds(project, "alice", ProjectRole.CONTRIBUTOR)).isTrue();
            assertThat(authorization.holds(project, "alice", ProjectRole.ADMIN)).isFalse();
            assertThat(authorization.holds(project, "mallory", ProjectRole.VIEWER)).isFalse();
            authorization.require(project, "alice", ProjectRole.VIEWER);
            assertThatThrownBy(() -> authorization.require(project, "alice", ProjectRole.ADMIN))
                    .isInstanceOfSatisfying(DomainException.class, refusal -> {
                        assertThat(refusal.status()).isEqualTo(403);
                        assertThat(refusal.rule()).isEqualTo("SEC-2");
                    });
            assertThatThrownBy(() -> authorization.require(project, "mallory", ProjectRole.VIEWER))
                    .isInstanceOfSatisfying(ProblemException.class, refusal -> assertThat(refusal.status()).isEqualTo(404));
        });
    }
}
