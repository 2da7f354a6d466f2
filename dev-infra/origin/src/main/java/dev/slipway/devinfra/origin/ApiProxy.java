package dev.slipway.devinfra.origin;

import com.sun.net.httpserver.HttpExchange;
import dev.slipway.api.RouteTable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Sends {@code /api/v1} requests to the service the API-8 table names, and streams the answer back as
 * it arrives: a server-sent event (a deployment log, DEP-7) reaches the browser when the service
 * writes it, never held in a buffer. Paths under the table's {@code internal} prefix, and paths no
 * row routes, get a 404 problem here and never reach a service.
 */
final class ApiProxy {

    /** Hop-by-hop headers (RFC 9110 7.6.1) and those the JDK client sets itself. */
    private static final Set<String> NOT_FORWARDED = Set.of("connection", "keep-alive", "proxy-connection", "te", "trailer",
            "transfer-encoding", "upgrade", "host", "content-length", "expect", "proxy-authorization", "proxy-authenticate");

    private final RouteTable table;
    private final String upstreamHost;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .followRedirects(HttpClient.Redirect.NEVER)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    ApiProxy(RouteTable table, String upstreamHost) {
        this.table = table;
        this.upstreamHost = upstreamHost;
    }

    void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getRawPath();
        if (table.isInternal(path)) {
            Responses.problem(exchange, 404, "Not Found", "Paths under " + table.internal() + " are for services only (API-8).");
            return;
        }
        Optional<RouteTable.Route> route = table.route(path);
        if (route.isEmpty()) {
            Responses.problem(exchange, 404, "Not Found", "No service serves " + path + " (api/routes.json).");
            return;
        }
        String upstream = "http://" + upstreamHost + ":" + route.get().port();
        String query = exchange.getRequestURI().getRawQuery();
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(upstream + path + (query == null ? "" : "?" + query)));
        String host = exchange.getRequestHeaders().getFirst("Host");
        for (Map.Entry<String, List<String>> header : exchange.getRequestHeaders().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(name) || (name.equals("origin") && sameOrigin(header.getValue(), host))) {
                continue;
            }
            header.getValue().forEach(value -> request.header(header.getKey(), value));
        }
        if (host != null) {
            request.header("X-Forwarded-Host", host);
        }
        request.header("X-Forwarded-Proto", "http");
        byte[] body = exchange.getRequestBody().readAllBytes();
        request.method(exchange.getRequestMethod(),
                body.length == 0 ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body));

        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (IOException e) {
            Responses.problem(exchange, 502, "Bad Gateway", route.get().service() + " does not answer on port " + route.get().port()
                    + " (bin/slipway status).");
            return;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            Responses.problem(exchange, 503, "Service Unavailable", "The origin is stopping.");
            return;
        }
        String origin = host == null ? null : "http://" + host;
        for (Map.Entry<String, List<String>> header : response.headers().map().entrySet()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (NOT_FORWARDED.contains(name) || name.equals(":status")) {
                continue;
            }
            for (String value : header.getValue()) {
                // A 201/202 Location names the service's own address; the browser should stay on this origin.
                if (name.equals("location") && origin != null && value.startsWith(upstream)) {
                    value = origin + value.substring(upstream.length());
                }
                exchange.getResponseHeaders().add(header.getKey(), value);
            }
        }
        int status = response.statusCode();
        boolean noBody = status == 204 || status == 304 || "HEAD".equals(exchange.getRequestMethod());
        try (InputStream in = response.body()) {
            if (noBody) {
                exchange.sendResponseHeaders(status, -1);
                return;
            }
            exchange.sendResponseHeaders(status, 0);
            OutputStream out = exchange.getResponseBody();
            byte[] buffer = new byte[8192];
            int read;
            // Each piece is written and flushed as it arrives: an event stream is never buffered.
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            out.close();
        }
    }

    /**
     * Whether the browser's {@code Origin} is this origin itself: the console calling the API it was
     * served with. Such a request is not a cross-origin one, but the service behind the proxy sees
     * its own host and port and would take it for one, refused by its CORS filter (API-7) unless
     * listed in {@code SLIPWAY_CORS_ORIGINS}; so it is sent without the header. A page of another
     * origin keeps its {@code Origin}, and the service's CORS rules decide.
     */
    private static boolean sameOrigin(List<String> origins, String host) {
        return host != null && origins.size() == 1 && origins.get(0).equalsIgnoreCase("http://" + host);
    }
}
