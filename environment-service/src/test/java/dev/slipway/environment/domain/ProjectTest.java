package dev.slipway.environment.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.EnvironmentStatus;
import dev.slipway.events.EnvironmentType;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.platform.domain.ProjectId;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** ENV-1 and ENV-3 on the project alone. */
class ProjectTest {

    private static final Instant NOW = Instant.parse("2026-11-27T10:00:00Z");

    @Test
    void aNewProjectHasMasterStagingAndProduction() {
        Project.Created created = Project.create(new ProjectId("shop"), null, "alice", null, NOW);
        assertThat(created.project().title()).isEqualTo("shop");
        assertThat(created.project().activeEnvironmentLimit()).isEqualTo(8);
        assertThat(created.environments()).extracting(Environment::id).containsExactly("master", "staging", "production");
        Environment master = created.environments().get(0);
        assertThat(master.type()).isEqualTo(EnvironmentType.INTEGRATION);
        assertThat(master.status()).isEqualTo(EnvironmentStatus.ACTIVE);
        assertThat(master.parentId()).isNull();
        assertThat(master.isMaster()).isTrue();
        assertThat(created.environments().subList(1, 3)).allSatisfy(tier -> {
            assertThat(tier.branch()).isEqualTo("master");
            assertThat(tier.type().isSelfService()).isFalse();
            assertThat(tier.isMaster()).isFalse();
        });
    }

    @ParameterizedTest
    @ValueSource(strings = {"ab", "1shop", "Shop", "my-shop", "my_shop", "abcdefghijklmnopqrstuvwxyz0123456", ""})
    void projectIdsFollowEnv1(String id) {
        assertThatThrownBy(() -> new ProjectId(id)).isInstanceOfSatisfying(DomainException.class,
                refusal -> assertThat(refusal.rule()).isEqualTo("ENV-1"));
    }

    @ParameterizedTest
    @ValueSource(ints = {0, -1, 51})
    void theActiveLimitIsOneToFifty(int limit) {
        assertThatThrownBy(() -> Project.create(new ProjectId("shop"), null, "alice", limit, NOW))
                .isInstanceOfSatisfying(DomainException.class, refusal -> assertThat(refusal.rule()).isEqualTo("ENV-3"));
        Project project = Project.create(new ProjectId("shop"), null, "alice", null, NOW).project();
        assertThatThrownBy(() -> project.changeActiveEnvironmentLimit(limit)).isInstanceOf(DomainException.class);
    }

    @Test
    void theLimitCountsActiveEnvironmentsMasterIncluded() {
        Project project = Project.create(new ProjectId("shop"), null, "alice", 2, NOW).project();
        assertThat(project.hasRoomForActiveEnvironment(1)).isTrue();
        assertThat(project.hasRoomForActiveEnvironment(2)).isFalse();
        assertThatThrownBy(() -> project.requireRoomForActiveEnvironment(2)).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.slug()).isEqualTo("active-environment-limit");
            assertThat(refusal.status()).isEqualTo(409);
        });
    }
}
