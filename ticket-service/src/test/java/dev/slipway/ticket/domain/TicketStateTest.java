package dev.slipway.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.domain.DomainException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** TKT-3, the whole table: every state against every action, for a ticket that is fulfilled and for a GENERAL one. */
class TicketStateTest {

    /** The allowed transitions of a DEPLOY (ADD_SSH_KEY, DEPLOYMENT_SETTINGS, GO_LIVE) ticket, written out as SPEC §5 says them. */
    private static final Map<String, TicketState> FULFILLED = Map.of(
            "OPEN APPROVE", TicketState.APPROVED,
            "OPEN REJECT", TicketState.REJECTED,
            "OPEN CANCEL", TicketState.CANCELLED,
            "APPROVED START", TicketState.IN_PROGRESS,
            "APPROVED RESOLVE", TicketState.RESOLVED,
            "APPROVED FAIL", TicketState.FAILED,
            "IN_PROGRESS RESOLVE", TicketState.RESOLVED,
            "IN_PROGRESS FAIL", TicketState.FAILED,
            "FAILED RETRY", TicketState.APPROVED);

    /** A GENERAL ticket: support resolves it by hand; nothing is approved or fulfilled. */
    private static final Map<String, TicketState> GENERAL = Map.of(
            "OPEN RESOLVE", TicketState.RESOLVED,
            "OPEN REJECT", TicketState.REJECTED,
            "OPEN CANCEL", TicketState.CANCELLED);

    static Stream<Arguments> table() {
        List<Arguments> rows = new ArrayList<>();
        for (TicketType type : List.of(TicketType.DEPLOY, TicketType.ADD_SSH_KEY, TicketType.DEPLOYMENT_SETTINGS, TicketType.GO_LIVE,
                TicketType.GENERAL)) {
            Map<String, TicketState> allowed = type == TicketType.GENERAL ? GENERAL : FULFILLED;
            for (TicketState state : TicketState.values()) {
                for (TicketAction action : TicketAction.values()) {
                    rows.add(Arguments.of(type, state, action, allowed.get(state + " " + action)));
                }
            }
        }
        return rows.stream();
    }

    @ParameterizedTest(name = "{0} {1} + {2} -> {3}")
    @MethodSource("table")
    void everyStateAgainstEveryAction(TicketType type, TicketState state, TicketAction action, TicketState expected) {
        if (expected != null) {
            assertThat(state.require(action, type)).isEqualTo(expected);
            return;
        }
        assertThat(state.after(action, type)).isEmpty();
        assertThatThrownBy(() -> state.require(action, type)).isInstanceOfSatisfying(DomainException.class, refusal -> {
            assertThat(refusal.rule()).isEqualTo("TKT-3");
            assertThat(refusal.status()).isEqualTo(409);
            assertThat(refusal.slug()).isEqualTo("invalid-ticket-state");
            assertThat(refusal.getMessage()).contains("is " + state + ":").contains("cannot be " + action.pastTense());
        });
    }
}
