package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;
import java.util.zip.GZIPInputStream;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLContextSpi;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLServerSocketFactory;
import javax.net.ssl.SSLSessionContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManager;

/**
 * The public API (API-1) through one origin (API-8), with the JDK's HttpClient: JSON in and out, the bearer token of
 * the context (SEC-1), a problem answer thrown as {@link ApiProblem}, an origin that does not answer as
 * {@link ExitCodes#UNAVAILABLE}. The token is sent, never printed.
 */
public final class Api {

    /** Most items a list page holds (API-4: the services accept 1-200). */
    public static final int PAGE = 200;
    private static final Duration CONNECT = Duration.ofSeconds(5);
    private static final Duration ANSWER = Duration.ofSeconds(60);

    private final String base;
    private final String token;
    private final HttpClient http;

    public Api(String base, String token) {
        this.base = base.replaceAll("/+$", "");
        this.token = token;
        HttpClient.Builder builder = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(CONNECT)
                .followRedirects(HttpClient.Redirect.NEVER);
        if (this.base.startsWith("http://")) {
            // Without one, the builder initialises the default SSLContext (JSSE, the CA certificates): a fifth of a run's
            // time, for nothing over plain http. This one never serves a connection.
            builder.sslContext(NoTls.CONTEXT).sslParameters(new SSLParameters());
        }
        this.http = builder.build();
    }

    public String base() {
        return base;
    }

    /** {@code /api/v1/} and the segments, each percent-encoded ({@code env:SECRET} stays one segment). */
    public static String path(String... segments) {
        StringJoiner path = new StringJoiner("/", "/api/v1/", "");
        for (String segment : segments) {
            path.add(segment(segment));
        }
        return path.toString();
    }

    /** One path segment, percent-encoded: {@code /} and {@code :} included. */
    public static String segment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A path with query parameters; null values are left out. */
    public static String query(String path, Map<String, ?> parameters) {
        StringJoiner query = new StringJoiner("&", "?", "");
        query.setEmptyValue("");
        parameters.forEach((name, value) -> {
            if (value != null) {
                query.add(name + "=" + URLEncoder.encode(value.toString(), StandardCharsets.UTF_8));
            }
        });
        return path + query;
    }

    public JsonNode get(String path) {
        return send("GET", path, null).body();
    }

    public String getText(String path) {
        return exchange(request("GET", path, null).header("Accept", "text/plain, application/problem+json")).text();
    }

    public Answer post(String path, JsonNode body) {
        return send("POST", path, body == null ? Json.object() : body);
    }

    public Answer patch(String path, JsonNode body) {
        return send("PATCH", path, body);
    }

    public Answer delete(String path) {
        return send("DELETE", path, null);
    }

    /**
     * Every item of a paginated list (API-4), following {@code next} up to {@code limit} items (0: all). {@code path}
     * may carry a query already.
     */
    public List<JsonNode> list(String path, int limit) {
        List<JsonNode> items = new ArrayList<>();
        String cursor = null;
        do {
            Map<String, Object> page = new LinkedHashMap<>();
            page.put("limit", limit > 0 ? Math.min(PAGE, limit - items.size()) : PAGE);
            page.put("cursor", cursor);
            String pageQuery = query("", page).substring(1);
            JsonNode answer = get(path + (path.contains("?") ? "&" : "?") + pageQuery);
            if (answer.isArray()) {
                answer.forEach(items::add);
                return items;
            }
            answer.path("items").forEach(items::add);
            cursor = Json.text(answer, "next");
        } while (cursor != null && (limit <= 0 || items.size() < limit));
        return items;
    }

    /** One answer: its status, the Location header when there is one, and the JSON body (null for none). */
    public record Answer(int status, String location, JsonNode body, String text) {
    }

    public Answer send(String method, String path, JsonNode body) {
        HttpRequest.Builder request = request(method, path, body).header("Accept", "application/json, application/problem+json");
        return exchange(request);
    }

