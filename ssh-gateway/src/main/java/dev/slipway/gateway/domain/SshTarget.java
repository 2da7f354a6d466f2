package dev.slipway.gateway.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.domain.ProjectId;
import java.util.Optional;

/**
 * What an SSH user name selects (SSH-3): {@code git} serves git, {@code <project>-<env>} an
 * environment. A project id has no {@code -} (ENV-1), so the first {@code -} splits the two.
 */
public sealed interface SshTarget {

    String GIT_USER = "git";

    /** The git service; the repository comes with the command. */
    record Git() implements SshTarget {
    }

    /** An environment of a project. */
    record Environment(String projectId, String environmentId) implements SshTarget {

        public EnvironmentType type() {
            return EnvironmentType.ofEnvironmentId(environmentId);
        }

        public String userName() {
            return projectId + "-" + environmentId;
        }
    }

    /** The target {@code userName} selects; empty for a name that selects nothing. */
    static Optional<SshTarget> parse(String userName) {
        if (userName == null) {
            return Optional.empty();
        }
        if (userName.equals(GIT_USER)) {
            return Optional.of(new Git());
        }
        int dash = userName.indexOf('-');
        if (dash <= 0 || dash == userName.length() - 1) {
            return Optional.empty();
        }
        String project = userName.substring(0, dash);
        String environment = userName.substring(dash + 1);
        if (!ProjectId.isValid(project) || !environment.matches("[a-z0-9](?:[a-z0-9-]{0,30}[a-z0-9])?")) {
            return Optional.empty();
        }
        return Optional.of(new Environment(project, environment));
    }
}
