package dev.slipway.ticket.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Plays, over real HTTP, the parts of environment-service, deployment-service and ssh-gateway that
 * ticket-service reads while opening and previewing tickets; the whole flow with the real services
 * is tested in the system-tests module. One per test JVM, on {@code slipway.test.ticket-stand-in.port}
 * (default 18893), which the test profile points every {@code slipway.services.*-url} at. Tests set
 * the answers per project, so they do not meet each other's.
 */
public final class ServiceStandIns {

    public static final int PORT = Integer.getInteger("slipway.test.ticket-stand-in.port", 18893);
    private static ServiceStandIns instance;

    /** Full commit ids by project. */
    private final Map<String, java.util.List<String>> commits = new ConcurrentHashMap<>();
    /** config-check answers by project/environment/commit: {digest, approvedDigest, approvalNeeded}. */
    private final Map<String, String[]> configChecks = new ConcurrentHashMap<>();
    /** variables list JSON by project/environment. */
    private final Map<String, String> variables = new ConcurrentHashMap<>();
    private final Map<String, String> liveDomains = new ConcurrentHashMap<>();

    public static synchronized ServiceStandIns start() {
        if (instance == null) {
            try {
                ServiceStandIns standIns = new ServiceStandIns();
                HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", PORT), 0);
                server.createContext("/", standIns::handle);
                server.start();
                instance = standIns;
            } catch (IOException e) {
                throw new IllegalStateException("Cannot start the service stand-ins on port " + PORT, e);
            }
        }
        return instance;
    }

    public void commits(String project, String... fullIds) {
        commits.put(project, java.util.List.of(fullIds));
    }

    public void configCheck(String project, String environment, String commit, String digest, String approvedDigest, boolean approvalNeeded) {
        configChecks.put(project + "/" + environment + "/" + commit, new String[] {digest, approvedDigest, Boolean.toString(approvalNeeded)});
    }

    /** {@code json}: the items of environment-service's variable list, e.g. {@code [{"name":"A","value":null,"sensitive":true}]}. */
    public void variables(String project, String environment, String json) {
        variables.put(project + "/" + environment, json);
    }

    public void liveDomains(String project, String jsonArray) {
        liveDomains.put(project, jsonArray);
    }

    private void handle(HttpExchange exchange) throws IOException {
        String auth = exchange.getRequestHeaders().getFirst("Authorization");
        if (auth == null || !auth.startsWith("Bearer ")) {
            respond(exchange, 401, "{\"status\":401}");
            return;
        }
        String path = exchange.getRequestURI().getPath();
        String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
        String[] s = path.split("/");
        // s: "", api, v1, internal, projects, {p}, ... or "", api, v1, projects, {p}, environments, {e}, ...
        if (path.startsWith("/api/v1/internal/projects/") && s.length == 8 && s[6].equals("commits")) {
            String found = commits.getOrDefault(s[5], java.util.List.of()).stream().filter(c -> c.startsWith(s[7].toLowerCase())).findFirst().orElse(null);
            respond(exchange, found == null ? 404 : 200, found == null ? "{\"status\":404,\"detail\":\"no such commit\"}" : "{\"commit\":\"" + found + "\"}");
        } else if (path.startsWith("/api/v1/internal/projects/") && s.length == 7 && s[6].equals("compare")) {
            String to = param(query, "to");
            respond(exchange, 200, "{\"from\":" + quoted(param(query, "from")) + ",\"to\":\"" + to + "\",\"commits\":[{\"commit\":\"" + to
                    + "\",\"summary\":\"Change the app\",\"author\":\"Bob\",\"committedAt\":\"2026-11-28T10:00:00Z\"}],\"commitsTruncated\":false,"
                    + "\"changedPaths\":[{\"path\":\".slipway/app.yaml\",\"change\":\"MODIFIED\",\"oldPath\":null}],\"changedPathsTruncated\":false}");
        } else if (path.startsWith("/api/v1/internal/projects/") && s.length == 9 && s[8].equals("config-check")) {
            String commit = param(query, "commit");
            String[] check = configChecks.get(s[5] + "/" + s[7] + "/" + commit);
            if (check == null) {
                respond(exchange, 404, "{\"status\":404}");
            } else {
                respond(exchange, 200, "{\"commit\":\"" + commit + "\",\"environmentId\":\"" + s[7] + "\",\"digest\":" + quoted(check[0])
                        + ",\"problems\":[],\"approvedDigest\":" + quoted(check[1]) + ",\"approvalNeeded\":" + check[2] + "}");
            }
        } else if (path.startsWith("/api/v1/projects/") && s.length == 8 && s[7].equals("variables")) {
            respond(exchange, 200, "{\"items\":" + variables.getOrDefault(s[4] + "/" + s[6], "[]") + ",\"next\":null}");
        } else if (path.startsWith("/api/v1/projects/") && s.length == 7 && s[5].equals("environments")) {
            respond(exchange, 200, "{\"id\":\"" + s[6] + "\",\"liveDomains\":" + liveDomains.getOrDefault(s[4], "[]") + "}");
        } else {
            respond(exchange, 404, "{\"status\":404}");
        }
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    private static String quoted(String value) {
        return value == null ? "null" : "\"" + value + "\"";
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", status < 300 ? "application/json" : "application/problem+json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
