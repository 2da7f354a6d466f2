package dev.slipway.deployment.clients;

import dev.slipway.testing.ServiceTokenCheck;
import io.vertx.core.Vertx;
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
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * ssh-gateway's and environment-service's internal interfaces on the real network, answering the
 * documented shapes (docs/git-internal-api.md; environment-service's EffectiveVariable) for the
 * paths a test sets up, a 404 problem for the rest, and 401 without a valid token of group
 * {@code service} signed by the test key (SEC-4). Requests are matched on their raw path, so the
 * tests also see how the client encodes it.
 */
public final class InternalApiStandIn implements AutoCloseable {

    private final PublicKey trusted;
    private final Map<String, Consumer<HttpServerRequest>> routes = new ConcurrentHashMap<>();
    private final List<String> paths = new CopyOnWriteArrayList<>();
    private Vertx vertx;
    private int port;

    public InternalApiStandIn(Path trustedKey) {
        this.trusted = ServiceTokenCheck.readPublicKey(trustedKey);
    }

    public InternalApiStandIn on(String rawPath, Consumer<HttpServerRequest> answer) {
        routes.put(rawPath, answer);
        return this;
    }

    public InternalApiStandIn json(String rawPath, String body) {
        return on(rawPath, request -> request.response().putHeader("Content-Type", "application/json").end(body));
    }

    InternalApiStandIn problem(String rawPath, int status, String slug, String detail) {
        return on(rawPath, request -> problem(request, status, slug, detail));
    }

    int start() {
        return start(0);
    }

    /** Listens on {@code wanted} (0: any free port), for a service configured with a fixed URL. */
    public int start(int wanted) {
        vertx = Vertx.vertx();
        try {
            HttpServer server = vertx.createHttpServer().requestHandler(this::handle).listen(wanted, "127.0.0.1").toCompletionStage().toCompletableFuture()
                    .get(30, TimeUnit.SECONDS);
            port = server.actualPort();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
        return port;
    }

    String url() {
        return "http://127.0.0.1:" + port;
    }

    /** The raw paths requested, in order. */
    public List<String> paths() {
        return List.copyOf(paths);
    }

    @Override
    public void close() {
        if (vertx != null) {
            vertx.close().toCompletionStage().toCompletableFuture().join();
            vertx = null;
        }
    }

    private void handle(HttpServerRequest request) {
        String rawPath = request.uri().split("\\?", 2)[0];
        paths.add(rawPath);
        if (!ServiceTokenCheck.isServiceToken(request.getHeader("Authorization"), trusted)) {
            problem(request, 401, "unauthenticated", "a bearer token of group service is required");
            return;
        }
        Consumer<HttpServerRequest> answer = routes.get(rawPath);
        if (answer == null) {
            problem(request, 404, "not-found", "nothing at " + rawPath);
        } else {
            answer.accept(request);
        }
    }

    private static void problem(HttpServerRequest request, int status, String slug, String detail) {
        request.response().setStatusCode(status).putHeader("Content-Type", "application/problem+json").end(new JsonObject()
                .put("type", "urn:slipway:problem:" + slug).put("title", "Problem").put("status", status).put("detail", detail).encode());
    }
}
