package dev.slipway.deployment.runner;

/** The phases of a deployment the runner does work in (DEP-2); VALIDATE is the service's alone. */
public enum Phase {
    /** Copying another environment's data (DEP-7). */
    DATA(null),
    BUILD("hooks.build"),
    DEPLOY("hooks.deploy"),
    POST_DEPLOY("hooks.post_deploy");

    private final String hookName;

    Phase(String hookName) {
        this.hookName = hookName;
    }

    /** The app.yaml key of the phase's hook (CFG-2), as failures name it; null for DATA. */
    public String hookName() {
        return hookName;
    }
}
