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
    private final int instance;

    SuiteClient(RunningSuite suite, String user, String token) {
        this(suite, user, token, 1);
    }

    private SuiteClient(RunningSuite suite, String user, String token, int instance) {
        this.suite = suite;
        this.user = user;
        this.token = token;
        this.instance = instance;
    }

    /** The same caller, talking to instance {@code instance} (1 or 2) of every service (SPEC §1). */
    public SuiteClient onInstance(int instance) {
        if (instance < 1 || instance > suite.instances()) {
            throw new IllegalArgumentException("the suite runs " + suite.instances() + " instance(s), not #" + instance);
        }
        return new SuiteClient(suite, user, token, instance);
    }

    /** The instance this client talks to. */
    public int instance() {
        return instance;
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
        return RestAssured.given().config(CONFIG).baseUri(suite.url(service, instance)).header("Authorization", "Bearer " + token)
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
