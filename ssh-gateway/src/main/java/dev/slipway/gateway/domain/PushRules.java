package dev.slipway.gateway.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ProjectRole;
import dev.slipway.platform.domain.Refusal;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;
import org.eclipse.jgit.lib.Repository;

/**
 * SSH-4 and SSH-5 per pushed ref, as pure decisions: which refs a push may change (refusal reasons
 * as the pusher reads them beside {@code [remote rejected]}), and the {@code remote:} line that says
 * what Slipway does with an accepted one.
 *
 * <p>Decisions the spec leaves open: tags may be pushed by contributors (they make no environment and
 * are not announced), but moving or deleting an existing tag needs the admin role, as deleting a
 * branch does; refs outside {@code refs/heads/} and {@code refs/tags/} are refused. The default
 * branch is the root environment's and is never deleted (ENV-4). A tier remote only moves forward:
 * going back to an earlier commit is a rollback, which DEP-9 routes through a DEPLOY ticket.
 */
public final class PushRules {

    /** What a push does to one ref. */
    public enum Change {
        CREATE, UPDATE,
        /** A non-fast-forward update: history rewritten. */
        REWRITE,
        DELETE
    }

    /** The branch both tiers are on (ENV-5), and so the only one a tier remote takes (SSH-5). */
    public static final String TIER_BRANCH = "master";

    private static final String HEADS = "refs/heads/";
    private static final String TAGS = "refs/tags/";
    /** ENV-2's characters no branch may hold, besides whitespace. */
    private static final Pattern FORBIDDEN = Pattern.compile("[{}()*<>&%]|\\s");
    private static final Pattern ENVIRONMENT_ID = Pattern.compile("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?");
    /** The longest branch the gateway records as announced (its column). */
    static final int MAX_BRANCH_LENGTH = 255;

    private PushRules() {
    }

    /** SSH-4, SEC-2, ENV-2: why {@code role} may not make {@code change} to {@code refName} in a project repository; empty when it may. */
    public static Optional<String> refusalOnProject(ProjectRole role, String refName, Change change, String defaultBranch) {
        if (refName.startsWith(HEADS)) {
            String branch = refName.substring(HEADS.length());
            if (change == Change.DELETE && branch.equals(defaultBranch)) {
                return Optional.of(branch + " is the root environment's branch and cannot be deleted (ENV-4)");
            }
            if (change != Change.DELETE) {
                Optional<String> badName = branchNameRefusal(branch);
                if (badName.isPresent()) {
                    return badName;
                }
            }
            return SshAccessPolicy.mayUpdate(role, branch, change == Change.DELETE, change == Change.REWRITE, defaultBranch).map(Refusal::detail);
        }
        if (refName.startsWith(TAGS)) {
            Optional<Refusal> pushing = SshAccessPolicy.mayUpdate(role, refName, false, false, defaultBranch);
            if (pushing.isPresent()) {
                return pushing.map(Refusal::detail);
            }
            if (change != Change.CREATE && !role.includes(ProjectRole.ADMIN)) {
                return Optional.of("Moving or deleting tag " + refName.substring(TAGS.length()) + " needs the admin role; you are " + role.wireName() + ".");
            }
            return Optional.empty();
        }
        return Optional.of("Slipway hosts branches (refs/heads/*) and tags (refs/tags/*) only");
    }

    /** ENV-2: why {@code branch} cannot be an environment's branch; empty when it can. */
    public static Optional<String> branchNameRefusal(String branch) {
        if (branch.isEmpty() || !Repository.isValidRefName(HEADS + branch)) {
            return Optional.of("ENV-2: '" + branch + "' is not a valid git branch name");
        }
        if (FORBIDDEN.matcher(branch).find()) {
            return Optional.of("ENV-2: a branch name may not contain { } ( ) * < > & % or whitespace");
        }
        if (branch.length() > MAX_BRANCH_LENGTH) {
            return Optional.of("ENV-2: a branch name has at most " + MAX_BRANCH_LENGTH + " characters");
        }
        return Optional.empty();
    }

