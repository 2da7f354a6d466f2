package dev.slipway.ticket.clients;

import dev.slipway.platform.client.ServiceClient;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.SlipwayService;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** ssh-gateway's internal git interface (docs/git-internal-api.md), as ticket checks and previews need it. */
@ApplicationScoped
public class GitHost {

    private final ServiceClient client;

    public GitHost(ServiceClient client) {
        this.client = client;
    }

    /** A commit of the project: its full id, or empty when the repository has no such commit. */
    public Optional<String> resolve(String projectId, String commit) {
        try {
            return Optional.of(client.getJson(SlipwayService.SSH_GATEWAY, base(projectId) + "/commits/" + ServiceClient.segment(commit),
                    Commit.class).commit());
        } catch (ServiceProblemException e) {
            if (e.isNotFound()) {
                return Optional.empty();
            }
            throw e;
        }
    }

    /** The commits {@code to} has and {@code from} lacks, and the paths that differ ({@code from} null: everything). */
    public Comparison compare(String projectId, String from, String to) {
        String query = "?to=" + ServiceClient.segment(to) + (from == null ? "" : "&from=" + ServiceClient.segment(from));
        return client.getJson(SlipwayService.SSH_GATEWAY, base(projectId) + "/compare" + query, Comparison.class);
    }

    private static String base(String projectId) {
        return "/api/v1/internal/projects/" + ServiceClient.segment(projectId);
    }

    /** The part of the gateway's Commit answer used here. */
    public record Commit(String commit) {
    }

    /** The gateway's Comparison answer. */
    public record Comparison(String from, String to, List<CommitSummary> commits, boolean commitsTruncated, List<ChangedPath> changedPaths,
            boolean changedPathsTruncated) {
    }

    public record CommitSummary(String commit, String summary, String author, Instant committedAt) {
    }

    public record ChangedPath(String path, String change, String oldPath) {
    }
}
