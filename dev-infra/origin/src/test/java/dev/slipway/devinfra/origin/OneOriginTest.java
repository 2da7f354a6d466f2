package dev.slipway.devinfra.origin;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.slipway.api.RouteTable;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.DevTokens;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The origin against two stub services on ports of their own; nothing of the suite needs to run. */
class OneOriginTest {

    @TempDir
    Path dir;

    private HttpServer projects;
    private HttpServer deployments;
    private OneOrigin origin;
    private final ConcurrentLinkedQueue<String> seen = new ConcurrentLinkedQueue<>();
    private final ConcurrentLinkedQueue<String> origins = new ConcurrentLinkedQueue<>();
    private final CountDownLatch releaseStream = new CountDownLatch(1);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @BeforeEach
    void start() throws IOException {
        projects = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        projects.createContext("/", exchange -> {
            seen.add("projects " + exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Authorization") + " " + new String(exchange.getRequestBody().readAllBytes()));
            origins.add(String.valueOf(exchange.getRequestHeaders().getFirst("Origin")));
            exchange.getResponseHeaders().set("Location", "http://127.0.0.1:" + projects.getAddress().getPort() + "/api/v1/projects/shop/activities/a1");
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(202, 0);
            exchange.getResponseBody().write("{\"id\":\"a1\"}".getBytes());
            exchange.close();
        });
        projects.start();
        deployments = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        deployments.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        deployments.createContext("/", exchange -> {
            exchange.getResponseHeaders().set("Content-Type", "text/event-stream");
            exchange.sendResponseHeaders(200, 0);
            OutputStream out = exchange.getResponseBody();
            out.write("data: first line\n\n".getBytes());
            out.flush();
            try {
                releaseStream.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            out.write("data: second line\n\n".getBytes());
            out.close();
        });
        deployments.start();
        RouteTable table = RouteTable.of("/api/v1/internal", List.of(
                new RouteTable.Route("/api/v1/projects", "environment-service", projects.getAddress().getPort()),
                new RouteTable.Route("/api/v1/projects/{project}/deployments", "deployment-service", deployments.getAddress().getPort())));
        Files.writeString(dir.resolve("index.html"), "<!doctype html><title>console</title>");
        Files.createDirectories(dir.resolve("assets"));
        Files.writeString(dir.resolve("assets/app-1234.js"), "console.log(1)");
        Files.writeString(dir.getParent().resolve("secret.txt"), "not served");
        DevKeys keys = new DevKeys(dir.resolve("keys")).ensure();
        origin = new OneOrigin("127.0.0.1", 0, table, "127.0.0.1", dir,
                Optional.of(new DevTokens(keys.loadPrivateKey(), DevTokens.DEFAULT_ISSUER)));
    }

    @AfterEach
    void stop() {
        releaseStream.countDown();
        origin.close();
        projects.stop(0);
        deployments.stop(0);
    }

    private URI at(String path) {
        return URI.create("http://127.0.0.1:" + origin.port() + path);
    }

    @Test
    void routesApiRequestsByTheTableWithMethodQueryHeadersAndBody() throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(at("/api/v1/projects/shop/environments/master/branch?x=1"))
                .header("Authorization", "Bearer t").header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"f\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(response.body()).isEqualTo("{\"id\":\"a1\"}");
        assertThat(seen).containsExactly("projects POST /api/v1/projects/shop/environments/master/branch?x=1 Bearer t {\"name\":\"f\"}");
        // The Location stays on the origin rather than naming the service's port.
        assertThat(response.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + origin.port() + "/api/v1/projects/shop/activities/a1");
    }

    @Test
    void theConsolesOwnOriginIsNotForwardedAnotherOneIs() throws Exception {
        for (String value : List.of("http://127.0.0.1:" + origin.port(), "https://shop.example.com")) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(at("/api/v1/projects")).header("Origin", value)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).isEqualTo(202);
        }
        // The console calling the API it was served with is no cross-origin request (the service's CORS filter would
        // refuse it); another page's Origin reaches the service, whose CORS rules decide (API-7).
        assertThat(origins).containsExactly("null", "https://shop.example.com");
    }

    @Test
    void streamsServerSentEventsAsTheServiceWritesThem() throws Exception {
        HttpResponse<InputStream> response = http.send(HttpRequest.newBuilder(at("/api/v1/projects/shop/deployments/d1/log/stream")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("text/event-stream");
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            // The stub holds the rest of its stream until the first event was read through the origin: a
            // proxy that buffered would deliver nothing within 5 s.
            assertThat(CompletableFuture.supplyAsync(() -> readLine(reader)).get(5, TimeUnit.SECONDS)).isEqualTo("data: first line");
            releaseStream.countDown();
            assertThat(reader.readLine()).isEmpty();
            assertThat(reader.readLine()).isEqualTo("data: second line");
        }
    }

    @Test
    void neverRoutesInternalOrUnknownPaths() throws Exception {
        HttpResponse<String> internal = http.send(HttpRequest.newBuilder(at("/api/v1/internal/projects/shop/members/alice")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(internal.statusCode()).isEqualTo(404);
        assertThat(internal.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(internal.body()).contains("for services only (API-8)");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(at("/api/v1/nothing")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(seen).isEmpty();
    }

    @Test
    void servesTheConsoleAndNothingOutsideItsBuild() throws Exception {
        HttpResponse<String> index = http.send(HttpRequest.newBuilder(at("/")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(index.statusCode()).isEqualTo(200);
        assertThat(index.body()).contains("<title>console</title>");
        assertThat(index.headers().firstValue("Cache-Control")).hasValue("no-cache");
        HttpResponse<String> asset = http.send(HttpRequest.newBuilder(at("/assets/app-1234.js")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(asset.headers().firstValue("Content-Type")).hasValue("text/javascript; charset=utf-8");
        assertThat(asset.headers().firstValue("Cache-Control")).hasValue("public, max-age=31536000, immutable");
        assertThat(asset.headers().firstValue("Content-Encoding")).isEmpty();
        HttpResponse<byte[]> gzipped = http.send(HttpRequest.newBuilder(at("/assets/app-1234.js")).header("Accept-Encoding", "gzip, br").build(),
                HttpResponse.BodyHandlers.ofByteArray());
        assertThat(gzipped.headers().firstValue("Content-Encoding")).hasValue("gzip");
        assertThat(gzipped.headers().firstValue("Vary")).hasValue("Accept-Encoding");
        assertThat(new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(gzipped.body())).readAllBytes())
                .asString(StandardCharsets.UTF_8).isEqualTo("console.log(1)");
        HttpResponse<String> escape = http.send(HttpRequest.newBuilder(at("/assets/%2e%2e/%2e%2e/secret.txt")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(escape.statusCode()).isEqualTo(404);
        assertThat(escape.body()).doesNotContain("not served");
    }

    @Test
    void developmentSignInMintsATokenForTheUserWithSupportOnlyWhenAsked() throws Exception {
        HttpResponse<String> available = http.send(HttpRequest.newBuilder(at("/dev/sign-in")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(available.body()).isEqualTo("{\"available\":true}");
        assertThat(claims(signIn("{\"user\":\"sam\",\"support\":true}").body())).contains("\"sub\":\"sam\"").contains("\"groups\":[\"support\"]");
        assertThat(claims(signIn("{\"user\":\"alice\"}").body())).contains("\"sub\":\"alice\"").contains("\"groups\":[]");
        HttpResponse<String> bad = signIn("{\"user\":\"a b\"}");
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(bad.body()).contains("\"title\":\"Invalid request\"");
    }

    @Test
    void withoutTokensThereIsNoDevelopmentSignIn() throws Exception {
        origin.close();
        RouteTable table = RouteTable.of("/api/v1/internal", List.of(new RouteTable.Route("/api/v1/projects", "environment-service", 1)));
        origin = new OneOrigin("127.0.0.1", 0, table, "127.0.0.1", dir, Optional.empty());
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(at("/dev/sign-in")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(404);
    }

    private HttpResponse<String> signIn(String body) throws Exception {
        return http.send(HttpRequest.newBuilder(at("/dev/sign-in")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String readLine(BufferedReader reader) {
        try {
            return reader.readLine();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String claims(String response) {
        String token = response.replaceAll("^\\{\"token\":\"(.*)\"}$", "$1");
        return new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]), StandardCharsets.UTF_8);
    }
}
