package dev.slipway.environment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SEC-2 role matrix: every endpoint for viewer, contributor, admin, support, a non-member and no
 * token. ALLOWED means authorization passed (the answer may still be a domain refusal such as 409).
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class RoleMatrixTest {

    enum Who { VIEWER, CONTRIBUTOR, ADMIN, SUPPORT, STRANGER, ANONYMOUS }

    enum Expect { ALLOWED, FORBIDDEN, HIDDEN, UNAUTHENTICATED }

    /** An endpoint call: method, path under the project (with {p}), optional body. */
    record Call(String method, String path, String body, Expect viewer, Expect contributor, Expect admin, Expect support) {
    }

    private static final Expect A = Expect.ALLOWED;
    private static final Expect F = Expect.FORBIDDEN;

    private static final List<Call> CALLS = List.of(
            new Call("GET", "/api/v1/projects/{p}", null, A, A, A, A),
            new Call("PATCH", "/api/v1/projects/{p}", "{\"title\":\"t\"}", F, F, A, F),
            new Call("DELETE", "/api/v1/projects/{p}", null, F, F, A, F),
            new Call("GET", "/api/v1/projects/{p}/members", null, A, A, A, A),
            new Call("GET", "/api/v1/projects/{p}/members/admin1", null, A, A, A, A),
            new Call("POST", "/api/v1/projects/{p}/members", "{\"userId\":\"newbie\",\"role\":\"viewer\"}", F, F, A, F),
            new Call("PATCH", "/api/v1/projects/{p}/members/viewer1", "{\"role\":\"contributor\"}", F, F, A, F),
            new Call("DELETE", "/api/v1/projects/{p}/members/contributor1", null, F, F, A, F),
            new Call("GET", "/api/v1/projects/{p}/environments", null, A, A, A, A),
            new Call("GET", "/api/v1/projects/{p}/environments/master", null, A, A, A, A),
            new Call("POST", "/api/v1/projects/{p}/environments/master/branch", "{\"name\":\"feature\"}", F, A, A, F),
            new Call("POST", "/api/v1/projects/{p}/environments/master/merge", null, F, F, A, F),
            new Call("POST", "/api/v1/projects/{p}/environments/master/sync", "{\"code\":true}", F, A, A, F),
            new Call("POST", "/api/v1/projects/{p}/environments/master/activate", null, F, F, A, F),
            new Call("POST", "/api/v1/projects/{p}/environments/master/deactivate", null, F, F, A, F),
            new Call("POST", "/api/v1/projects/{p}/environments/master/redeploy", null, F, A, A, F),
            new Call("DELETE", "/api/v1/projects/{p}/environments/master", null, F, F, A, F),
            new Call("GET", "/api/v1/projects/{p}/activities", null, A, A, A, A),
            new Call("GET", "/api/v1/projects/{p}/environments/master/activities", null, A, A, A, A),
            new Call("GET", "/api/v1/projects/{p}/variables", null, A, A, A, A),
            new Call("POST", "/api/v1/projects/{p}/variables", "{\"name\":\"X\",\"value\":\"1\"}", F, F, A, F),
            new Call("GET", "/api/v1/projects/{p}/environments/master/variables", null, A, A, A, A),
            new Call("POST", "/api/v1/projects/{p}/environments/master/variables", "{\"name\":\"X\",\"value\":\"1\"}", F, F, A, F),
            new Call("GET", "/api/v1/projects/{p}/environments/master/effective-variables", null, A, A, A, A),
            new Call("GET", "/api/v1/projects/{p}/access", null, A, A, A, A));

    static Stream<Arguments> matrix() {
        List<Arguments> rows = new ArrayList<>();
        for (Call call : CALLS) {
            rows.add(Arguments.of(call.method() + " " + call.path(), call, Who.VIEWER, call.viewer()));
            rows.add(Arguments.of(call.method() + " " + call.path(), call, Who.CONTRIBUTOR, call.contributor()));
            rows.add(Arguments.of(call.method() + " " + call.path(), call, Who.ADMIN, call.admin()));
            rows.add(Arguments.of(call.method() + " " + call.path(), call, Who.SUPPORT, call.support()));
            rows.add(Arguments.of(call.method() + " " + call.path(), call, Who.STRANGER, Expect.HIDDEN));
            rows.add(Arguments.of(call.method() + " " + call.path(), call, Who.ANONYMOUS, Expect.UNAUTHENTICATED));
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} as {2}: {3}")
    @MethodSource("matrix")
    void roleMatrix(String label, Call call, Who who, Expect expect) {
        String project = Api.createProject("admin1");
        Api.post("admin1", "/api/v1/projects/" + project + "/members", "{\"userId\":\"viewer1\",\"role\":\"viewer\"}").statusCode(201);
        Api.post("admin1", "/api/v1/projects/" + project + "/members", "{\"userId\":\"contributor1\",\"role\":\"contributor\"}").statusCode(201);

        RequestSpecification request = given();
        switch (who) {
            case VIEWER -> request.header("Authorization", TestTokens.bearer("viewer1"));
            case CONTRIBUTOR -> request.header("Authorization", TestTokens.bearer("contributor1"));
            case ADMIN -> request.header("Authorization", TestTokens.bearer("admin1"));
            case SUPPORT -> request.header("Authorization", TestTokens.bearer("sam", "support"));
            case STRANGER -> request.header("Authorization", TestTokens.bearer("mallory"));
            case ANONYMOUS -> { }
        }
        if (call.body() != null) {
            request.contentType(ContentType.JSON).body(call.body());
        }
        io.restassured.response.ExtractableResponse<?> response = request.when().request(call.method(), call.path().replace("{p}", project))
                .then().extract();
        int status = response.statusCode();
        switch (expect) {
            case ALLOWED -> assertThat(status).as("status").isNotIn(401, 403, 404).isLessThan(500);
            case FORBIDDEN -> {
                assertThat(status).isEqualTo(403);
                assertThat(response.jsonPath().getString("rule")).as("rule").isEqualTo("SEC-2");
            }
            case HIDDEN -> assertThat(status).isEqualTo(404);
            case UNAUTHENTICATED -> assertThat(status).isEqualTo(401);
        }
    }
}
