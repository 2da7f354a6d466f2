package dev.slipway.deployment.runner;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Which environment of which project the runner works on. Both ids become folder names, so they are
 * checked here against their rules: a project id as ENV-1 has it, an environment id as ENV-2 (the
 * slug of the branch, or {@code staging}, {@code production}).
 */
public record EnvironmentRef(String project, String environment) {

    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9]{2,31}");
    private static final Pattern ENVIRONMENT = Pattern.compile("[a-z0-9]([a-z0-9-]{0,30}[a-z0-9])?");

    public EnvironmentRef {
        Objects.requireNonNull(project, "project");
        Objects.requireNonNull(environment, "environment");
        if (!isProjectId(project)) {
            throw new IllegalArgumentException("not a project id (ENV-1): " + project);
        }
        if (!isEnvironmentId(environment)) {
            throw new IllegalArgumentException("not an environment id (ENV-2): " + environment);
        }
    }

    /** Whether {@code project} and {@code environment} are ids ENV-1 and ENV-2 allow, for callers that answer 404 rather than throw. */
    public static boolean isValid(String project, String environment) {
        return isProjectId(project) && isEnvironmentId(environment);
    }

    private static boolean isProjectId(String project) {
        return project != null && PROJECT.matcher(project).matches();
    }

    private static boolean isEnvironmentId(String environment) {
        return environment != null && ENVIRONMENT.matcher(environment).matches();
    }

    @Override
    public String toString() {
        return project + "-" + environment;
    }
}
