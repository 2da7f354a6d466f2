package dev.slipway.deployment;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.slipway.deployment.domain.Deployment;
import dev.slipway.deployment.domain.PromotionFacts;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.DeploymentTrigger;
import dev.slipway.testing.SlipwayTestResource;
import dev.slipway.testing.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.TestResourceScope;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/**
 * The config check for ticket previews (CFG-1..3, DEP-5): what VALIDATE would say about a commit on
 * an environment, read through the git host's single files, for the {@code service} group only. The
 * tier's digest comes from real deployments and the approval from the real broker.
 */
@QuarkusTest
@WithTestResource(value = SlipwayTestResource.class, scope = TestResourceScope.GLOBAL)
class ConfigCheckTest {

    private static final Hooks HOOKS = new Hooks("echo built", "echo deployed", null);

    @Inject
    PipelineRuns runs;

    @Inject
    PromotionFacts facts;

    private static String service() {
        return TestTokens.bearer("ticket-service", "service");
    }

    private static ValidatableResponse check(String authorization, String project, String environment, String commit) {
        var request = given();
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        if (commit != null) {
            request.queryParam("commit", commit);
        }
        return request.when().get("/api/v1/internal/projects/{project}/environments/{environment}/config-check", project, environment).then();
    }

    private static String dep5(String commit, String source) {
        return "DEP-5: commit " + commit + " has no successful deployment on " + source + "; deploy it there first.";
    }

    @Test
    void aValidCommitOnATierThatNeverDeployedNeedsNoApprovalAndAnAbbreviationIsResolved() {
        TestRepository repository = TestRepository.create();
        String commit = repository.commit("the app", HOOKS.files());
        ServedProject project = new ServedProject(repository).head("master", commit).abbreviated(commit, 7);

        check(service(), project.id(), "staging", commit.substring(0, 7)).statusCode(200).contentType("application/json")
                .body("commit", equalTo(commit)).body("environmentId", equalTo("staging")).body("digest", startsWith("sha256:"))
                .body("problems", empty()).body("approvedDigest", nullValue()).body("approvalNeeded", equalTo(false))
                .body("promotable", equalTo(false)).body("promotionDetail", equalTo(dep5(commit, "Integration master")));
        check(service(), project.id(), "master", commit).statusCode(200).body("approvedDigest", nullValue())
                .body("approvalNeeded", equalTo(false)).body("promotable", equalTo(true)).body("promotionDetail", nullValue());
        assertThat(project.requestedPaths()).as("single files, never the whole tree")
                .contains("/api/v1/internal/projects/" + project.id() + "/commits/" + commit + "/files/.slipway/app.yaml")
                .noneMatch(path -> path.endsWith("/tree"));
    }

    @Test
    void aChangedConfigurationNeedsApprovalOnStagingUntilADeploymentSettingsTicketApprovesItsDigest() {
        TestRepository repository = TestRepository.create();
        String first = repository.commit("the app", HOOKS.files());
        Map<String, String> withDatabase = new HashMap<>(HOOKS.files());
        withDatabase.put(".slipway/services.yaml", "mysql:\n  type: mysql:10.6\n  disk: 2048\n");
        String second = repository.commit("a database", withDatabase);
        ServedProject project = new ServedProject(repository).head("master", first).serve(second).variables("master").variables("staging");
        assertThat(runs.runToTheEnd(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH)).state()).isEqualTo(DeploymentState.SUCCEEDED);
        Deployment onStaging = runs.runToTheEnd(PipelineRuns.ticket(project.id(), "staging", first));
        assertThat(onStaging.state()).as(onStaging.detail()).isEqualTo(DeploymentState.SUCCEEDED);
        String approved = onStaging.configDigest();

        check(service(), project.id(), "staging", first).statusCode(200).body("digest", equalTo(approved)).body("approvedDigest", equalTo(approved))
                .body("approvalNeeded", equalTo(false)).body("promotable", equalTo(true));
        String digest = check(service(), project.id(), "staging", second).statusCode(200).body("digest", not(equalTo(approved)))
                .body("approvedDigest", equalTo(approved)).body("approvalNeeded", equalTo(true))
                .body("promotable", equalTo(false)).body("promotionDetail", equalTo(dep5(second, "Integration master")))
                .extract().path("digest");
        check(service(), project.id(), "production", first).statusCode(200).body("approvedDigest", nullValue())
                .body("approvalNeeded", equalTo(false)).body("promotable", equalTo(true));
        check(service(), project.id(), "production", second).statusCode(200).body("promotable", equalTo(false))
                .body("promotionDetail", equalTo(dep5(second, "Staging")));

