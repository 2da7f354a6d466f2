package dev.slipway.systemtests;

import dev.slipway.devinfra.SuiteService;
import io.restassured.RestAssured;
import io.restassured.config.LogConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;

/**
 * One caller of the suite's four APIs: REST Assured requests with the caller's bearer token, JSON
 * bodies, and the request and answer printed (without the token) when an assertion on the answer
 * fails. Paths are the public ones of {@code api/routes.json}, e.g.
 * {@code alice.environmentService().body(...).post("/api/v1/projects")}.
 */
public final class SuiteClient {

    private static final RestAssuredConfig CONFIG = RestAssuredConfig.config()
            .logConfig(LogConfig.logConfig().enableLoggingOfRequestAndResponseIfValidationFails().blacklistHeader("Authorization"));

    private final RunningSuite suite;
    private final String user;
    private final String token;

    SuiteClient(RunningSuite suite, String user, String token) {
        this.suite = suite;
        this.user = user;
        this.token = token;
    }

    /** The token's {@code sub}. */
    public String user() {
        return user;
    }

    public String token() {
        return token;
    }

    /** A request to {@code service} as this caller. */
    public RequestSpecification to(SuiteService service) {
        return RestAssured.given().config(CONFIG).baseUri(suite.url(service)).header("Authorization", "Bearer " + token)
                .contentType(ContentType.JSON);
    }

    /** Projects, members, environments, variables, activities (port 18881). */
    public RequestSpecification environmentService() {
        return to(SuiteService.ENVIRONMENT);
    }

    /** Deployments and their logs (port 18882). */
    public RequestSpecification deploymentService() {
        return to(SuiteService.DEPLOYMENT);
    }

    /** Support tickets (port 18883). */
    public RequestSpecification ticketService() {
        return to(SuiteService.TICKET);
    }

    /** SSH keys, grants, repositories (port 18884). */
    public RequestSpecification sshGateway() {
        return to(SuiteService.GATEWAY);
    }
}
