package dev.slipway.gateway.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.events.ProjectRole;
import dev.slipway.platform.domain.Refusal;
import java.util.Optional;

/**
 * SSH-2 and SSH-4 as pure decisions: who reaches an environment over SSH, and who may read, push,
 * delete or rewrite which branch. The answer is empty when allowed, else the refusal to show.
 */
public final class SshAccessPolicy {

    /** CFG-2: {@code access.ssh} defaults to admin until a deployment reports the app's own. */
    public static final ProjectRole DEFAULT_SSH_ACCESS = ProjectRole.ADMIN;

    private SshAccessPolicy() {
    }

    /**
     * SSH-2: a member reaches an Integration environment when their role is at least the deployed
     * app's {@code access.ssh}; Staging and Production only through a grant in force. A non-member
     * reaches nothing, whatever grants their key once had.
     */
    public static Optional<Refusal> mayEnter(EnvironmentType type, Optional<ProjectRole> role, ProjectRole sshAccess, boolean grantInForce) {
        if (role.isEmpty()) {
            return Refusal.of("SSH-2", 403, "not-a-member", "You are not a member of this project.");
        }
        if (!type.isSelfService()) {
            return grantInForce ? Optional.empty() : Refusal.of("SSH-2", 403, "grant-required",
                    type.label() + " is reached only through a grant: open an ADD_SSH_KEY ticket for this key.");
        }
        ProjectRole needed = sshAccess == null ? DEFAULT_SSH_ACCESS : sshAccess;
        return role.get().includes(needed) ? Optional.empty() : Refusal.of("SSH-2", 403, "role-too-low",
                "SSH on this environment needs the " + needed.wireName() + " role (access.ssh); you are " + role.get().wireName() + ".");
    }

    /** SEC-2: viewers and up read a project's repository. */
    public static Optional<Refusal> mayRead(Optional<ProjectRole> role) {
        return role.isPresent() ? Optional.empty() : Refusal.of("SSH-4", 404, "no-such-repository", "No such repository.");
    }

    /**
     * SSH-4, SEC-2: contributors push; deleting a branch and rewriting {@code master}'s history need
     * the admin role. Other branches may be force-pushed by contributors (their own work in progress).
     */
    public static Optional<Refusal> mayUpdate(ProjectRole role, String branch, boolean deletes, boolean rewrites, String defaultBranch) {
        if (!role.includes(ProjectRole.CONTRIBUTOR)) {
            return Refusal.of("SSH-4", 403, "role-too-low", "Pushing needs the contributor role; you are " + role.wireName() + ".");
        }
        if (deletes && !role.includes(ProjectRole.ADMIN)) {
            return Refusal.of("SSH-4", 403, "role-too-low", "Deleting branch " + branch + " needs the admin role; you are " + role.wireName() + ".");
        }
        if (rewrites && branch.equals(defaultBranch) && !role.includes(ProjectRole.ADMIN)) {
            return Refusal.of("SSH-4", 403, "role-too-low",
                    "Force-pushing " + branch + " rewrites its history and needs the admin role; you are " + role.wireName() + ".");
        }
        return Optional.empty();
    }
}
