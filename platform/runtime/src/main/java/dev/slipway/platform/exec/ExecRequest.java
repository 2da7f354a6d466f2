package dev.slipway.platform.exec;

import java.util.Map;

/**
 * The first message of an exec WebSocket (SSH-3, docs/exec-interface.md): who runs what on which
 * node of the environment named by the URL. {@code command} null asks for an interactive shell;
 * {@code env} holds the variables the SSH client sent (e.g. {@code LANG}, {@code SLIPWAY_NODE}),
 * which are never logged or audited (SEC-3).
 */
public record ExecRequest(String sessionId, String userId, String command, boolean tty, String term, Integer cols, Integer rows, int node,
        Map<String, String> env) {

    public ExecRequest {
        if (sessionId == null || sessionId.isBlank()) {
            throw new IllegalArgumentException("An exec request needs a sessionId");
        }
        if (userId == null || userId.isBlank()) {
            throw new IllegalArgumentException("An exec request needs a userId");
        }
        if (node < 1) {
            throw new IllegalArgumentException("Nodes are numbered from 1, not " + node);
        }
        env = env == null ? Map.of() : Map.copyOf(env);
    }

    /** Whether this asks for an interactive shell rather than one command line. */
    public boolean shell() {
        return command == null;
    }

    /** {@code toString} without the variables' values (SEC-3): names only. */
    @Override
    public String toString() {
        return "ExecRequest[sessionId=" + sessionId + ", userId=" + userId + ", command=" + (command == null ? "<shell>" : "<" + command.length()
                + " chars>") + ", tty=" + tty + ", node=" + node + ", env=" + env.keySet() + "]";
    }
}
