package dev.slipway.deployment.clients;

/**
 * One effective variable of an environment with its value (VAR-3), as environment-service gives
 * it to services at deploy time (SEC-3). {@code source} is {@code project} or the environment id
 * it is inherited from. The value may be a secret: {@link #toString()} never shows it, and it goes
 * only into a hook's environment, never into a log, an event or a response.
 */
public record EffectiveVariable(String name, String value, boolean json, boolean sensitive, boolean visibleBuild, boolean visibleRuntime,
        boolean inherited, String source) {

    /** VAR-1: a name starting {@code env:} is exported to hooks and runtime as an OS variable without the prefix. */
    public boolean isEnvironmentVariable() {
        return name.startsWith("env:");
    }

    @Override
    public String toString() {
        return "EffectiveVariable[name=" + name + ", json=" + json + ", sensitive=" + sensitive + ", visibleBuild=" + visibleBuild + ", visibleRuntime="
                + visibleRuntime + ", inherited=" + inherited + ", source=" + source + "]";
    }
}
