package dev.slipway.deployment.service;

import dev.slipway.deployment.appconfig.ConfigOutcome;
import dev.slipway.deployment.appconfig.ConfigReader;
import dev.slipway.deployment.clients.GitHostClient;
import dev.slipway.deployment.domain.PromotionFacts;
import dev.slipway.deployment.runner.EnvironmentRef;
import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.api.Problem;
import dev.slipway.platform.api.ProblemException;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.ServiceUnavailableException;
import dev.slipway.platform.domain.Refusal;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * What VALIDATE would say about a commit on an environment right now, without deploying anything:
 * its configuration (CFG-1/2), its digest against the tier's approved one (CFG-3) and promotion
 * (DEP-5), for ticket-service's previews of DEPLOY and DEPLOYMENT_SETTINGS tickets. The commit is
 * resolved and its configuration files read one by one through the git host, never its whole tree;
 * the rules are the ones VALIDATE asks {@link PromotionFacts}.
 */
@ApplicationScoped
public class ConfigChecks {

    private static final Logger LOG = Logger.getLogger(ConfigChecks.class);
    /** A full commit id or an abbreviation, as the git host takes them (docs/git-internal-api.md). */
    private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");

    /**
     * What the check found for {@code commit} (the full id) on the environment: the configuration as
     * VALIDATE reads it, the digest the tier runs now (empty on Integration, which keeps none, and on a
     * tier before its first deployment), and the CFG-3 and DEP-5 refusals VALIDATE would give.
     */
    public record Findings(String commit, String environmentId, ConfigOutcome configuration, Optional<String> approvedDigest,
            Optional<Refusal> configurationRefusal, Optional<Refusal> promotionRefusal) {
    }

    private final GitHostClient gitHost;
    private final PromotionFacts facts;

    public ConfigChecks(GitHostClient gitHost, PromotionFacts facts) {
        this.gitHost = gitHost;
        this.facts = facts;
    }

    /**
     * Checks {@code commit} (a full id or at least 7 hexadecimal digits) on the environment. 404 for
     * ids that name no project or environment (ENV-1, ENV-2) and for a commit the project's repository
     * does not have, 400 for a malformed commit, 503 while the git host is away (SEC-4).
     */
    public Findings check(String projectId, String environmentId, String commit) {
        if (!EnvironmentRef.isValid(projectId, environmentId)) {
            throw ProblemException.notFound("No environment " + environmentId + " in project " + projectId + ".");
        }
        if (commit == null || commit.isBlank()) {
            throw invalidCommit("required: the commit to check");
        }
        if (!COMMIT.matcher(commit).matches()) {
            throw invalidCommit("must be a commit id: 7 to 40 hexadecimal digits");
        }
        try {
            String sha = resolve(projectId, commit);
            ConfigOutcome configuration = ConfigReader.read(sha, path -> gitHost.file(projectId, sha, path));
            Optional<String> digest = configuration instanceof ConfigOutcome.Valid valid ? Optional.of(valid.config().digest().value())
                    : Optional.empty();
            boolean tier = !EnvironmentType.ofEnvironmentId(environmentId).isSelfService();
            return QuarkusTransaction.requiringNew().call(() -> new Findings(sha, environmentId, configuration,
                    tier ? facts.currentDigest(projectId, environmentId) : Optional.empty(),
                    digest.flatMap(d -> facts.checkConfiguration(projectId, environmentId, d)),
                    facts.checkPromotion(projectId, environmentId, sha)));
        } catch (ServiceUnavailableException away) {
            LOG.warnf("Config check of %s on %s/%s: %s", commit, projectId, environmentId, away.getMessage());
            throw new ProblemException(503, "service-unavailable", "Service Unavailable",
                    "The git host cannot be reached right now, so the commit cannot be read; retry in a few seconds.");
        }
    }

    /** The full id of {@code commit} in the project's repository, as VALIDATE resolves it. */
    private String resolve(String projectId, String commit) {
        try {
            return gitHost.commit(projectId, commit).commit();
        } catch (ServiceProblemException e) {
            if (e.isNotFound()) {
                throw ProblemException.notFound("commit " + commit + " is not in the project's repository");
            }
            if ("ambiguous-commit".equals(e.slug())) {
                throw new ProblemException(409, "ambiguous-commit", "Conflict",
                        "commit " + commit + " names more than one commit of the project's repository; send more digits or the full id");
            }
            throw e;
        }
    }

    private static ProblemException invalidCommit(String message) {
        return new ProblemException(400, "invalid-value", "Invalid value", "commit: " + message,
                List.of(new Problem.Violation("commit", message)));
    }
}
