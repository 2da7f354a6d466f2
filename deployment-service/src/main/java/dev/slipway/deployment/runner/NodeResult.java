package dev.slipway.deployment.runner;

import java.util.Optional;

/**
 * How deploying one node went (DEP-2): its hook, the release it was on before, and the one it is on
 * now: the new release after a success, the old one again after a failure (or none, when it had
 * none before).
 */
public record NodeResult(int node, HookResult hook, Optional<String> previousRelease, Optional<String> currentRelease) {

    public boolean succeeded() {
        return hook.succeeded();
    }
}
