package dev.slipway.deployment.api;

import dev.slipway.deployment.appconfig.ConfigOutcome;
import dev.slipway.deployment.appconfig.ConfigProblem;
import dev.slipway.deployment.service.ConfigChecks;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.platform.security.Groups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * CFG-3 and DEP-5 ahead of a deployment, for ticket-service's previews (token group
 * {@code service}, SEC-4; never routed from outside, API-8): what VALIDATE would say about a commit
 * on an environment right now, and whether a DEPLOYMENT_SETTINGS ticket must approve its digest first.
 */
@Path("/api/v1/internal/projects/{projectId}/environments/{environmentId}/config-check")
@Tag(name = "Internal", description = "For the service group only; never routed from outside (API-8).")
@RolesAllowed(Groups.SERVICE)
@Produces(MediaType.APPLICATION_JSON)
public class InternalConfigCheckResource {

    private final ConfigChecks checks;

    public InternalConfigCheckResource(ConfigChecks checks) {
        this.checks = checks;
    }

    /** A commit's configuration on an environment, as VALIDATE would judge it now. */
    @Schema(name = "ConfigCheck", example = "{\"commit\":\"4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a\",\"environmentId\":\"staging\","
            + "\"digest\":\"sha256:9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\",\"problems\":[],"
            + "\"approvedDigest\":\"sha256:2c26b46b68ffc68ff99b453c1d30413413422d706483bfa0f98a5e886266e7ae\",\"approvalNeeded\":true,"
            + "\"promotable\":false,\"promotionDetail\":\"DEP-5: commit 4f1c2a9e8b7d6c5a4f3e2d1c0b9a8f7e6d5c4b3a has no successful deployment "
            + "on Integration master; deploy it there first.\"}")
    public record ConfigCheck(
            @Schema(description = "Full 40-digit id of the checked commit") String commit,
            String environmentId,
            @Schema(nullable = true, description = "The commit's config digest (CFG-3), as VALIDATE computes it; null when the configuration "
                    + "is invalid") String digest,
            @Schema(description = "Why the configuration is invalid, one '<file>:<line>: <reason>' each (CFG-2); empty when it is valid")
            List<String> problems,
            @Schema(nullable = true, description = "The digest the environment runs now, which a different one needs approved (CFG-3); null "
                    + "on Integration and on a tier before its first deployment, which sets it") String approvedDigest,
            @Schema(description = "True when VALIDATE would refuse the commit here now for CFG-3: Staging or Production, an approved digest "
                    + "that differs, and no approved DEPLOYMENT_SETTINGS ticket for this digest. Independent of DEP-5") boolean approvalNeeded,
            @Schema(description = "Whether DEP-5 lets the commit onto this environment now; always true on Integration") boolean promotable,
            @Schema(nullable = true, description = "The DEP-5 refusal VALIDATE would give; null when promotable") String promotionDetail) {

        static ConfigCheck of(ConfigChecks.Findings findings) {
            String digest = null;
            List<String> problems = List.of();
            if (findings.configuration() instanceof ConfigOutcome.Valid valid) {
                digest = valid.config().digest().value();
            } else if (findings.configuration() instanceof ConfigOutcome.Invalid invalid) {
                problems = invalid.problems().stream().map(ConfigProblem::toString).toList();
            }
            return new ConfigCheck(findings.commit(), findings.environmentId(), digest, problems, findings.approvedDigest().orElse(null),
                    findings.configurationRefusal().isPresent(), findings.promotionRefusal().isEmpty(),
                    findings.promotionRefusal().map(Refusal::detail).orElse(null));
        }
    }

    @GET
    @Operation(operationId = "checkConfig", summary = "What VALIDATE would say about a commit's configuration on an environment (services only)",
            description = "Reads the commit's .slipway (or Magento Cloud) configuration files through the git host and answers its digest or "
                    + "its problems (CFG-1..3), the environment's approved digest, whether a DEPLOYMENT_SETTINGS ticket must approve this "
                    + "digest first, and whether DEP-5 lets the commit onto the environment. Nothing is deployed or recorded.")
    @APIResponse(responseCode = "200", description = "The check", content = @Content(schema = @Schema(implementation = ConfigCheck.class)))
    @APIResponse(responseCode = "400", description = "The commit is missing or not 7 to 40 hexadecimal digits",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "401", description = "No valid bearer token", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "403", description = "The caller is not a Slipway service", content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "404", description = "Not a project or environment id, or the commit is not in the project's repository",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "409", description = "The abbreviated id names more than one commit (ambiguous-commit)",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(responseCode = "503", description = "The git host cannot be reached; retry later",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ConfigCheck check(@PathParam("projectId") String projectId, @PathParam("environmentId") String environmentId,
            @Parameter(description = "A full commit id or an abbreviation of at least 7 hexadecimal digits", required = true)
            @QueryParam("commit") String commit) {
        return ConfigCheck.of(checks.check(projectId, environmentId, commit));
    }
}
