package dev.slipway.platform.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.slipway.platform.api.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;
import org.jboss.logging.Logger;

/**
 * Calls from this service to another Slipway service (SEC-4), on the JDK's HTTP client.
 *
 * <ul>
 * <li>Every request carries a bearer token of the {@code service} group ({@link ServiceTokenSource});
 * a 401 renews it once and repeats the request.</li>
 * <li>Unavailability (connection refused or broken, a connect or response timeout, 502, 503, 504)
 * is retried with exponential backoff and jitter, up to {@code slipway.services.retry.max-attempts}
 * attempts; then {@link ServiceUnavailableException}, and the caller's work waits and tries again
 * later: a service that is down delays work, it never fails it at once.</li>
 * <li>Any other error (4xx, 500) is never retried: {@link ServiceProblemException} with the
 * answer's problem details (API-2).</li>
 * </ul>
 *
 * Only GETs for now: they are safe to repeat. A write added here must be idempotent on the called
 * side before it may be retried.
 *
 * <p>Calls block, retries and waits included (up to the whole retry window): make them from a worker
 * thread (the deployment worker, a {@code @Blocking} handler), never from a Vert.x event loop, and
 * never inside a database transaction that would stay open meanwhile.
 */
@ApplicationScoped
public class ServiceClient {

    private static final Logger LOG = Logger.getLogger(ServiceClient.class);
    private static final String JSON = "application/json";
    /** Errors come as problem details whatever was asked for (API-2); saying so keeps content negotiation from answering 406. */
    private static final String OR_PROBLEM = ", " + Problem.MEDIA_TYPE;
    private static final int PROBLEM_BODY_LIMIT = 64 * 1024;

    private final ServicesConfig config;
    private final ServiceTokenSource tokens;
    private final ObjectMapper mapper;
    private final HttpClient http;