        project.head("master", second);
        Deployment secondOnMaster = runs.runToTheEnd(PipelineRuns.integration(project.id(), "master", DeploymentTrigger.PUSH));
        assertThat(secondOnMaster.configDigest()).as("the digest VALIDATE computes").isEqualTo(digest);
        check(service(), project.id(), "staging", second).statusCode(200).body("approvalNeeded", equalTo(true)).body("promotable", equalTo(true))
                .body("promotionDetail", nullValue());

        TriggerEvents.configurationApproved(project.id(), "staging", "T-settings", digest);
        Awaitility.await().atMost(60, TimeUnit.SECONDS).until(() ->
                QuarkusTransaction.requiringNew().call(() -> facts.approvedDigests(project.id(), "staging")).contains(digest));
        check(service(), project.id(), "staging", second).statusCode(200).body("approvedDigest", equalTo(approved))
                .body("approvalNeeded", equalTo(false));
    }

    @Test
    void magentoCloudNamesAreReadAndAnInvalidConfigurationHasProblemsInsteadOfADigest() {
        TestRepository repository = TestRepository.create();
        String magento = repository.commit("from Magento Cloud", Map.of(".magento.app.yaml", HOOKS.appYaml(), "index.php", "<?php\n"));
        String slipway = repository.commit("Slipway's name", Map.of(".slipway/app.yaml", HOOKS.appYaml()));
        String broken = repository.commit("broken", Map.of(".slipway/app.yaml", "name: shop\ntype: [php\n"));
        ServedProject project = new ServedProject(repository).serve(magento).serve(slipway).serve(broken);

        String digest = check(service(), project.id(), "master", magento).statusCode(200).body("digest", startsWith("sha256:"))
                .body("problems", empty()).extract().path("digest");
        check(service(), project.id(), "master", slipway).statusCode(200).body("digest", equalTo(digest));
        check(service(), project.id(), "staging", broken).statusCode(200).body("commit", equalTo(broken)).body("digest", nullValue())
                .body("problems", not(empty())).body("problems", everyItem(startsWith(".slipway/app.yaml:")))
                .body("approvalNeeded", equalTo(false));
    }

    @Test
    void onlyServicesMayAskAndMalformedOrUnknownCommitsAreProblems() {
        TestRepository repository = TestRepository.create();
        String commit = repository.commit("the app", HOOKS.files());
        ServedProject project = new ServedProject(repository).serve(commit);
        String unknown = "0123456789abcdef0123456789abcdef01234567";

        check(null, project.id(), "staging", commit).statusCode(401).contentType("application/problem+json");
        check(TestTokens.bearer("alice"), project.id(), "staging", commit).statusCode(403).contentType("application/problem+json");
        check(TestTokens.bearer("sam", "support"), project.id(), "staging", commit).statusCode(403);

        check(service(), project.id(), "staging", unknown).statusCode(404).contentType("application/problem+json")
                .body("type", equalTo("urn:slipway:problem:not-found"))
                .body("detail", equalTo("commit " + unknown + " is not in the project's repository"));
        check(service(), "nosuchproject", "staging", commit).statusCode(404)
                .body("detail", equalTo("commit " + commit + " is not in the project's repository"));
        check(service(), project.id(), "Not_An_Env", commit).statusCode(404).contentType("application/problem+json");
        check(service(), project.id(), "staging", "master").statusCode(400).contentType("application/problem+json")
                .body("type", equalTo("urn:slipway:problem:invalid-value")).body("violations", hasSize(1))
                .body("violations[0].field", equalTo("commit"));
        check(service(), project.id(), "staging", "abc12").statusCode(400);
        check(service(), project.id(), "staging", null).statusCode(400).body("violations[0].field", equalTo("commit"));

        String away = repository.commit("not readable now", Map.of("README.md", "away\n"));
        project.gitHostAwayFor(away);
        check(service(), project.id(), "staging", away).statusCode(503).contentType("application/problem+json")
                .body("type", equalTo("urn:slipway:problem:service-unavailable"));
    }
}
