package dev.slipway.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import dev.slipway.testing.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.awaitility.Awaitility;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** API-2: every error is RFC 9457 problem+json, never a stack trace or class name. */
@QuarkusTest
class ProblemDetailsTest {

    private static final String PROBLEM = "application/problem+json";

    private static ValidatableResponse post(String contentType, String body) {
        return given().header("Authorization", TestTokens.bearer("alice")).contentType(contentType).body(body)
                .when().post("/test/orders").then().contentType(PROBLEM);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "malformed JSON                | {\"name\": \"x\",               | 400 | invalid-body",
            "not an object                 | [1, 2]                         | 400 | invalid-body",
            "number field given text       | {\"name\":\"x\",\"count\":\"many\"} | 400 | invalid-body",
            "unknown enum value            | {\"name\":\"x\",\"count\":1,\"colour\":\"BLUE\"} | 400 | invalid-body",
            "unknown field                 | {\"name\":\"x\",\"count\":1,\"size\":3} | 400 | invalid-body",
            "bean validation               | {\"name\":\"\",\"count\":11}     | 400 | invalid-request",
    })
    void badBodyIsA400Problem(String label, String body, int status, String slug) {
        post("application/json", body).statusCode(status)
                .body("type", equalTo("urn:slipway:problem:" + slug))
                .body("status", equalTo(status))
                .body("title", notNullValue())
                .body("detail", notNullValue())
                .body("instance", equalTo("/test/orders"))
                .body("rule", nullValue())
                .body(not(containsString("Exception")))
                .body(not(containsString("com.fasterxml")));
    }

    @Test
    void validationFailuresNameEachField() {
        post("application/json", "{\"name\":\"\",\"count\":11}").statusCode(400)
                .body("violations.field", hasItem("name"))
                .body("violations.field", hasItem("count"));
    }

    @Test
    void unknownEnumValueSaysWhichValuesAreAccepted() {
        post("application/json", "{\"name\":\"x\",\"count\":1,\"colour\":\"BLUE\"}").statusCode(400)
                .body("violations[0].field", equalTo("colour"))
                .body("violations[0].message", containsString("RED, GREEN"));
    }

    @Test
    void aNulCharacterIsA400NotA500() {
        given().header("Authorization", TestTokens.bearer("alice", "service")).header("Idempotency-Key", "nul\u0000key")
                .when().get("/test/projects/x\u0000y/access").then().statusCode(400)
                .contentType("application/problem+json").body("type", equalTo("urn:slipway:problem:invalid-value"));
    }

    @Test
    void wrongMediaTypeIs415() {
        post("text/plain", "name=x").statusCode(415).body("status", equalTo(415));
    }

    @Test
    void wrongMethodIs405() {
        given().header("Authorization", TestTokens.bearer("alice")).when().delete("/test/orders")
                .then().statusCode(405).contentType(PROBLEM).body("status", equalTo(405));
    }

    @Test
    void unknownPathIs404() {
        given().header("Authorization", TestTokens.bearer("alice")).when().get("/api/v1/nothing-here")
                .then().statusCode(404).contentType(PROBLEM).body("instance", equalTo("/api/v1/nothing-here"))
                .body("rule", nullValue());
    }

    @Test
    void aRefusalByARuleNamesTheRule() {
        given().header("Authorization", TestTokens.bearer("alice")).when().post("/test/refused")
                .then().statusCode(409).contentType(PROBLEM)
                .body("type", equalTo("urn:slipway:problem:active-environment-limit"))
                .body("title", equalTo("Conflict"))
                .body("rule", equalTo("ENV-3"));
    }

    @Test
    void aCalledServicesRefusalIsA502RelayingItsRule() {
        given().header("Authorization", TestTokens.bearer("alice")).when().get("/test/relayed")
                .then().statusCode(502).contentType(PROBLEM)
                .body("type", equalTo("urn:slipway:problem:bad-gateway"))
                .body("detail", containsString("ticket-service"))
                .body("rule", equalTo("TKT-3"));
    }

    @Test
    void oversizedBodyIs413() {
        String huge = "{\"name\":\"" + "x".repeat(2 * 1024 * 1024) + "\",\"count\":1}";
        post("application/json", huge).statusCode(413).body("status", equalTo(413));
    }

    @Test
    void unexpectedFailureIs500WithACorrelationIdThatIsAlsoLogged() throws IOException {
        String correlationId = given().header("Authorization", TestTokens.bearer("alice")).when().get("/test/boom")
                .then().statusCode(500).contentType(PROBLEM)
                .body(not(containsString("IllegalStateException")))
                .body(not(containsString("hunter2")))
                .body(not(containsString("\tat ")))
                .extract().path("correlationId");
        assertThat(correlationId).isNotBlank();
        Path log = Path.of("target/platform-test.log");
        Awaitility.await().until(() -> Files.exists(log) && Files.readString(log).contains(correlationId));
    }
}
