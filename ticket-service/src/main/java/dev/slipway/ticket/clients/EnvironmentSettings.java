package dev.slipway.ticket.clients;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.platform.client.ServiceClient;
import dev.slipway.platform.client.SlipwayService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * environment-service's public API read with a service token (SEC-4): an environment's own
 * variables (sensitive values come back null, VAR-2) and its live domains (ENV-7).
 */
@ApplicationScoped
public class EnvironmentSettings {

    private final ServiceClient client;

    public EnvironmentSettings(ServiceClient client) {
        this.client = client;
    }

    public List<Variable> variables(String projectId, String environmentId) {
        return client.getJson(SlipwayService.ENVIRONMENT_SERVICE, environmentPath(projectId, environmentId) + "/variables",
                new TypeReference<VariablePage>() { }).items();
    }

    public List<String> liveDomains(String projectId, String environmentId) {
        List<String> domains = client.getJson(SlipwayService.ENVIRONMENT_SERVICE, environmentPath(projectId, environmentId), Environment.class)
                .liveDomains();
        return domains == null ? List.of() : domains;
    }

    private static String environmentPath(String projectId, String environmentId) {
        return "/api/v1/projects/" + ServiceClient.segment(projectId) + "/environments/" + ServiceClient.segment(environmentId);
    }

    /** An environment's own variable as environment-service shows it; {@code value} is null when sensitive. */
    public record Variable(String name, String value, boolean json, boolean sensitive, boolean inheritable, boolean visibleBuild,
            boolean visibleRuntime, boolean enabled) {
    }

    record VariablePage(List<Variable> items) {
    }

    record Environment(List<String> liveDomains) {
    }
}
