package dev.slipway.environment.api;

import dev.slipway.environment.config.EnvironmentsConfig;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.service.EnvironmentQueries;
import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.EnvironmentType;
import dev.slipway.events.deployment.DeploymentState;
import dev.slipway.events.deployment.NodeHealth;
import dev.slipway.platform.api.NextAction;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An environment as the API shows it (ENV-6, ENV-7, ENV-8). */
@Schema(name = "Environment", example = "{\"id\":\"production\",\"projectId\":\"shop\",\"title\":\"Production\",\"type\":\"PRODUCTION\",\"status\":\"ACTIVE\",\"parent\":null,\"branch\":\"master\",\"headCommit\":\"9fceb02\",\"deployedCommit\":\"9fceb02\",\"latestDeployment\":{\"id\":\"d-42\",\"state\":\"SUCCEEDED\"},\"hardware\":{\"kind\":\"dedicated\",\"nodes\":3},\"nodes\":[{\"node\":1,\"release\":\"r-42\",\"commit\":\"9fceb02\",\"health\":\"HEALTHY\"}],\"urls\":{\"store\":\"https://shop.eu-3.magento.cloud/\",\"admin\":\"https://shop.eu-3.magento.cloud/admin\",\"git\":\"ssh://git@ssh.eu-3.magento.cloud:2222/shop-production.git\",\"ssh\":\"ssh://shop-production@ssh.eu-3.magento.cloud:2222\"},\"liveDomains\":[],\"createdAt\":\"2026-11-26T15:00:00Z\",\"updatedAt\":\"2026-11-26T15:00:00Z\",\"actions\":[{\"name\":\"branch\",\"allowed\":false,\"refusal\":{\"rule\":\"ENV-5\",\"status\":409,\"type\":\"urn:slipway:problem:operation-not-available\",\"detail\":\"The branch operation is not available on Production environments; they change only through support tickets.\"}}]}")
public record EnvironmentView(String id, String projectId, String title, EnvironmentType type, EnvironmentStatus status,
        @Schema(nullable = true, description = "The parent environment; null for master, Staging and Production") String parent, String branch,
        @Schema(nullable = true, description = "Null until the branch has a commit") String headCommit,
        @Schema(nullable = true, description = "Null until a deployment succeeded") String deployedCommit,
        @Schema(nullable = true, description = "Null until deployment-service reported one") LatestDeployment latestDeployment,
        Hardware hardware, List<Node> nodes, Urls urls, List<String> liveDomains, Instant createdAt, Instant updatedAt,
        @Schema(description = "What the caller may do next: each operation (branch, merge, sync, activate, deactivate, redeploy, delete), "
                + "allowed or refused with the problem its endpoint would answer now (rule, status, type, detail)") List<NextAction> actions) {

    /** The newest deployment deployment-service reported. */
    public record LatestDeployment(String id, DeploymentState state) {
    }

    /** ENV-6: shared (Integration) or dedicated (Staging, Production) hardware and its node count. */
    public record Hardware(String kind, int nodes) {
    }

    /** A node's release and health as deployment-service reports them. */
    public record Node(int node, @Schema(nullable = true) String release, @Schema(nullable = true) String commit, NodeHealth health) {
    }

    /** ENV-7. */
    public record Urls(String store, String admin, String git, String ssh) {
    }

    static EnvironmentView of(EnvironmentQueries.Details details, EnvironmentsConfig config, List<NextAction> actions) {
        Environment env = details.environment();
        List<Node> reportedNodes = details.nodes().stream()
                .map(node -> new Node(node.node(), node.releaseId(), node.releaseCommit(), node.health())).toList();
        String adminPath = details.adminPath();
        // ENV-6: the count deployment-service rolls across, from the one definition both use.
        List<Node> nodes = new ArrayList<>();
        for (int n = 1; n <= env.type().nodes(); n++) {
            int number = n;
            nodes.add(reportedNodes.stream().filter(node -> node.node() == number).findFirst()
                    .orElse(new Node(number, null, null, NodeHealth.UNKNOWN)));
        }
        return new EnvironmentView(env.id(), env.projectId(), env.title(), env.type(), env.status(), env.parentId(), env.branch(),
                env.headCommit(), env.deployedCommit(),
                env.latestDeploymentId() == null ? null : new LatestDeployment(env.latestDeploymentId(), env.latestDeploymentState()),
                new Hardware(env.type().hasDedicatedHardware() ? "dedicated" : "shared", env.type().nodes()),
                nodes, urls(env, config, adminPath), env.liveDomains(), env.createdAt(), env.updatedAt(), actions);
    }

    /** ENV-7: store, admin (store + /admin, or the path in variable ADMIN_URL), git remote and SSH address. */
    static Urls urls(Environment env, EnvironmentsConfig config, String adminPath) {
        String suffix = env.projectId() + "." + config.region() + "." + config.baseDomain();
        String store = switch (env.type()) {
            case INTEGRATION -> "https://" + env.id() + "-" + suffix + "/";
            case STAGING -> "https://staging-" + suffix + "/";
            case PRODUCTION -> env.liveDomains().isEmpty() ? "https://" + suffix + "/" : "https://" + env.liveDomains().get(0) + "/";
        };
        String gitBase = "ssh://git@" + config.sshHost() + ":" + config.sshPort() + "/";
        String git = switch (env.type()) {
            case INTEGRATION -> gitBase + env.projectId() + ".git";
            case STAGING -> gitBase + env.projectId() + "-staging.git";
            case PRODUCTION -> gitBase + env.projectId() + "-production.git";
        };
        String ssh = "ssh://" + env.projectId() + "-" + env.id() + "@" + config.sshHost() + ":" + config.sshPort();
        String admin = adminPath == null || adminPath.isBlank() ? "admin" : adminPath.strip().replaceFirst("^/+", "");
        return new Urls(store, store + admin, git, ssh);
    }
}
