package dev.slipway.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.events.ProjectRole;
import dev.slipway.platform.domain.Refusal;
import dev.slipway.ticket.domain.TicketPermissions.Actor;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * TKT-4 for a ticket bob (a contributor) opened: the requester, another member, a viewer, a
 * non-member, support, and support on their own ticket (sam opened one while also a member).
 * Y: allowed; a slug: refused with it (403).
 */
class TicketPermissionsTest {

    private static Actor actor(String who) {
        return switch (who) {
            case "requester" -> new Actor("bob", ProjectRole.CONTRIBUTOR, false);
            case "admin" -> new Actor("alice", ProjectRole.ADMIN, false);
            case "viewer" -> new Actor("vic", ProjectRole.VIEWER, false);
            case "stranger" -> new Actor("mallory", null, false);
            case "support" -> new Actor("sam", null, true);
            case "support-requester" -> new Actor("bob", ProjectRole.CONTRIBUTOR, true);
            default -> throw new IllegalArgumentException(who);
        };
    }

    private static String outcome(Optional<Refusal> refusal) {
        return refusal.map(Refusal::slug).orElse("Y");
    }

    @ParameterizedTest(name = "{0}: open {1}, comment {2}, approve {3}, reject {4}, retry {5}, resolve {6}, cancel {7}")
    @CsvSource({
            "requester,         Y,         Y,         support-only, support-only, support-only, support-only, Y",
            "admin,             Y,         Y,         support-only, support-only, support-only, support-only, requester-only",
            "viewer,            forbidden, Y,         support-only, support-only, support-only, support-only, requester-only",
            "stranger,          forbidden, forbidden, support-only, support-only, support-only, support-only, requester-only",
            "support,           forbidden, Y,         Y,            Y,            Y,            Y,            requester-only",
            "support-requester, Y,         Y,         own-ticket,   own-ticket,   own-ticket,   own-ticket,   Y"})
    void theMatrix(String who, String open, String comment, String approve, String reject, String retry, String resolve, String cancel) {
        Actor actor = actor(who);
        assertThat(outcome(TicketPermissions.open(actor))).as("open").isEqualTo(open);
        assertThat(outcome(TicketPermissions.comment(actor))).as("comment").isEqualTo(comment);
        assertThat(outcome(TicketPermissions.act(actor, TicketAction.APPROVE, "bob"))).as("approve").isEqualTo(approve);
        assertThat(outcome(TicketPermissions.act(actor, TicketAction.REJECT, "bob"))).as("reject").isEqualTo(reject);
        assertThat(outcome(TicketPermissions.act(actor, TicketAction.RETRY, "bob"))).as("retry").isEqualTo(retry);
        assertThat(outcome(TicketPermissions.act(actor, TicketAction.RESOLVE, "bob"))).as("resolve").isEqualTo(resolve);
        assertThat(outcome(TicketPermissions.act(actor, TicketAction.CANCEL, "bob"))).as("cancel").isEqualTo(cancel);
        assertThat(outcome(TicketPermissions.act(actor, TicketAction.START, "bob"))).as("only services report progress").isEqualTo("service-only");
    }
}