    /** A request to the origin with the bearer token; the caller adds what it accepts. */
    HttpRequest.Builder request(String method, String path, JsonNode body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(ANSWER);
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (body == null) {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        } else {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(Json.write(body), StandardCharsets.UTF_8));
        }
        return request;
    }

    /**
     * One request answered whole. It asks for gzip, which the services send for JSON (a page of 50 environments is 110 KB,
     * 3 KB gzipped) and the JDK's client does not decode by itself; an event stream ({@link LogStream}) never asks.
     */
    private Answer exchange(HttpRequest.Builder builder) {
        HttpRequest request = builder.header("Accept-Encoding", "gzip").build();
        HttpResponse<byte[]> response = sendRaw(request, HttpResponse.BodyHandlers.ofByteArray());
        String text = decoded(response, request);
        if (response.statusCode() >= 400) {
            throw ApiProblem.of(response.statusCode(), text, request.method() + " " + request.uri().getRawPath());
        }
        String type = response.headers().firstValue("Content-Type").orElse("");
        JsonNode json = null;
        if (type.contains("json") && text != null && !text.isBlank()) {
            try {
                json = Json.parse(text);
            } catch (IOException e) {
                throw CliException.failed("The answer to " + request.method() + " " + request.uri().getRawPath() + " is not JSON: " + e.getMessage());
            }
        }
        return new Answer(response.statusCode(), response.headers().firstValue("Location").orElse(null), json, text);
    }

    private String decoded(HttpResponse<byte[]> response, HttpRequest request) {
        byte[] body = response.body();
        if (response.headers().firstValue("Content-Encoding").filter("gzip"::equalsIgnoreCase).isPresent()) {
            try (GZIPInputStream unzipped = new GZIPInputStream(new ByteArrayInputStream(body))) {
                body = unzipped.readAllBytes();
            } catch (IOException e) {
                throw CliException.failed("The answer to " + request.method() + " " + request.uri().getRawPath() + " is not valid gzip: " + e.getMessage());
            }
        }
        return new String(body, StandardCharsets.UTF_8);
    }

    /** Sends, turning a refused or timed-out connection into {@link ExitCodes#UNAVAILABLE}. */
    <T> HttpResponse<T> sendRaw(HttpRequest request, HttpResponse.BodyHandler<T> handler) {
        try {
            return http.send(request, handler);
        } catch (ConnectException | HttpConnectTimeoutException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, "No answer from " + base + " (is the suite running? bin/slipway status)");
        } catch (HttpTimeoutException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, request.method() + " " + request.uri().getRawPath() + ": no answer within " + ANSWER.toSeconds() + " s");
        } catch (IOException e) {
            throw new CliException(ExitCodes.UNAVAILABLE, request.method() + " " + request.uri().getRawPath() + " failed: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("Interrupted");
        }
    }

    HttpClient http() {
        return http;
    }

    /**
     * Ends the HttpClient's selector thread (JDK 17's client has no {@code close()}). A JVM that exits waits up to 300 ms
     * for every thread sitting in native code, and that thread sits in {@code epoll_wait}: without this, every command
     * that made a request took a third of a second longer to end (docs/performance.md). Interrupted, the thread closes
     * its selector and ends.
     */
    static void stopSelectorThreads() {
        Thread[] threads = new Thread[Thread.activeCount() + 8];
        int count = Thread.enumerate(threads);
        for (int i = 0; i < count; i++) {
            Thread thread = threads[i];
            if (thread.getName().endsWith("-SelectorManager")) {
                thread.interrupt();
                try {
                    thread.join(100);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /** An SSLContext that refuses to be used: what a client of an http:// origin is given instead of the default one. */
    private static final class NoTls extends SSLContextSpi {

        static final SSLContext CONTEXT = new SSLContext(new NoTls(), null, "none") {
        };

        @Override
        protected void engineInit(KeyManager[] keys, TrustManager[] trust, SecureRandom random) {
        }

        @Override
        protected SSLSocketFactory engineGetSocketFactory() {
            throw new UnsupportedOperationException("no TLS to an http:// origin");
        }

        @Override
        protected SSLServerSocketFactory engineGetServerSocketFactory() {
            throw new UnsupportedOperationException("no TLS to an http:// origin");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine() {
            throw new UnsupportedOperationException("no TLS to an http:// origin");
        }

        @Override
        protected SSLEngine engineCreateSSLEngine(String host, int port) {
            throw new UnsupportedOperationException("no TLS to an http:// origin");
        }

        @Override
        protected SSLSessionContext engineGetServerSessionContext() {
            throw new UnsupportedOperationException("no TLS to an http:// origin");
        }

        @Override
        protected SSLSessionContext engineGetClientSessionContext() {
            throw new UnsupportedOperationException("no TLS to an http:// origin");
        }
    }
}
