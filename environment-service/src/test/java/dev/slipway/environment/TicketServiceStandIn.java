package dev.slipway.environment;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.events.Topics;
import dev.slipway.testing.KafkaProbe;
import dev.slipway.testing.ServiceTokenCheck;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.security.PublicKey;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Plays ticket-service for environment-service's tests: its approvals on the real broker, and its
 * internal interface for sensitive values on the real network, as the contract says
 * ({@code GET /api/v1/internal/tickets/{ticketId}/sensitive-values?attempt=n}: 200 with the values,
 * 404 or 409 problems). Like the real service it wants a bearer token of group {@code service}
 * signed by the trusted key (SEC-4), and answers 401 without one. A ticket the test set up nothing
 * for is unknown (404). It listens on the port {@link FreePort} chose before the service booted.
 */
public final class TicketServiceStandIn {

    static final String PORT_PROPERTY = "slipway.test.ticket-service.port";
    private static final Pattern PATH = Pattern.compile("/api/v1/internal/tickets/([^/]+)/sensitive-values");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static TicketServiceStandIn instance;

    /** One request as received: the ticket, the {@code attempt} query parameter as sent, and whether a valid service token came with it. */
    record Request(String ticketId, String attempt, boolean serviceToken) {
    }

    /** Picks a free port for the stand-in and points the service at it, before the service boots. */
    public static final class FreePort implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            int port;
            try (ServerSocket socket = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
                port = socket.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            System.setProperty(PORT_PROPERTY, Integer.toString(port));
            return Map.of("slipway.services.ticket-service.url", "http://127.0.0.1:" + port);
        }

        @Override
        public void stop() {
            synchronized (TicketServiceStandIn.class) {
                if (instance != null) {
                    instance.down();
                    instance = null;
                }
            }
        }
    }

    private final int port;
    private final PublicKey trusted;
    private final Map<String, Answer> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private HttpServer server;

    private TicketServiceStandIn(int port) {
        this.port = port;
        this.trusted = ServiceTokenCheck.readPublicKey(DevKeys.forTests(SlipwayHome.locate()).ensure().publicKey());
    }

    /** The stand-in of this test run, listening. */
    static synchronized TicketServiceStandIn ticketService() {
        if (instance == null) {
            String port = System.getProperty(PORT_PROPERTY);
            if (port == null) {
                throw new IllegalStateException("No port for the ticket-service stand-in: is TicketServiceStandIn.FreePort active?");
            }
            instance = new TicketServiceStandIn(Integer.parseInt(port));
        }
        instance.up();
        return instance;
    }

    /** ticket-service serves {@code values} for the ticket at whatever attempt is asked. */
    TicketServiceStandIn values(String ticketId, Map<String, String> values) {
        answers.put(ticketId, new Answer(200, null, values));
        return this;
    }

    /** ticket-service answers the ticket's requests with a problem ({@code slug} null: no body, as a proxy's 503). */
    TicketServiceStandIn problem(String ticketId, int status, String slug) {
        answers.put(ticketId, new Answer(status, slug, null));
        return this;
    }

    /** The requests for {@code ticketId} so far. */
    List<Request> requestsFor(String ticketId) {
        return requests.stream().filter(request -> request.ticketId().equals(ticketId)).toList();
    }

    /** ticket-service is down: connections are refused. */
    synchronized void down() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
    }

    /** ticket-service is back, on the same port. */
    synchronized void up() {
        if (server != null) {
            return;
        }
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 50);
        } catch (IOException e) {
            throw new UncheckedIOException("The ticket-service stand-in cannot listen on " + port, e);
        }
        server.setExecutor(Executors.newCachedThreadPool());
        server.createContext("/", this::handle);
        server.start();
    }

    private record Answer(int status, String slug, Map<String, String> values) {
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            Matcher path = PATH.matcher(exchange.getRequestURI().getRawPath());
            if (!"GET".equals(exchange.getRequestMethod()) || !path.matches()) {
                problem(exchange, 404, "not-found", "nothing here");
                return;
            }
            String ticketId = path.group(1);
            String query = exchange.getRequestURI().getRawQuery();
            String attempt = query != null && query.startsWith("attempt=") ? query.substring("attempt=".length()) : null;
            boolean serviceToken = ServiceTokenCheck.isServiceToken(exchange.getRequestHeaders().getFirst("Authorization"), trusted);
            requests.add(new Request(ticketId, attempt, serviceToken));
            if (!serviceToken) {
                problem(exchange, 401, "unauthenticated", "a bearer token of group service is required");
                return;
            }
            Answer answer = answers.get(ticketId);
            if (answer == null) {
                problem(exchange, 404, "not-found", "No ticket " + ticketId + ".");
            } else if (answer.status() == 200) {
                Map<String, Object> body = new LinkedHashMap<>();
                body.put("ticketId", ticketId);
                body.put("attempt", Integer.parseInt(attempt));
                body.put("values", answer.values());
                send(exchange, 200, "application/json", JSON.writeValueAsBytes(body));
            } else if (answer.slug() == null) {
                exchange.sendResponseHeaders(answer.status(), -1);
            } else {
                problem(exchange, answer.status(), answer.slug(), "Ticket " + ticketId + " is not being fulfilled at attempt " + attempt + ".");
            }
        }
    }

    private static void problem(HttpExchange exchange, int status, String slug, String detail) throws IOException {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "urn:slipway:problem:" + slug);
        body.put("title", "Problem");
        body.put("status", status);
        body.put("detail", detail);
        send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /** Plays ticket-service's approval of {@code ticketId}: {@code json} holds the fields after ticketId, projectId and approvedBy. */
    static void approve(String project, String ticketId, String json) {
        approve(project, UUID.randomUUID().toString(), ticketId, json);
    }

    /** The same with the CloudEvents id given, to repeat an event. */
    static void approve(String project, String eventId, String ticketId, String json) {
        KafkaProbe.send(Topics.TICKETS, project, Map.of("id", eventId, "type", "dev.slipway.ticket.approved.v1", "source", "/slipway/ticket-service"),
                "{\"ticketId\":\"" + ticketId + "\",\"projectId\":\"" + project + "\",\"approvedBy\":\"sam\"," + json + "}");
    }

    /** environment-service's answer to the ticket (TKT-5). */
    static ConsumerRecord<String, String> awaitAnswer(KafkaProbe probe, String ticketId) {
        return probe.await(record -> "dev.slipway.environment.ticket-fulfilled.v1".equals(KafkaProbe.header(record, "ce_type"))
                && record.value().contains("\"ticketId\":\"" + ticketId + "\""), Duration.ofSeconds(60));
    }
}
