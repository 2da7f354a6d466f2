package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Follows a deployment's log to its end over server-sent events (DEP-8): {@code GET .../log/stream} answers an event
 * {@code line} per log line (its id the line's {@code seq}, its data a DeploymentLogLine) and a last event
 * {@code end} whose data is the finished deployment. When the stream drops before {@code end} (the origin or the
 * service restarted, the network blinked) it connects again with {@code Last-Event-ID}, so no line is lost or
 * printed twice; it gives up after {@link #ATTEMPTS} connections in a row that brought nothing.
 */
public final class LogStream {

    static final int ATTEMPTS = 8;
    private static final Duration FIRST_BACKOFF = Duration.ofMillis(250);
    private static final Duration LAST_BACKOFF = Duration.ofSeconds(4);

    private final Api api;
    private final String path;
    private long lastEventId = -1;

    /** @param path the stream's path, {@code /api/v1/projects/<p>/deployments/<id>/log/stream} */
    public LogStream(Api api, String path) {
        this.api = api;
        this.path = path;
    }

    /** Hands each line to {@code lines} in order and returns the finished deployment. */
    public JsonNode follow(Consumer<JsonNode> lines, Consumer<String> notices) {
        int failures = 0;
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            long before = lastEventId;
            JsonNode end;
            String dropped;
            try {
                end = connect(lines);
                if (end != null) {
                    return end;
                }
                dropped = "the log stream ended before the deployment did";
            } catch (UncheckedIOException e) {
                dropped = "the log stream dropped (" + e.getCause().getMessage() + ")";
            } catch (CliException e) {
                if (e.exitCode() != ExitCodes.UNAVAILABLE) {
                    throw e; // 404, 403: following again would say the same
                }
                dropped = e.getMessage();
            }
            failures = lastEventId > before ? 1 : failures + 1;
            if (failures >= ATTEMPTS) {
                throw new CliException(ExitCodes.UNAVAILABLE, dropped + "; gave up after " + ATTEMPTS + " attempts");
            }
            notices.accept(dropped + "; resuming after line " + Math.max(lastEventId, 0));
            sleep(backoff);
            backoff = backoff.multipliedBy(2).compareTo(LAST_BACKOFF) > 0 ? LAST_BACKOFF : backoff.multipliedBy(2);
        }
    }

    /** One connection: the {@code end} event's deployment, or null when the stream ended without it. */
    private JsonNode connect(Consumer<JsonNode> lines) {
        HttpRequest.Builder request = api.request("GET", path, null).header("Accept", "text/event-stream, application/problem+json")
                .timeout(Duration.ofDays(1));
        if (lastEventId >= 0) {
            request.header("Last-Event-ID", Long.toString(lastEventId));
        }
        HttpResponse<InputStream> response = api.sendRaw(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body();
                BufferedReader reader = new BufferedReader(new InputStreamReader(body, StandardCharsets.UTF_8))) {
            if (response.statusCode() >= 400) {
                throw ApiProblem.of(response.statusCode(), new String(body.readAllBytes(), StandardCharsets.UTF_8), "GET " + path);
            }
            String event = "message";
            String id = null;
            StringBuilder data = new StringBuilder();
            for (String line = reader.readLine(); line != null; line = reader.readLine()) {
                if (line.isEmpty()) {
                    if (data.length() > 0) {
                        JsonNode payload = Json.parse(data.toString());
                        if (event.equals("end")) {
                            return payload;
                        }
                        if (event.equals("line")) {
                            long seq = id != null && id.matches("\\d+") ? Long.parseLong(id) : payload.path("seq").asLong(-1);
                            if (seq > lastEventId) { // a resumed stream never repeats a line, but a server might
                                lines.accept(payload);
                                lastEventId = seq;
                            }
                        }
                    }
                    event = "message";
                    id = null;
                    data.setLength(0);
                } else if (!line.startsWith(":")) {
                    int colon = line.indexOf(':');
                    String field = colon < 0 ? line : line.substring(0, colon);
                    String value = colon < 0 ? "" : line.substring(colon + 1);
                    if (value.startsWith(" ")) {
                        value = value.substring(1);
                    }
                    switch (field) {
                        case "event" -> event = value;
                        case "id" -> id = value;
                        case "data" -> data.append(data.length() > 0 ? "\n" : "").append(value);
                        default -> {
                            // retry and unknown fields: nothing to do
                        }
                    }
                }
            }
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A line as the text log shows it: {@code <at> [PHASE] [node N] text}. */
    public static String format(JsonNode line) {
        StringBuilder text = new StringBuilder(Json.cell(line, "at"));
        String phase = Json.text(line, "phase");
        if (phase != null) {
            text.append(" [").append(phase).append(']');
        }
        String node = Json.text(line, "node");
        if (node != null) {
            text.append(" [node ").append(node).append(']');
        }
        return text.append(' ').append(Json.cell(line, "text")).toString();
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw CliException.failed("Interrupted");
        }
    }
}
