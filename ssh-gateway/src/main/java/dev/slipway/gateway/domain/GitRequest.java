package dev.slipway.gateway.domain;

import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.domain.ProjectId;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A command line user {@code git} sent (SSH-4, SSH-5): {@code git-upload-pack '<path>'} or
 * {@code git-receive-pack '<path>'} (also {@code git upload-pack}, with or without quotes and a
 * leading {@code /}), as the git client sends it.
 */
public record GitRequest(Service service, String path) {

    /** The two pack services the gateway runs. */
    public enum Service {
        /** Fetch and clone: viewers and up (SEC-2). */
        UPLOAD_PACK,
        /** Push: contributors and up (SSH-4). */
        RECEIVE_PACK
    }

    private static final Pattern COMMAND = Pattern.compile("git[- ](upload-pack|receive-pack)\\s+(?:'([^']*)'|([^'\\s]+))\\s*");

    /** The request on {@code commandLine}; empty for anything else (a shell command, git-upload-archive, ...). */
    public static Optional<GitRequest> parse(String commandLine) {
        if (commandLine == null) {
            return Optional.empty();
        }
        Matcher matcher = COMMAND.matcher(commandLine.strip());
        if (!matcher.matches()) {
            return Optional.empty();
        }
        Service service = matcher.group(1).equals("upload-pack") ? Service.UPLOAD_PACK : Service.RECEIVE_PACK;
        return Optional.of(new GitRequest(service, matcher.group(2) != null ? matcher.group(2) : matcher.group(3)));
    }

    /** The repository the path names; empty when it names none the gateway could host. */
    public Optional<RepositoryName> repository() {
        return RepositoryName.parse(path);
    }

    /**
     * A hosted repository: the project's own ({@code <project>.git}, {@code tier} empty) or a tier
     * remote ({@code <project>-staging.git}, {@code <project>-production.git}, SSH-5). A project id
     * has no {@code -} (ENV-1), so the first {@code -} splits the two.
     */
    public record RepositoryName(String projectId, Optional<EnvironmentType> tier) {

        static Optional<RepositoryName> parse(String path) {
            String name = path.startsWith("/") ? path.substring(1) : path;
            name = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
            name = name.endsWith(".git") ? name.substring(0, name.length() - ".git".length()) : name;
            int dash = name.indexOf('-');
            String project = dash < 0 ? name : name.substring(0, dash);
            if (!ProjectId.isValid(project)) {
                return Optional.empty();
            }
            if (dash < 0) {
                return Optional.of(new RepositoryName(project, Optional.empty()));
            }
            EnvironmentType tier = EnvironmentType.ofEnvironmentId(name.substring(dash + 1));
            return tier.isSelfService() ? Optional.empty() : Optional.of(new RepositoryName(project, Optional.of(tier)));
        }

        /** How users name it: {@code <project>} or {@code <project>-staging}. */
        public String displayName() {
            return tier.map(type -> projectId + "-" + type.tierId()).orElse(projectId);
        }
    }
}
