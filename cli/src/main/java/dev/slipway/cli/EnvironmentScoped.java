package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * A command on one of a project's collections that the API lists newest first, per environment (activities,
 * deployments): those of an environment (-e, or the checked-out branch's), or of the whole project with --all.
 */
abstract class EnvironmentScoped extends Action {

    @Option(names = {"-a", "--all"}, description = "The whole project's, not one environment's.")
    boolean all;

    @Mixin
    Options.ProjectOption projectOption;

    @Mixin
    Options.EnvironmentOption environmentOption;

    /** The collection's path segment under the project. */
    private final String collection;

    EnvironmentScoped(String collection) {
        this.collection = collection;
    }

    /** Whether a list spans the project rather than one environment: --all, or what a command's filters imply. */
    boolean wholeProject() {
        return all;
    }

    /** The collection, of the environment unless {@link #wholeProject()}, with {@code filters} (null ones left out). */
    String listPath(Map<String, Object> filters) {
        Map<String, Object> query = new LinkedHashMap<>();
        if (!wholeProject()) {
            optionalEnvironment(environmentOption).ifPresent(environment -> query.put("environment", environment));
        }
        query.putAll(filters);
        return Api.query(collectionPath(), query);
    }

    String collectionPath() {
        return Api.path("projects", project(projectOption), collection);
    }

    /** One item of the collection, or a path below it. */
    String itemPath(String id, String... rest) {
        List<String> segments = new ArrayList<>(List.of("projects", project(projectOption), collection, id));
        segments.addAll(List.of(rest));
        return Api.path(segments.toArray(String[]::new));
    }

    /** The newest item at {@code path}, a list of the collection; NOT_FOUND saying {@code none} when it is empty. */
    JsonNode newest(String path, String none) {
        List<JsonNode> newest = api().list(path, 1);
        if (newest.isEmpty()) {
            throw new CliException(ExitCodes.NOT_FOUND, none);
        }
        return newest.get(0);
    }
}
