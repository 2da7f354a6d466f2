package dev.slipway.ticket.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.slipway.events.ProjectRole;
import dev.slipway.events.ticket.TicketType;
import dev.slipway.platform.domain.DomainException;
import dev.slipway.ticket.domain.TicketPermissions.Actor;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** TKT-2, TKT-4..6 on the aggregate, without a database. */
class TicketTest {

    private static final Instant NOW = Instant.parse("2026-11-28T10:00:00Z");
    private static final Actor BOB = new Actor("bob", ProjectRole.CONTRIBUTOR, false);
    private static final Actor SAM = new Actor("sam", null, true);

    private static Ticket deployToStaging() {
        return Ticket.open("acme", "staging", TicketType.DEPLOY, null, "Ship sprint 1", null, TicketPayload.NONE, BOB, NOW);
    }

    private static void refused(Runnable action, String rule, int status, String slug) {
        assertThatThrownBy(action::run).isInstanceOfSatisfying(DomainException.class, e -> {
            assertThat(e.rule()).isEqualTo(rule);
            assertThat(e.status()).isEqualTo(status);
            assertThat(e.slug()).isEqualTo(slug);
        });
    }

    @Test
    void integrationEnvironmentsAreSelfServiceAndGoLiveIsForProductionOnly() {
        refused(() -> Ticket.open("acme", "feature-x", TicketType.DEPLOY, null, "s", null, TicketPayload.NONE, BOB, NOW), "TKT-2", 422, "self-service-environment");
        refused(() -> Ticket.open("acme", "master", TicketType.DEPLOYMENT_SETTINGS, null, "s", null, TicketPayload.NONE, BOB, NOW), "TKT-2", 422,
                "self-service-environment");
        refused(() -> Ticket.open("acme", "staging", TicketType.GO_LIVE, null, "s", null, TicketPayload.NONE, BOB, NOW), "TKT-2", 422, "production-only");
        assertThat(Ticket.open("acme", "master", TicketType.GENERAL, null, "s", null, TicketPayload.NONE, BOB, NOW).state()).isEqualTo(TicketState.OPEN);
        refused(() -> Ticket.open("acme", "staging", TicketType.DEPLOY, null, "s", null, TicketPayload.NONE, new Actor("vic", ProjectRole.VIEWER, false), NOW),
                "TKT-4", 403, "forbidden");
    }

    @Test
    void aTicketOpensNormalAndOpenWithItsRequester() {
        Ticket ticket = deployToStaging();
        assertThat(ticket.state()).isEqualTo(TicketState.OPEN);
        assertThat(ticket.priority()).isEqualTo(TicketPriority.NORMAL);
        assertThat(ticket.requestedBy()).isEqualTo("bob");
        assertThat(ticket.firstResponseAt()).isNull();
    }

    @Test
    void approvalIsSupportsFirstResponseAndEachMoveIsRecorded() {
        Ticket ticket = deployToStaging();
        refused(() -> ticket.decide(BOB, TicketAction.APPROVE, null, NOW), "TKT-4", 403, "support-only");
        TicketTransition approved = ticket.decide(SAM, TicketAction.APPROVE, "looks fine", NOW.plusSeconds(60));
        assertThat(approved.from()).isEqualTo(TicketState.OPEN);
        assertThat(approved.to()).isEqualTo(TicketState.APPROVED);
        assertThat(approved.actor()).isEqualTo("sam");
        assertThat(approved.reason()).isEqualTo("looks fine");
        assertThat(approved.ticketId()).isEqualTo(ticket.id());
        assertThat(ticket.firstResponseAt()).isEqualTo(NOW.plusSeconds(60));
        refused(() -> ticket.decide(SAM, TicketAction.APPROVE, null, NOW), "TKT-3", 409, "invalid-ticket-state");
    }

    @Test
    void aRejectionNeedsAReason() {
        Ticket ticket = deployToStaging();
        refused(() -> ticket.decide(SAM, TicketAction.REJECT, " ", NOW), "TKT-4", 422, "reason-required");
        assertThat(ticket.state()).isEqualTo(TicketState.OPEN);
        assertThat(ticket.decide(SAM, TicketAction.REJECT, "not before Friday", NOW).to()).isEqualTo(TicketState.REJECTED);
    }

    @Test
    void aSupportCommentIsTheFirstResponseButTheRequestersOwnIsNot() {
        Ticket ticket = deployToStaging();
        ticket.commentedBy(BOB, NOW);
        assertThat(ticket.firstResponseAt()).isNull();
        ticket.commentedBy(SAM, NOW.plusSeconds(5));
        ticket.commentedBy(SAM, NOW.plusSeconds(9));
        assertThat(ticket.firstResponseAt()).isEqualTo(NOW.plusSeconds(5));
    }

