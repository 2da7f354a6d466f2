package dev.slipway.events.git;

import java.util.List;

/** The git host could not do what was asked: {@code reason}, and for MERGE and SYNC the conflicting paths. */
public record GitOperationFailed(String operationId, String projectId, String environmentId, GitOperationRequested.Kind kind,
        String branch, String reason, List<String> conflicts) {
}
