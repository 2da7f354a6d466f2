package dev.slipway.gateway.service;

import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.ProjectRole;
import dev.slipway.gateway.domain.SshAccessPolicy;
import dev.slipway.gateway.domain.SshGrant;
import dev.slipway.gateway.domain.SshGrantRepository;
import dev.slipway.gateway.domain.SshKeyRepository;
import dev.slipway.gateway.domain.SshTarget;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.platform.security.ProjectAccessStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * The SSH server's questions (SSH-2, SSH-3, SSH-4), answered from the gateway's own data: whose key
 * is this, may it enter that environment, what is this user's role on that project. Each answer is
 * a few indexed lookups, whatever the number of keys.
 */
@ApplicationScoped
public class SshAccess {

    /** The registered key a client authenticated with, and its owner. */
    public record KeyHolder(UUID keyId, String userId, String fingerprint) {
    }

    /**
     * The answer to "may this key enter that environment": empty {@code refusal} when it may; then
     * {@code grantId} and {@code expiresAt} name the grant that let it in (Staging, Production).
     */
    public record Entry(Optional<Refusal> refusal, UUID grantId, Instant expiresAt) {

        public boolean allowed() {
            return refusal.isEmpty();
        }
    }

    private final SshKeyRepository keys;
    private final SshGrantRepository grants;
    private final ProjectAccessStore access;
    private final AccessReadModel readModel;

    public SshAccess(SshKeyRepository keys, SshGrantRepository grants, ProjectAccessStore access, AccessReadModel readModel) {
        this.keys = keys;
        this.grants = grants;
        this.access = access;
        this.readModel = readModel;
    }

    /** The holder of the key with this fingerprint, if it is registered (SSH-1). */
    @Transactional
    public Optional<KeyHolder> holderOf(String fingerprint) {
        return keys.byFingerprint(fingerprint).map(key -> new KeyHolder(key.id(), key.userId(), key.fingerprint()));
    }

    /** The key authenticated: its {@code lastUsedAt} shows it (at most once a minute). */
    @Transactional
    public void recordUse(KeyHolder holder) {
        keys.recordUse(holder.keyId(), Instant.now());
    }

    /** SSH-2: may {@code holder} enter {@code target} now? Also re-asked for open sessions when access changes. */
    @Transactional
    public Entry enter(KeyHolder holder, SshTarget.Environment target) {
        if (keys.findByIdOptional(holder.keyId()).isEmpty()) {
            return new Entry(Refusal.of("SSH-1", 403, "key-removed", "This key has been removed."), null, null);
        }
        AccessReadModel.KnownEnvironment environment = readModel.known(target.projectId(), target.environmentId());
        Optional<EnvironmentStatus> status = environment.status();
        Optional<ProjectRole> role = access.roleOf(target.projectId(), holder.userId());
        if (role.isPresent() && (status.isEmpty() || !status.get().isActive())) {
            return new Entry(Refusal.of("SSH-3", 404, "no-such-environment", status.isEmpty()
                    ? "Project " + target.projectId() + " has no environment " + target.environmentId() + "."
                    : "Environment " + target.environmentId() + " is inactive: it has no runtime to enter."), null, null);
        }
        Optional<SshGrant> grant = target.type().isSelfService() ? Optional.empty()
                : grants.inForce(holder.fingerprint(), target.projectId(), target.environmentId(), Instant.now());
        ProjectRole sshAccess = target.type().isSelfService() ? environment.sshAccess().orElse(null) : null;
        Optional<Refusal> refusal = SshAccessPolicy.mayEnter(target.type(), role, sshAccess, grant.isPresent());
        return new Entry(refusal, grant.map(SshGrant::id).orElse(null), grant.map(SshGrant::expiresAt).orElse(null));
    }

    /** The holder's role on a project, if they are a member (SEC-1: from this service's copy of project access). */
    @Transactional
    public Optional<ProjectRole> roleOn(String projectId, String userId) {
        return access.roleOf(projectId, userId);
    }

    /** SSH-2 on a tier remote (SSH-5): the grant in force for this key on that tier, for a member. */
    @Transactional
    public Optional<SshGrant> tierGrant(KeyHolder holder, String projectId, String tierId) {
        if (access.roleOf(projectId, holder.userId()).isEmpty()) {
            return Optional.empty();
        }
        return grants.inForce(holder.fingerprint(), projectId, tierId, Instant.now());
    }
}
