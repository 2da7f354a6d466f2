package dev.slipway.gateway.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class BranchHeadsTest {

    @Test
    void createdMovedAndDeletedBranchesAreEachOneMove() {
        assertThat(BranchHeads.unannounced(Map.of("master", "b", "feature", "c", "same", "s"), Map.of("master", "a", "old", "d", "same", "s")))
                .containsExactly(new BranchHeads.Move("feature", null, "c"), new BranchHeads.Move("master", "a", "b"),
                        new BranchHeads.Move("old", "d", null));
    }

    @Test
    void announcedHeadsLeaveNothingToAnnounce() {
        assertThat(BranchHeads.unannounced(Map.of("master", "a"), Map.of("master", "a"))).isEmpty();
        assertThat(BranchHeads.unannounced(Map.of(), Map.of())).isEmpty();
    }
}
