package dev.slipway.ticket.clients;

import dev.slipway.platform.client.ServiceClient;
import dev.slipway.platform.client.SlipwayService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** deployment-service's internal config check (CFG-3): a commit's configuration digest against an environment's approved one. */
@ApplicationScoped
public class ConfigChecks {

    private final ServiceClient client;

    public ConfigChecks(ServiceClient client) {
        this.client = client;
    }

    public ConfigCheck check(String projectId, String environmentId, String commit) {
        return client.getJson(SlipwayService.DEPLOYMENT_SERVICE, "/api/v1/internal/projects/" + ServiceClient.segment(projectId)
                + "/environments/" + ServiceClient.segment(environmentId) + "/config-check?commit=" + ServiceClient.segment(commit),
                ConfigCheck.class);
    }

    /**
     * deployment-service's answer: the commit's digest (null with {@code problems} when its
     * configuration is invalid), the environment's approved digest (null before its first
     * deployment), whether VALIDATE would refuse the commit there for CFG-3 now, and DEP-5.
     */
    public record ConfigCheck(String commit, String environmentId, String digest, List<String> problems, String approvedDigest,
            boolean approvalNeeded, Boolean promotable, String promotionDetail) {
    }
}
