package dev.slipway.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A real HTTP server on a free local port (the JDK's), standing in for the one origin: each test says what a method
 * and path answer, in order (the last answer repeats), and reads what was asked. Nothing of the client is mocked.
 */
final class FakeOrigin implements AutoCloseable {

    /** One request as it arrived. */
    record Request(String method, String pathAndQuery, Map<String, List<String>> headers, String body) {

        String header(String name) {
            return headers.entrySet().stream().filter(entry -> entry.getKey().equalsIgnoreCase(name)).findFirst()
                    .map(entry -> entry.getValue().get(0)).orElse(null);
        }
    }

    /** How an exchange is answered. */
    interface Handler {
        void handle(HttpExchange exchange) throws IOException;
    }

    private final HttpServer server;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final Map<String, Deque<Handler>> answers = new ConcurrentHashMap<>();
    private final List<Request> requests = new CopyOnWriteArrayList<>();

    FakeOrigin() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 16);
        server.setExecutor(threads);
        server.createContext("/", this::dispatch);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** {@code method path} (path with its query, as sent) answers {@code status} with a JSON body. */
    FakeOrigin json(String method, String path, int status, String body) {
        return on(method, path, exchange -> send(exchange, status, "application/json", body));
    }

    /** A problem+json answer (API-2). */
    FakeOrigin problem(String method, String path, int status, String slug, String detail) {
        String body = "{\"type\":\"urn:slipway:problem:" + slug + "\",\"title\":\"t\",\"status\":" + status + ",\"detail\":\"" + detail
                + "\",\"instance\":\"" + path + "\"}";
        return on(method, path, exchange -> send(exchange, status, "application/problem+json", body));
    }

    /** Adds an answer; several for one request are used in order, the last one again and again. */
    FakeOrigin on(String method, String path, Handler handler) {
        answers.computeIfAbsent(method + " " + path, key -> new ArrayDeque<>()).add(handler);
        return this;
    }

    List<Request> requests() {
        return requests;
    }

    static void send(HttpExchange exchange, int status, String type, String body) throws IOException {
        send(exchange, status, type, body.getBytes(StandardCharsets.UTF_8));
    }

    static void send(HttpExchange exchange, int status, String type, byte[] bytes) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", type);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
        exchange.close();
    }

    private void dispatch(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String target = exchange.getRequestURI().getRawPath()
                + (exchange.getRequestURI().getRawQuery() == null ? "" : "?" + exchange.getRequestURI().getRawQuery());
        requests.add(new Request(exchange.getRequestMethod(), target, Map.copyOf(exchange.getRequestHeaders()), body));
        Deque<Handler> queue = answers.get(exchange.getRequestMethod() + " " + target);
        if (queue == null) {
            send(exchange, 404, "application/problem+json",
                    "{\"type\":\"urn:slipway:problem:not-found\",\"status\":404,\"detail\":\"No answer set for " + target + "\"}");
            return;
        }
        Handler handler;
        synchronized (queue) {
            handler = queue.size() > 1 ? queue.poll() : queue.peek();
        }
        handler.handle(exchange);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
