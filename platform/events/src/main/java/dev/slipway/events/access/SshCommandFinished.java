package dev.slipway.events.access;

/**
 * SSH-3 audit: a command (or an interactive shell, {@code command} null) of a session ended with
 * {@code exitCode}, or was ended by {@code signal} (then {@code exitCode} is null). The command line is
 * cut at 1 024 characters.
 */
public record SshCommandFinished(String sessionId, String projectId, String environmentId, String userId, String command, Integer exitCode,
        String signal) {
}
