package dev.slipway.platform.client;

import dev.slipway.testing.ServiceTokenCheck;
import io.vertx.core.MultiMap;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Another Slipway service on the real network, for the client's tests: answers what each path is
 * told to, counts the requests, and can be stopped and started again on the same port. Like a real
 * service it answers 401 to a request without a valid token of group {@code service} signed by the
 * trusted key (SEC-4) — or, with {@link #trustingAnyToken()}, merely records it.
 */
final class ServiceStandIn implements AutoCloseable {

    /** What a path answers; {@code hit} counts that path's requests from 1, across restarts. */
    @FunctionalInterface
    interface Responder {
        void respond(HttpServerRequest request, int hit, Vertx vertx);
    }

    /** One request as received. */
    record Seen(String path, String authorization, boolean validToken, MultiMap headers) {
    }

    private final PublicKey trusted;
    private final Map<String, Responder> routes = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> hits = new ConcurrentHashMap<>();
    private final List<Seen> seen = new CopyOnWriteArrayList<>();
    private boolean checkTokens = true;
    private Vertx vertx;
    private int port;

    ServiceStandIn(Path trustedKey) {
        this.trusted = ServiceTokenCheck.readPublicKey(trustedKey);
    }

    ServiceStandIn trustingAnyToken() {
        checkTokens = false;
        return this;
    }

    ServiceStandIn on(String path, Responder responder) {
        routes.put(path, responder);
        return this;
    }

    /** Listens on {@code wanted} of 127.0.0.1 (0: a free port); returns the port. */
    synchronized int start(int wanted) {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(this::handle).listen(wanted, "127.0.0.1").toCompletionStage()
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
            port = server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException("The stand-in cannot listen on " + wanted, e);
        }
        return port;
    }

    /** Stops listening: connections are refused until {@link #start(int)} again. */
    synchronized void stop() {
        if (vertx != null) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            vertx = null;
        }
    }

    @Override
    public void close() {
        stop();
    }

    int port() {
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    int hits(String path) {
        AtomicInteger count = hits.get(path);
        return count == null ? 0 : count.get();
    }

    List<Seen> seen() {
        return List.copyOf(seen);
    }

    private void handle(HttpServerRequest request) {
        String authorization = request.getHeader("Authorization");
        boolean valid = ServiceTokenCheck.isServiceToken(authorization, trusted);
        seen.add(new Seen(request.path(), authorization, valid, MultiMap.caseInsensitiveMultiMap().addAll(request.headers())));
        int hit = hits.computeIfAbsent(request.path(), ignored -> new AtomicInteger()).incrementAndGet();
        Responder responder = routes.get(request.path());
        if (responder == null) {
            problem(404, "not-found", "no route " + request.path()).respond(request, hit, vertx);
        } else if (checkTokens && !valid) {
            problem(401, "unauthenticated", "a bearer token of group service is required").respond(request, hit, vertx);
        } else {
            responder.respond(request, hit, vertx);
        }
    }

    static Responder json(int status, String body) {
        return (request, hit, vertx) -> request.response().setStatusCode(status).putHeader("Content-Type", "application/json").end(body);
    }

    static Responder problem(int status, String slug, String detail) {
        return (request, hit, vertx) -> request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json")
                .end(new JsonObject().put("type", "urn:slipway:problem:" + slug).put("title", "Problem").put("status", status).put("detail", detail)
                        .put("instance", request.path()).encode());
    }

    static Responder status(int status) {
        return (request, hit, vertx) -> request.response().setStatusCode(status).end();
    }

    static Responder bytes(String contentType, byte[] body, Map<String, String> headers) {
        return (request, hit, vertx) -> {
            var response = request.response().setStatusCode(200).putHeader("Content-Type", contentType);
            headers.forEach(response::putHeader);
            response.end(Buffer.buffer(body));
        };
    }

    /** Answers {@code then} only after {@code delay} (a timer: the event loop stays free). */
    static Responder slow(Duration delay, Responder then) {
        return (request, hit, vertx) -> vertx.setTimer(delay.toMillis(), ignored -> then.respond(request, hit, vertx));
    }

    /** The first {@code times} requests get {@code first}, the rest {@code then}. */
    static Responder firstTimes(int times, Responder first, Responder then) {
        return (request, hit, vertx) -> (hit <= times ? first : then).respond(request, hit, vertx);
    }
}
