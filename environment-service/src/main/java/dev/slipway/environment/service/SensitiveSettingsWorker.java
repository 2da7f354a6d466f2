package dev.slipway.environment.service;

import dev.slipway.environment.clients.TicketValuesClient;
import dev.slipway.environment.config.TicketFulfilmentConfig;
import dev.slipway.environment.domain.PendingSettingsTickets;
import dev.slipway.environment.domain.PendingSettingsTickets.Claim;
import dev.slipway.environment.domain.SensitiveValues;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.ServiceUnavailableException;
import dev.slipway.platform.concurrent.Periodic;
import dev.slipway.platform.database.DatabaseOutage;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Applies the DEPLOYMENT_SETTINGS tickets that wait for their sensitive values (SEC-3, TKT-5). Each
 * round claims the pending tickets that are due, one at a time ({@link PendingSettingsTickets}: any
 * instance may, one does), reads each one's values from ticket-service outside any transaction,
 * then in one transaction checks every change again, applies them and answers the ticket through the
 * outbox. ticket-service unavailable delays the ticket with backoff and never fails it (SEC-4); a
 * ticket it does not know (404) or no longer fulfils at that attempt (409) is answered as failed.
 * Values go from the answer into the variables only: never into a log line, an event or a detail.
 */
@ApplicationScoped
public class SensitiveSettingsWorker {

    private static final Logger LOG = Logger.getLogger(SensitiveSettingsWorker.class);
    /** A round ends after this many tickets, so a long queue does not starve the next round's new ones of a fresh start. */
    private static final int TICKETS_PER_ROUND = 100;

    /** What became of one claimed ticket. */
    enum Result {
        /** Answered (applied, or refused with the reason). */
        ANSWERED,
        /** Postponed: it is tried again after a backoff. */
        WAITING,
        /** ticket-service did not answer: postponed, and the round stops, since the tickets behind would wait for it too. */
        UNAVAILABLE,
        /** The claim was lost (its lease ran out and another instance took the ticket): nothing done here. */
        LOST
    }

    private final PendingSettingsTickets pending;
    private final TicketValuesClient ticketService;
    private final TicketFulfilment fulfilment;
    private final TicketFulfilmentConfig config;
    private Periodic rounds;

    public SensitiveSettingsWorker(PendingSettingsTickets pending, TicketValuesClient ticketService, TicketFulfilment fulfilment,
            TicketFulfilmentConfig config) {
        this.pending = pending;
        this.ticketService = ticketService;
        this.fulfilment = fulfilment;
        this.config = config;
    }

    void start(@Observes StartupEvent startup) {
        rounds = Periodic.start("sensitive-settings", config.round(), config.round(), this::fulfilDue);
    }

    void stop(@Observes ShutdownEvent shutdown) {
        if (rounds != null) {
            rounds.close();
        }
    }

    /** One round: the pending tickets that are due, until none is left or ticket-service is unavailable. Returns how many were answered. */
    public int fulfilDue() {
        int answered = 0;
        for (int i = 0; i < TICKETS_PER_ROUND; i++) {
            Optional<Claim> claim = pending.claimNext(config.lease());
            if (claim.isEmpty()) {
                break;
            }
            Result result = fulfil(claim.get());
            if (result == Result.ANSWERED) {
                answered++;
            } else if (result == Result.UNAVAILABLE) {
                break;
            }
        }
        return answered;
    }

    /** One claimed ticket: its values read with no transaction open, then checked, applied and answered in one. */
    Result fulfil(Claim claim) {
        if (claim.ticket() == null) {
            LOG.warnf("Ticket %s (attempt %d): its kept approval does not read; it waits for an operator", claim.ticketId(), claim.attempt());
            return postpone(claim, config.maxBackoff(), "the kept approval does not read");
        }
        SensitiveValues values;
        try {
            values = ticketService.sensitiveValues(claim.ticketId(), claim.attempt());
        } catch (ServiceUnavailableException e) {
            Duration wait = backoff(claim.failures() + 1);
            LOG.infof("Ticket %s (attempt %d) waits for its sensitive values: %s; next try in %d ms", claim.ticketId(), claim.attempt(),
                    e.getMessage(), wait.toMillis());
            postpone(claim, wait, e.getMessage());
            return Result.UNAVAILABLE;
        } catch (ServiceProblemException e) {
            Optional<String> refused = refusal(claim, e);
            if (refused.isEmpty()) {
                // 401/403 (this service's token or configuration), 500 or an unreadable answer: fixed on one side, the ticket goes on.
                Duration wait = backoff(claim.failures() + 1);
                String reason = "ticket-service answered " + e.status() + (e.slug() == null ? "" : " " + e.slug());
                LOG.warnf("Ticket %s (attempt %d) waits for its sensitive values: %s; next try in %d ms", claim.ticketId(), claim.attempt(),
                        reason, wait.toMillis());
                return postpone(claim, wait, reason);
            }
            LOG.infof("Ticket %s (attempt %d) answered as failed: %s", claim.ticketId(), claim.attempt(), refused.get());
            return complete(claim, () -> fulfilment.valuesRefused(claim.ticket(), refused.get()));
        }
        // SensitiveValues prints the names only (SEC-3).
        LOG.infof("Ticket %s (attempt %d): ticket-service served the values of %s", claim.ticketId(), claim.attempt(), values);
        return complete(claim, () -> fulfilment.approvedWithValues(claim.ticket(), values));
    }

    /** TKT-5: what the ticket is answered when ticket-service will not serve its values; empty for a problem that may pass. */
    private static Optional<String> refusal(Claim claim, ServiceProblemException e) {
        if (e.status() == 404) {
            return Optional.of("ticket-service does not know ticket " + claim.ticketId() + ", so its sensitive values cannot be read; nothing was changed");
        }
        if (e.status() == 409) {
            return Optional.of("ticket " + claim.ticketId() + " is no longer being fulfilled at attempt " + claim.attempt() + " (ticket-service: "
                    + (e.slug() == null ? "409" : e.slug()) + "), so its sensitive values were not served; nothing was changed");
        }
        return Optional.empty();
    }

    /** Under the claim's row lock: another instance that took the ticket over meanwhile makes this a no-op. */
    private Result complete(Claim claim, Runnable answer) {
        try {
            boolean done = QuarkusTransaction.requiringNew().call(() -> {
                if (!pending.lock(claim)) {
                    return false;
                }
                answer.run();
                pending.remove(claim);
                return true;
            });
            return done ? Result.ANSWERED : Result.LOST;
        } catch (RuntimeException e) {
            if (DatabaseOutage.isCause(e)) {
                throw e;
            }
            // Names a variable or the ticket at most, never a value (SEC-3); the ticket is tried again rather than lost.
            Duration wait = backoff(claim.failures() + 1);
            LOG.warnf("Ticket %s (attempt %d) could not be applied, next try in %d ms: %s", claim.ticketId(), claim.attempt(), wait.toMillis(),
                    e.toString());
            return postpone(claim, wait, "applying failed: " + e.getClass().getSimpleName());
        }
    }

    private Result postpone(Claim claim, Duration wait, String reason) {
        pending.postpone(claim, wait, reason);
        return Result.WAITING;
    }

    /** Exponential from the initial backoff, doubling per failed round up to the maximum, with jitter (half to all of it). */
    Duration backoff(int failedRounds) {
        long initial = Math.max(1, config.initialBackoff().toMillis());
        long max = Math.max(initial, config.maxBackoff().toMillis());
        long exponential = failedRounds > 30 ? max : Math.min(max, initial << Math.max(0, failedRounds - 1));
        long half = exponential / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(exponential - half + 1));
    }
}
