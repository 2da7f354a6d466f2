package dev.slipway.systemtests;

import java.util.List;

/** What a git command (or ssh-keygen) printed, stdout and stderr together, and its exit code. */
public record GitResult(int exitCode, String output) {

    /** The lines the gateway sent back ({@code remote: ...}), without the prefix. */
    public List<String> remoteLines() {
        return output.lines().filter(line -> line.startsWith("remote:")).map(line -> line.substring("remote:".length()).strip()).toList();
    }

    /** This result when the command succeeded; an AssertionError with its output otherwise. */
    public GitResult requireSuccess() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + ":\n" + output);
        }
        return this;
    }
}
