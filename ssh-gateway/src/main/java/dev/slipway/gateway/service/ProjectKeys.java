package dev.slipway.gateway.service;

import dev.slipway.events.ProjectRole;
import dev.slipway.gateway.domain.SshGrant;
import dev.slipway.gateway.domain.SshGrantRepository;
import dev.slipway.gateway.domain.SshKey;
import dev.slipway.gateway.domain.SshKeyRepository;
import dev.slipway.platform.security.ProjectAccessStore;
import dev.slipway.platform.security.ProjectMember;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The keys that reach a project (SSH-2), for its admins: each member's keys with the Integration
 * environments their role opens, plus the grants in force on Staging and Production. Four queries,
 * whatever the number of members, keys or environments.
 */
@ApplicationScoped
public class ProjectKeys {

    /** How a key reaches an environment: through the member's role, or a grant. */
    public record Reach(String environmentId, String through, String grantId, Instant expiresAt) {
    }

    /** A member's key and what it reaches. */
    public record ReachingKey(SshKey key, ProjectRole role, List<Reach> reaches) {
    }

    /** One page: the keys of up to {@code limit} members after {@code afterUser}, and whether more members follow. */
    public record KeysPage(List<ReachingKey> keys, String lastUser, boolean more) {
    }

    private final ProjectAccessStore access;
    private final SshKeyRepository keys;
    private final SshGrantRepository grants;
    private final AccessReadModel readModel;

    public ProjectKeys(ProjectAccessStore access, SshKeyRepository keys, SshGrantRepository grants, AccessReadModel readModel) {
        this.access = access;
        this.keys = keys;
        this.grants = grants;
        this.readModel = readModel;
    }

    @Transactional
    public KeysPage reaching(String projectId, String afterUser, int limit) {
        List<ProjectMember> members = access.members(projectId, afterUser, limit + 1);
        boolean more = members.size() > limit;
        List<ProjectMember> page = more ? members.subList(0, limit) : members;
        Map<String, ProjectRole> roles = page.stream().collect(Collectors.toMap(member -> member.key.userId(), member -> member.role));
        List<AccessReadModel.ReachableEnvironment> environments = readModel.activeIntegration(projectId);
        Map<String, List<SshGrant>> grantsByKey = grants.inForceOnProject(projectId, Instant.now()).stream()
                .collect(Collectors.groupingBy(grant -> grant.keyId().toString()));
        List<ReachingKey> result = new ArrayList<>();
        for (SshKey key : keys.ofUsers(roles.keySet())) {
            ProjectRole role = roles.get(key.userId());
            List<Reach> reaches = new ArrayList<>();
            for (AccessReadModel.ReachableEnvironment environment : environments) {
                if (role.includes(environment.sshAccess())) {
                    reaches.add(new Reach(environment.environmentId(), "role", null, null));
                }
            }
            for (SshGrant grant : grantsByKey.getOrDefault(key.id().toString(), List.of())) {
                reaches.add(new Reach(grant.environmentId(), "grant", grant.id().toString(), grant.expiresAt()));
            }
            result.add(new ReachingKey(key, role, reaches));
        }
        return new KeysPage(result, page.isEmpty() ? null : page.get(page.size() - 1).key.userId(), more);
    }
}
