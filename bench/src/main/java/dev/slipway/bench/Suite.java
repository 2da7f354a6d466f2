package dev.slipway.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.DevTokens;
import dev.slipway.devinfra.LocalPostgres;
import dev.slipway.devinfra.Processes;
import dev.slipway.devinfra.ServiceLauncher;
import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.devinfra.SuiteService;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/** The running suite under measurement: its HTTP APIs, databases, processes and tokens. */
final class Suite {

    static final ObjectMapper JSON = new ObjectMapper();

    final SlipwayHome home = SlipwayHome.locate();
    final ServiceLauncher launcher = new ServiceLauncher(home);
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private final DevTokens tokens = new DevTokens(DevKeys.forSuite(home).loadPrivateKey(), DevTokens.DEFAULT_ISSUER);
    private final Map<String, String> tokenCache = new HashMap<>();
    private final LocalPostgres.Endpoint database = new LocalPostgres(home).running()
            .orElseThrow(() -> new IllegalStateException("No PostgreSQL answers; start the suite with bin/slipway up"));

    void header(String what) {
        System.out.printf(Locale.ROOT, "# bench %s | %s | %d cores, load %s | suite %s at %s%n", what, Instant.now(),
                Runtime.getRuntime().availableProcessors(), loadAverage(), home.root(), commit());
    }

    /** The machine's 1, 5 and 15 minute load averages: these 2-core machines are shared with builds. */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException | RuntimeException e) {
            return "?";
        }
    }

    private String commit() {
        try {
            Process git = new ProcessBuilder("git", "-C", home.root().toString(), "rev-parse", "--short", "HEAD").start();
            return new String(git.getInputStream().readAllBytes()).trim();
        } catch (IOException e) {
            return "?";
        }
    }

    LocalPostgres.Endpoint database() {
        return database;
    }

    /** The user whose token carries the group {@code support} (SEC-1): approves tickets. */
    static final String SUPPORT = "carol";

    String token(String user) {
        return tokenCache.computeIfAbsent(user, u -> tokens.mint(u, u.equals(SUPPORT) ? List.of("support") : List.of(), Duration.ofHours(8)));
    }

    static String newId(String prefix) {
        return prefix + UUID.randomUUID().toString().replace("-", "").substring(0, 8).toLowerCase(Locale.ROOT);
    }

    /** A response: status, headers and JSON body (null when empty). */
    record Answer(int status, HttpResponse<String> raw) {
        JsonNode json() {
            try {
                return raw.body() == null || raw.body().isEmpty() ? null : JSON.readTree(raw.body());
            } catch (IOException e) {
                throw new IllegalStateException("not JSON: " + raw.body(), e);
            }
        }
    }

    Answer call(String method, SuiteService service, String path, String user, String body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + path))
                .timeout(Duration.ofSeconds(30)).header("Authorization", "Bearer " + token(user));
        if (body != null) {
            request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(body));
        } else {
            request.method(method, HttpRequest.BodyPublishers.noBody());
        }
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(response.statusCode(), response);
        } catch (IOException e) {
            throw new IllegalStateException(method + " " + path + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    Answer expect(int status, String method, SuiteService service, String path, String user, String body) {
        Answer answer = call(method, service, path, user, body);
        if (answer.status() != status) {
            throw new IllegalStateException(method + " " + path + " answered " + answer.status() + ": " + answer.raw().body());
        }
        return answer;
    }

    /** Creates a project owned by alice. */
    void createProject(String id) {
        expect(201, "POST", SuiteService.ENVIRONMENT, "/api/v1/projects", "alice", "{\"id\":\"" + id + "\"}");
    }

    /** Creates a project with room for 50 active environments and a first commit on master. */
    void createProjectWithCommit(String id) {
        createProjectWithCommit(id, Map.of());
    }

    /** The same, the first commit also holding {@code files} (path relative to the work tree -> content). */
    void createProjectWithCommit(String id, Map<String, String> files) {
        createProject(id);
        expect(200, "PATCH", SuiteService.ENVIRONMENT, "/api/v1/projects/" + id, "alice", "{\"activeEnvironmentLimit\":50}");
        await(() -> call("GET", SuiteService.GATEWAY, "/api/v1/projects/" + id + "/repository", "alice", null).status() == 200,
                Duration.ofSeconds(60), "repository of " + id);
        pushFirstCommit(id, files);
    }

    /** Writes a commit to master of the hosted bare repository with the git command line. */
    private void pushFirstCommit(String project, Map<String, String> files) {
        try {
            Path work = Files.createTempDirectory("bench-git-");
            Path bare = home.state("git", project + ".git");
            Processes.run(List.of("git", "-C", work.toString(), "init", "-q", "-b", "master"), Duration.ofSeconds(30));
            Files.writeString(work.resolve("README.md"), "bench\n");
            for (Map.Entry<String, String> file : files.entrySet()) {
                Path path = work.resolve(file.getKey());
                Files.createDirectories(path.getParent());
                Files.writeString(path, file.getValue());
            }
            Processes.run(List.of("git", "-C", work.toString(), "add", "."), Duration.ofSeconds(30));
            Processes.run(List.of("git", "-C", work.toString(), "-c", "user.name=bench", "-c", "user.email=bench@localhost",
                    "commit", "-q", "-m", "first"), Duration.ofSeconds(30));
            Processes.run(List.of("git", "-C", work.toString(), "push", "-q", bare.toString(), "master"), Duration.ofSeconds(30));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Branches {@code name} from master and waits until its activity is COMPLETE; returns the activity. */
    JsonNode branchAndWait(String project, String name) {
        JsonNode activity = expect(202, "POST", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/environments/master/branch",
                "alice", "{\"name\":\"" + name + "\"}").json();
        return awaitActivity(project, activity.get("id").asText(), Duration.ofSeconds(60), 2);
    }

    JsonNode awaitActivity(String project, String id, Duration timeout, long pollMillis) {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            JsonNode activity = expect(200, "GET", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/activities/" + id, "alice", null).json();
            if ("COMPLETE".equals(activity.get("state").asText())) {
                return activity;
            }
            sleep(pollMillis);
        }
        throw new IllegalStateException("activity " + id + " not complete after " + timeout);
    }

    Connection db(SuiteService service) throws SQLException {
        return DriverManager.getConnection(database.jdbcUrl(service.database()), database.user(), "");
    }

    static void await(BooleanSupplier condition, Duration timeout, String what) {
        Instant deadline = Instant.now().plus(timeout);
        while (!condition.getAsBoolean()) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException("timed out waiting for " + what);
            }
            sleep(5);
        }
    }

    /** Polls readiness every 5 ms; returns the wall-clock time (epoch ms) it first answered UP. */
    long awaitReady(SuiteService service, int instance, Duration timeout) {
        Instant deadline = Instant.now().plus(timeout);
        while (!"UP".equals(launcher.readiness(service, instance))) {
            if (Instant.now().isAfter(deadline)) {
                throw new IllegalStateException(service.module() + " instance " + instance + " not ready after " + timeout);
            }
            sleep(5);
        }
        return System.currentTimeMillis();
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
