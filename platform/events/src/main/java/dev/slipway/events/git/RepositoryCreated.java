package dev.slipway.events.git;

/** The git host created a project's empty bare repository (ENV-1, SSH-4). */
public record RepositoryCreated(String projectId, String repository, String defaultBranch) {
}
