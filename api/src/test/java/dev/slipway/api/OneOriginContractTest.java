package dev.slipway.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.slipway.api.RouteTable.Route;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * API-8: api/routes.json routes every public path of the four services' OpenAPI documents (as their
 * builds store them in target/openapi/) to the service that serves it, routes no internal path, and
 * is the table docs/architecture.md shows.
 */
class OneOriginContractTest {

    /** SPEC §1. */
    private static final List<String> SERVICES = List.of("environment-service", "deployment-service", "ticket-service", "ssh-gateway");

    private static Path root;
    private static RouteTable table;
    /** Service -> the paths its OpenAPI document declares. */
    private static final Map<String, List<String>> PATHS = new LinkedHashMap<>();

    @BeforeAll
    static void readTableAndDocuments() throws IOException {
        root = Path.of(System.getProperty("slipway.root", "..")).toAbsolutePath().normalize();
        table = RouteTable.read(root.resolve("api/routes.json"));
        List<String> missing = new ArrayList<>();
        for (String service : SERVICES) {
            Path document = root.resolve(service).resolve("target/openapi/openapi.json");
            if (!Files.isRegularFile(document)) {
                missing.add(document.toString());
                continue;
            }
            List<String> paths = new ArrayList<>();
            new ObjectMapper().readTree(document.toFile()).path("paths").fieldNames().forEachRemaining(paths::add);
            PATHS.put(service, paths);
        }
        if (!missing.isEmpty()) {
            fail("No OpenAPI document at " + String.join(", ", missing) + ": build the services first (./mvnw -DskipTests install, "
                    + "or ./mvnw -DskipTests -pl <service> -am package); each build stores it there");
        }
    }

    private static List<String> publicPaths(String service) {
        return PATHS.get(service).stream().filter(path -> !table.isInternal(path)).toList();
    }

    private static void assertNoProblems(String what, List<String> problems) {
        if (!problems.isEmpty()) {
            fail(what + ":\n  " + String.join("\n  ", problems));
        }
    }

    @Test
    void noPublicPathIsServedByTwoServices() {
        Map<String, TreeSet<String>> servicesByPath = new TreeMap<>();
        Map<String, String> spelling = new TreeMap<>();
        SERVICES.forEach(service -> publicPaths(service).forEach(path -> {
            String shape = path.replaceAll("\\{[^}/]*}", "{}");
            servicesByPath.computeIfAbsent(shape, key -> new TreeSet<>()).add(service);
            spelling.putIfAbsent(shape, path);
        }));
        List<String> problems = new ArrayList<>();
        servicesByPath.forEach((shape, services) -> {
            if (services.size() > 1) {
                problems.add(spelling.get(shape) + " is served by " + String.join(" and ", services));
            }
        });
        assertNoProblems("Public paths served by more than one service (API-8)", problems);
    }

    @Test
    void everyPublicPathIsRoutedToTheServiceThatServesIt() {
        List<String> problems = new ArrayList<>();
        SERVICES.forEach(service -> publicPaths(service).forEach(path -> {
            for (String instance : table.instances(path)) {
                String subject = instance.equals(path) ? path + " (" + service + ")" : path + " (" + service + ") with " + instance;
                Optional<Route> route = table.route(instance);
                if (route.isEmpty()) {
                    problems.add(subject + " matches no row of api/routes.json");
                } else if (!route.get().service().equals(service)) {
                    problems.add(subject + " is routed to " + route.get().service() + " by row " + route.get().pattern());
                }
            }
        }));
        assertNoProblems("Public paths the one origin does not route to their service (API-8)", problems);
    }

    @Test
    void everyRowRoutesAPathItsServiceServes() {
        List<String> problems = new ArrayList<>();
        for (Route row : table.routes()) {
            boolean used = PATHS.getOrDefault(row.service(), List.of()).stream()
                    .filter(path -> !table.isInternal(path))
                    .flatMap(path -> table.instances(path).stream())
                    .anyMatch(instance -> table.route(instance).filter(row::equals).isPresent());
            if (!used) {
                problems.add("row " + row.pattern() + " (" + row.service() + ") routes no path that " + row.service() + " serves");
            }
        }
        assertNoProblems("Rows of api/routes.json with nothing behind them", problems);
    }

    @Test
    void noInternalPathIsRouted() {
        assertThat(table.internal()).isEqualTo("/api/v1/internal");
        List<String> problems = new ArrayList<>();
        SERVICES.forEach(service -> PATHS.get(service).stream().filter(table::isInternal).forEach(path ->
                table.instances(path).forEach(instance -> table.route(instance).ifPresent(row ->
                        problems.add(path + " (" + service + ", internal) would be routed to " + row.service() + " by row " + row.pattern())))));
        assertNoProblems("Internal paths the one origin would route (API-8)", problems);
    }

    @Test
    void everyRowIsUnderApiV1AndNamesAServiceOnItsHttpPort() throws IOException {
        List<String> problems = new ArrayList<>();
        for (Route row : table.routes()) {
            if (!row.pattern().startsWith("/api/v1/")) {
                problems.add("row " + row.pattern() + " is not under /api/v1/ (API-1)");
            }
            if (!SERVICES.contains(row.service())) {
                problems.add("row " + row.pattern() + " names " + row.service() + ", which is none of " + SERVICES);
                continue;
            }
            Properties properties = new Properties();
            try (Reader reader = Files.newBufferedReader(root.resolve(row.service()).resolve("src/main/resources/application.properties"))) {
                properties.load(reader);
            }
            String port = properties.getProperty("quarkus.http.port");
            if (!String.valueOf(row.port()).equals(port)) {
                problems.add("row " + row.pattern() + " sends to port " + row.port() + "; " + row.service() + " listens on " + port);
            }
        }
        assertNoProblems("Rows of api/routes.json", problems);
    }

    @Test
    void theTableInDocsIsRoutesJsonRowByRow() throws IOException {
        List<String> documented = new ArrayList<>();
        boolean inSection = false;
        for (String line : Files.readAllLines(root.resolve("docs/architecture.md"))) {
            if (line.startsWith("## ")) {
                inSection = line.equals("## One origin (API-8)");
            } else if (inSection && line.startsWith("| `/")) {
                List<String> cells = List.of(line.substring(1, line.length() - 1).split("\\|")).stream().map(String::strip).toList();
                documented.add(String.join(" | ", cells.get(0).replace("`", ""), cells.get(1), cells.get(2)));
            }
        }
        List<String> json = table.routes().stream().map(row -> String.join(" | ", row.pattern(), row.service(), String.valueOf(row.port()))).toList();
        assertThat(documented).as("rows of the table in docs/architecture.md, section 'One origin (API-8)', vs api/routes.json")
                .containsExactlyElementsOf(json);
    }
}
