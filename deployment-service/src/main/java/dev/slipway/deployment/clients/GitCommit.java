package dev.slipway.deployment.clients;

import java.time.Instant;
import java.util.List;

/** A commit as ssh-gateway's internal git interface answers it (docs/git-internal-api.md); ids are full 40-digit ones. */
public record GitCommit(String commit, String treeId, List<String> parents, String author, String authorEmail, Instant authoredAt,
        String committer, Instant committedAt, String message) {

    public GitCommit {
        parents = parents == null ? List.of() : List.copyOf(parents);
    }
}
