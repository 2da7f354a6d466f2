package dev.slipway.environment.service;

import dev.slipway.environment.domain.Activity;
import dev.slipway.environment.domain.Environment;
import dev.slipway.environment.domain.EnvironmentRepository;
import dev.slipway.environment.messaging.EnvironmentEvents;
import dev.slipway.events.environment.EnvironmentOperation;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;

/**
 * Removes an environment from its project's tree, by an API delete, a push that deleted its
 * branch, or a branch the git host could not create. Its children move up to its parent.
 */
@ApplicationScoped
public class EnvironmentRemoval {

    private final EnvironmentRepository environments;
    private final EnvironmentEvents events;

    public EnvironmentRemoval(EnvironmentRepository environments, EnvironmentEvents events) {
        this.environments = environments;
        this.events = events;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void remove(Environment environment, EnvironmentOperation trigger, Activity activity, String by, Instant now) {
        environments.childrenOf(environment.projectId(), environment.id()).forEach(child -> child.reparentTo(environment.parentId(), now));
        environments.delete(environment);
        events.environmentDeleted(environment, trigger, activity, by);
    }
}
