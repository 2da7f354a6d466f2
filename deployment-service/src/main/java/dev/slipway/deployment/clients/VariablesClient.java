package dev.slipway.deployment.clients;

import com.fasterxml.jackson.core.type.TypeReference;
import dev.slipway.platform.client.ServiceClient;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.ServiceUnavailableException;
import dev.slipway.platform.client.SlipwayService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * Reads an environment's effective variables with their values, sensitive ones included, from
 * environment-service's internal interface (SEC-3, VAR-3) at deploy time. Throws
 * {@link ServiceUnavailableException} when environment-service stays unreachable (the deployment
 * waits, SEC-4) and {@link ServiceProblemException} for its other errors ({@code not-found}: no such
 * project or environment).
 */
@ApplicationScoped
public class VariablesClient {

    private static final TypeReference<List<EffectiveVariable>> LIST = new TypeReference<>() {
    };

    private final ServiceClient client;

    public VariablesClient(ServiceClient client) {
        this.client = client;
    }

    public List<EffectiveVariable> effective(String project, String environment) {
        return List.copyOf(client.getJson(SlipwayService.ENVIRONMENT_SERVICE, "/api/v1/internal/projects/" + ServiceClient.segment(project)
                + "/environments/" + ServiceClient.segment(environment) + "/effective-variables", LIST));
    }
}