    @Test
    void fulfilmentResultsMoveTheTicketOnceAndNeverBackwards() {
        Ticket ticket = deployToStaging();
        ticket.decide(SAM, TicketAction.APPROVE, null, NOW);
        assertThat(ticket.fulfilment("deployment-service", TicketAction.START, "deployment d-1 queued", "d-1", 1, NOW)).isPresent();
        assertThat(ticket.state()).isEqualTo(TicketState.IN_PROGRESS);
        assertThat(ticket.fulfilment("deployment-service", TicketAction.START, "again", "d-1", 1, NOW)).as("a repeated start").isEmpty();
        TicketTransition resolved = ticket.fulfilment("deployment-service", TicketAction.RESOLVE, "deployment d-1 SUCCEEDED", "d-1", 1,
                NOW.plusSeconds(30)).orElseThrow();
        assertThat(resolved.actor()).isEqualTo("service:deployment-service");
        assertThat(ticket.state()).isEqualTo(TicketState.RESOLVED);
        assertThat(ticket.resolvedAt()).isEqualTo(NOW.plusSeconds(30));
        assertThat(ticket.resultId()).isEqualTo("d-1");
        assertThat(ticket.fulfilment("deployment-service", TicketAction.RESOLVE, "again", "d-1", 1, NOW)).as("a repeated result").isEmpty();
        assertThat(ticket.fulfilment("deployment-service", TicketAction.FAIL, "late", "d-0", 1, NOW)).as("a late failure").isEmpty();
        assertThat(ticket.fulfilment("deployment-service", TicketAction.START, "late", "d-1", 1, NOW)).as("a late start").isEmpty();
        assertThat(ticket.state()).isEqualTo(TicketState.RESOLVED);
        assertThat(ticket.resultDetail()).isEqualTo("deployment d-1 SUCCEEDED");
    }

    @Test
    void aFailedTicketIsRetriedBySupportOnly() {
        Ticket ticket = deployToStaging();
        ticket.decide(SAM, TicketAction.APPROVE, null, NOW);
        ticket.fulfilment("deployment-service", TicketAction.FAIL, "VALIDATE failed: DEP-5 ...", "d-1", 1, NOW);
        assertThat(ticket.state()).isEqualTo(TicketState.FAILED);
        assertThat(ticket.resolvedAt()).isNull();
        refused(() -> ticket.decide(BOB, TicketAction.RETRY, null, NOW), "TKT-4", 403, "support-only");
        assertThat(ticket.decide(SAM, TicketAction.RETRY, "after the staging deploy", NOW).to()).isEqualTo(TicketState.APPROVED);
        assertThat(ticket.attempt()).isEqualTo(2);
        assertThat(ticket.resultId()).as("the failed attempt's result is not this attempt's").isNull();
    }

    @Test
    void aLateResultOfAnEarlierAttemptDoesNotMoveARetriedTicket() {
        Ticket ticket = deployToStaging();
        ticket.decide(SAM, TicketAction.APPROVE, null, NOW);
        ticket.fulfilment("deployment-service", TicketAction.FAIL, "DEP-5", "d-1", 1, NOW);
        ticket.decide(SAM, TicketAction.RETRY, null, NOW);
        assertThat(ticket.fulfilment("deployment-service", TicketAction.START, "late", "d-1", 1, NOW)).as("attempt 1, late").isEmpty();
        assertThat(ticket.fulfilment("deployment-service", TicketAction.FAIL, "late", "d-1", 1, NOW)).isEmpty();
        assertThat(ticket.state()).isEqualTo(TicketState.APPROVED);
        assertThat(ticket.fulfilment("deployment-service", TicketAction.START, "d-2 queued", "d-2", 2, NOW)).isPresent();
        assertThat(ticket.fulfilment("deployment-service", TicketAction.RESOLVE, "d-2 succeeded", "d-2", 2, NOW)).isPresent();
        assertThat(ticket.state()).isEqualTo(TicketState.RESOLVED);
        assertThat(ticket.resultId()).isEqualTo("d-2");
    }

    @Test
    void aGeneralTicketIsResolvedBySupportByHand() {
        Ticket question = Ticket.open("acme", "master", TicketType.GENERAL, TicketPriority.HIGH, "Why is master slow?", "details", TicketPayload.NONE, BOB, NOW);
        refused(() -> question.decide(SAM, TicketAction.APPROVE, null, NOW), "TKT-3", 409, "invalid-ticket-state");
        assertThat(question.decide(SAM, TicketAction.RESOLVE, "answered", NOW).to()).isEqualTo(TicketState.RESOLVED);
        assertThat(question.resolvedAt()).isEqualTo(NOW);
        assertThat(question.fulfilment("environment-service", TicketAction.RESOLVE, "x", null, 1, NOW)).isEmpty();
    }
}
