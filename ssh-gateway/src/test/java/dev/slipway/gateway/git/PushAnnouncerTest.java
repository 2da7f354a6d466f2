package dev.slipway.gateway.git;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.gateway.config.GitConfig;
import dev.slipway.gateway.domain.BranchHeads;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** SSH-4: a push whose announcement fails waits in the retry set, with its pusher, until a round announces it. */
class PushAnnouncerTest {

    /** Announcements whose database is away until {@link #databaseBack}. */
    static final class FlakyAnnouncements extends RefAnnouncements {
        boolean databaseBack;
        final List<String> announced = new ArrayList<>();
        final List<Map<String, String>> pushers = new ArrayList<>();

        FlakyAnnouncements() {
            super(null, null, null);
        }

        @Override
        public List<BranchHeads.Move> announce(String projectId, Map<String, String> pushedBy) {
            if (!databaseBack) {
                throw new IllegalStateException("Acquisition timeout while waiting for new connection");
            }
            announced.add(projectId);
            pushers.add(pushedBy);
            return List.of();
        }

        @Override
        public List<String> projects() {
            if (!databaseBack) {
                throw new IllegalStateException("Acquisition timeout while waiting for new connection");
            }
            return List.of("shop", "other");
        }
    }

    private static final GitConfig CONFIG = new GitConfig() {
        @Override
        public Path root() {
            return Path.of("target/git");
        }

        @Override
        public String defaultBranch() {
            return "master";
        }

        @Override
        public Duration announceRetryInterval() {
            return Duration.ofSeconds(5);
        }
    };

    @Test
    void aPushNotAnnouncedIsRetriedWithItsPusherOnceTheDatabaseIsBack() {
        FlakyAnnouncements announcements = new FlakyAnnouncements();
        PushAnnouncer announcer = new PushAnnouncer(announcements, CONFIG);

        assertThat(announcer.afterPush("shop", Map.of("feature", "alice"))).isFalse();
        assertThat(announcer.isPending("shop")).isTrue();
        announcer.round();
        assertThat(announcer.isPending("shop")).isTrue();

        announcements.databaseBack = true;
        announcer.round();

        assertThat(announcer.isPending("shop")).isFalse();
        assertThat(announcements.announced).containsExactlyInAnyOrder("shop", "other");
        assertThat(announcements.pushers.get(announcements.announced.indexOf("shop"))).isEqualTo(Map.of("feature", "alice"));
    }

    @Test
    void theFirstRoundSweepsEveryRepositoryOnce() {
        FlakyAnnouncements announcements = new FlakyAnnouncements();
        announcements.databaseBack = true;
        PushAnnouncer announcer = new PushAnnouncer(announcements, CONFIG);

        announcer.round();
        announcer.round();

        assertThat(announcements.announced).containsExactlyInAnyOrder("shop", "other");
        assertThat(announcer.afterPush("shop", Map.of("master", "bob"))).isTrue();
    }
}