    @Inject
    public ServiceClient(ServicesConfig config, ServiceTokenSource tokens, ObjectMapper mapper) {
        this.config = config;
        this.tokens = tokens;
        this.mapper = mapper;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(config.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** GET {@code path} (from the target's base URL, encoded segments: {@link #segment(String)}) as JSON into {@code type}. */
    public <T> T getJson(SlipwayService target, String path, Class<T> type) {
        ObjectReader reader = reader().forType(type);
        return call(target, path, JSON + OR_PROBLEM, response -> readJson(target, reader, response));
    }

    /** GET {@code path} as JSON into a generic type ({@code new TypeReference<List<X>>() {}}). */
    public <T> T getJson(SlipwayService target, String path, TypeReference<T> type) {
        ObjectReader reader = reader().forType(type);
        return call(target, path, JSON + OR_PROBLEM, response -> readJson(target, reader, response));
    }

    /** GET {@code path}'s raw bytes, whole. */
    public byte[] getBytes(SlipwayService target, String path) {
        return call(target, path, "application/octet-stream" + OR_PROBLEM, response -> {
            try (InputStream body = response.body()) {
                return body.readAllBytes();
            }
        });
    }

    /** GET {@code path} with its body streamed: the caller reads it as it arrives and closes it. */
    public StreamedResponse getStream(SlipwayService target, String path, String accept) {
        return call(target, path, accept + OR_PROBLEM, response -> new StreamedResponse(response.statusCode(), response.headers(), response.body()));
    }

    /** {@code value} percent-encoded as one path segment ({@code /} included). */
    public static String segment(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /**
     * The other service's answers are read tolerantly: unlike this service's own API (which refuses
     * unknown fields, API-7), a field the called service added must not break its callers that were
     * deployed before it.
     */
    private ObjectReader reader() {
        return mapper.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    }

    private static <T> T readJson(SlipwayService target, ObjectReader reader, HttpResponse<InputStream> response) throws IOException {
        try (InputStream body = response.body()) {
            return reader.readValue(body);
        } catch (JsonProcessingException e) {
            // Not the contract's JSON: a bug on one side, not an outage, so no retry. Jackson's message
            // may quote the body, which can hold secret values (SEC-3): only the kind is kept.
            throw new ServiceProblemException(target.id(), response.statusCode(), null,
                    "the answer is not the expected JSON (" + e.getClass().getSimpleName() + ")");
        }
    }

    /** Reads a successful answer; an IOException while reading counts as unavailability and is retried. */
    @FunctionalInterface
    private interface BodyReader<T> {
        T read(HttpResponse<InputStream> response) throws IOException;
    }

    /** One call: attempts until a 2xx that {@code reader} reads, an error that is not unavailability, or the attempts run out. */
    private <T> T call(SlipwayService target, String path, String accept, BodyReader<T> reader) {
        URI uri = URI.create(stripTrailingSlash(target.url(config).toString()) + path);
        int maxAttempts = Math.max(1, config.retry().maxAttempts());
        boolean renewed = false;
        int attempt = 0;
        while (true) {
            attempt++;
            String reason;
            Throwable cause = null;
            try {
                HttpRequest request = HttpRequest.newBuilder(uri).GET().timeout(config.requestTimeout()).header("Accept", accept)
                        .header("Authorization", "Bearer " + tokens.token()).build();
                HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
                int status = response.statusCode();
                if (status >= 200 && status < 300) {
                    return reader.read(response);
                }
                if (status == 401 && !renewed) {
                    // An expired or rotated token: one fresh token, and this attempt does not count.
                    discard(response);
                    tokens.renew();
                    renewed = true;
                    attempt--;
                    continue;
                }
                if (status != 502 && status != 503 && status != 504) {
                    throw problem(target, response);
                }
                discard(response);
                reason = "HTTP " + status;
            } catch (HttpTimeoutException e) {
                reason = "no answer in time (" + e.getClass().getSimpleName() + ")";
                cause = e;
            } catch (IOException e) {
                reason = "cannot reach it (" + e.getClass().getSimpleName() + ")";
                cause = e;
            } catch (ServiceUnavailableException e) {
                // no token: the OIDC provider is down, which delays the call like the target being down
                reason = e.getMessage();
                cause = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException(target.id(), attempt, "interrupted", e);
            }
            if (attempt >= maxAttempts) {
                LOG.infof("%s GET %s: unavailable after %d attempts (%s)", target, path, attempt, reason);
                throw new ServiceUnavailableException(target.id(), attempt, reason, cause);
            }
            Duration wait = backoff(attempt);
            LOG.debugf("%s GET %s: %s; attempt %d of %d, next in %d ms", target, path, reason, attempt, maxAttempts, wait.toMillis());
            try {
                Thread.sleep(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new ServiceUnavailableException(target.id(), attempt, "interrupted", e);
            }
        }
    }

    /** Exponential (initial, 2x, 4x, ... up to the maximum) with jitter: between half and all of it, so callers do not retry in step. */
    Duration backoff(int failedAttempts) {
        long initial = Math.max(1, config.retry().initialBackoff().toMillis());
        long max = Math.max(initial, config.retry().maxBackoff().toMillis());
        long exponential = failedAttempts > 30 ? max : Math.min(max, initial << (failedAttempts - 1));
        long half = exponential / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(exponential - half + 1));
    }

    private ServiceProblemException problem(SlipwayService target, HttpResponse<InputStream> response) {
        String type = null;
        String detail = null;
        String rule = null;
        try (InputStream body = response.body()) {
            byte[] bytes = body.readNBytes(PROBLEM_BODY_LIMIT);
            String contentType = response.headers().firstValue("Content-Type").orElse("");
            if (contentType.contains("json") && bytes.length > 0) {
                JsonNode problem = mapper.readTree(bytes);
                type = text(problem, "type");
                detail = text(problem, "detail") != null ? text(problem, "detail") : text(problem, "title");
                rule = text(problem, "rule");
            }
        } catch (IOException e) {
            // the status alone tells what happened
        }
        return new ServiceProblemException(target.id(), response.statusCode(), type, detail, rule);
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }

    /** Drops an answer that is not used (its connection goes with it: a slow body must not hold the retry up). */
    private static void discard(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException e) {
            // already gone
        }
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
