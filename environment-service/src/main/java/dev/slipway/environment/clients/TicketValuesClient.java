package dev.slipway.environment.clients;

import dev.slipway.environment.domain.SensitiveValues;
import dev.slipway.platform.client.ServiceClient;
import dev.slipway.platform.client.ServiceProblemException;
import dev.slipway.platform.client.ServiceUnavailableException;
import dev.slipway.platform.client.SlipwayService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Map;
import java.util.Objects;

/**
 * ticket-service's internal interface for the values of a ticket's sensitive variables (SEC-3),
 * called with a service token (SEC-4): {@code GET /api/v1/internal/tickets/{ticketId}/sensitive-values?attempt=n}.
 * Blocks, retries included: call it from a worker thread outside any transaction.
 */
@ApplicationScoped
public class TicketValuesClient {

    /** The slug of ticket-service's 409: the ticket is not being fulfilled at that attempt (cancelled, or retried meanwhile). */
    public static final String NOT_IN_FULFILMENT = "ticket-not-in-fulfilment";

    private final ServiceClient client;

    public TicketValuesClient(ServiceClient client) {
        this.client = client;
    }

    /** ticket-service's answer. Printing it names the variables only. */
    record Answer(String ticketId, Integer attempt, Map<String, String> values) {

        @Override
        public String toString() {
            return "Answer[ticketId=" + ticketId + ", attempt=" + attempt + ", values=" + SensitiveValues.of(values) + "]";
        }
    }

    /**
     * The new values of the ticket's sensitive changes at {@code attempt}.
     *
     * @throws ServiceUnavailableException ticket-service did not answer: try again later
     * @throws ServiceProblemException ticket-service refused: 404 no such ticket, 409 {@value #NOT_IN_FULFILMENT}, or another error
     */
    public SensitiveValues sensitiveValues(String ticketId, int attempt) {
        Answer answer = client.getJson(SlipwayService.TICKET_SERVICE,
                "/api/v1/internal/tickets/" + ServiceClient.segment(ticketId) + "/sensitive-values?attempt=" + attempt, Answer.class);
        if (answer == null || !ticketId.equals(answer.ticketId()) || !Objects.equals(answer.attempt(), attempt)) {
            throw new ServiceProblemException(SlipwayService.TICKET_SERVICE.id(), 200, null,
                    "the answer is not the values of ticket " + ticketId + " at attempt " + attempt);
        }
        return SensitiveValues.of(answer.values());
    }
}