    /** ENV-2: the id of the environment a branch makes: lowercase, {@code / _ .} and spaces as {@code -}. */
    public static String environmentIdOf(String branch) {
        return branch.toLowerCase(Locale.ROOT).replaceAll("[/_. ]", "-");
    }

    /** ENV-2: {@code [a-z0-9-]}, 1-32 characters, not starting or ending with {@code -}, not a tier's id. */
    public static boolean isEnvironmentId(String id) {
        return ENVIRONMENT_ID.matcher(id).matches() && EnvironmentType.ofEnvironmentId(id).isSelfService();
    }

    /**
     * The {@code remote:} line for an accepted change of {@code branch} (SSH-4, ENV-3), from what the
     * gateway knows of the branch's environment ({@code environmentId} null: none yet; its
     * {@code status}) and the project's active Integration environments and limit. Empty when there
     * is nothing to say.
     */
    public static Optional<String> remoteLine(String branch, Change change, String newHead, String environmentId, String status,
            int activeIntegration, int limit) {
        if (change == Change.DELETE) {
            return environmentId == null ? Optional.empty()
                    : Optional.of("Slipway: environment " + environmentId + " will be deleted with its branch.");
        }
        if (environmentId == null) {
            String id = environmentIdOf(branch);
            if (!isEnvironmentId(id)) {
                return Optional.of("Slipway: branch " + branch + " is stored but makes no environment: its id " + id
                        + " breaks ENV-2 ([a-z0-9-], 1-32 characters, not starting or ending with -, not staging or production).");
            }
            if (activeIntegration < limit) {
                return Optional.of("Slipway: environment " + id + " will be created from branch " + branch + " and deployed.");
            }
            return Optional.of("Slipway: environment " + id + " will be created INACTIVE: ENV-3 allows " + limit
                    + " active environments and " + activeIntegration + " are active; deactivate one, then activate " + id + ".");
        }
        return switch (status == null ? "" : status) {
            case "ACTIVE", "DIRTY" -> Optional.of("Slipway: deploying " + environmentId + " at " + abbreviate(newHead) + ".");
            case "INACTIVE" -> Optional.of("Slipway: " + environmentId + " is inactive: the push is stored, not deployed (activate it to deploy).");
            default -> Optional.empty();
        };
    }

    /**
     * SSH-5, DEP-5: why a push to a tier remote may not make {@code change} to {@code refName};
     * {@code promotable} says whether the commit deployed successfully on the tier's source.
     */
    public static Optional<String> refusalOnTier(EnvironmentType tier, String refName, Change change, String commit, boolean promotable) {
        if (!refName.equals(HEADS + TIER_BRANCH)) {
            return Optional.of("the " + tier.label() + " remote takes pushes to " + TIER_BRANCH + " only (SSH-5)");
        }
        if (change == Change.DELETE) {
            return Optional.of(TIER_BRANCH + " of the " + tier.label() + " remote cannot be deleted (SSH-5)");
        }
        if (change == Change.REWRITE) {
            return Optional.of("a tier push moves " + TIER_BRANCH + " forward; to go back to an earlier commit open a DEPLOY ticket naming it (DEP-9)");
        }
        if (!promotable) {
            return Optional.of("DEP-5: commit " + commit + " has no successful deployment on " + promotionSourceLabel(tier));
        }
        return Optional.empty();
    }

    /** DEP-5: the environment whose successful deployments a tier's commits need. */
    public static String promotionSource(EnvironmentType tier) {
        return tier == EnvironmentType.PRODUCTION ? "staging" : "master";
    }

    static String promotionSourceLabel(EnvironmentType tier) {
        return tier == EnvironmentType.PRODUCTION ? "Staging" : "Integration master";
    }

    /** The line an accepted tier push gets. */
    public static String tierPushLine(EnvironmentType tier, String commit) {
        return "Slipway: deploying " + abbreviate(commit) + " to " + tier.label() + " (TIER_PUSH)";
    }

    public static String abbreviate(String commit) {
        return commit == null ? "" : commit.substring(0, Math.min(7, commit.length()));
    }
}
