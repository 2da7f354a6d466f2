package dev.slipway.devinfra.origin;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import dev.slipway.devinfra.DevTokens;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * The console's development sign-in, {@code /dev/sign-in}: {@code GET} says it is available,
 * {@code POST {"user":"alice","support":false}} answers {@code {"token":"..."}}, a token minted with
 * the development key, as {@code bin/slipway token} mints. It exists only in this local origin; the
 * images and the Kubernetes ingress have no such path, so the console offers only a pasted token there.
 * Never the {@code service} group: people sign in here, not services (SEC-4).
 */
final class DevSignIn {

    static final String PATH = "/dev/sign-in";
    private static final Pattern USER = Pattern.compile("[A-Za-z0-9._@-]{1,64}");
    private static final Duration LIFETIME = Duration.ofHours(8);

    private final DevTokens tokens;

    DevSignIn(DevTokens tokens) {
        this.tokens = tokens;
    }

    void handle(HttpExchange exchange) throws IOException {
        switch (exchange.getRequestMethod()) {
            case "GET", "HEAD" -> Responses.json(exchange, 200, Map.of("available", true));
            case "POST" -> signIn(exchange);
            default -> {
                exchange.getResponseHeaders().set("Allow", "GET, HEAD, POST");
                Responses.problem(exchange, 405, "Method Not Allowed", "Use GET or POST on " + PATH + ".");
            }
        }
    }

    private void signIn(HttpExchange exchange) throws IOException {
        JsonNode body;
        try {
            body = Responses.JSON.readTree(exchange.getRequestBody());
        } catch (IOException e) {
            Responses.problem(exchange, 400, "Invalid request", "The body must be JSON: {\"user\":\"alice\",\"support\":false}.");
            return;
        }
        String user = body == null ? "" : body.path("user").asText("");
        if (!USER.matcher(user).matches()) {
            Responses.problem(exchange, 400, "Invalid request", "user: 1-64 letters, digits, '.', '_', '@' or '-'.");
            return;
        }
        List<String> groups = body.path("support").asBoolean(false) ? List.of("support") : List.of();
        Responses.json(exchange, 200, Map.of("token", tokens.mint(user, groups, LIFETIME)));
    }
}
