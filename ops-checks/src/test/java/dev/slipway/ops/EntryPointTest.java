package dev.slipway.ops;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.api.RouteTable;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * API-8 in compose: docker/nginx/nginx.conf has the internal 404 first, then one location per row of
 * api/routes.json proxying to the row's service and port, in an order where the first match (nginx's
 * rule for regular expressions) is the table's route, and a 404 for any other path under /api. Every
 * other path is the web console's build, which compose.yaml mounts read-only.
 */
class EntryPointTest {

    private static final Pattern LOCATION = Pattern.compile("location ~ \\^(\\S+) \\{\\s*(?:proxy_pass http://([a-z-]+):(\\d+);|return (404);)");

    record Location(String regex, String service, int port) {
    }

    static List<Location> locations() {
        List<Location> locations = new ArrayList<>();
        Matcher matcher = LOCATION.matcher(Checkout.read("docker/nginx/nginx.conf"));
        while (matcher.find()) {
            locations.add(matcher.group(4) != null ? new Location(matcher.group(1), "404", 0)
                    : new Location(matcher.group(1), matcher.group(2), Integer.parseInt(matcher.group(3))));
        }
        return locations;
    }

    @Test
    void theLocationsAreTheTableBehindTheInternal404() {
        List<Location> locations = locations();
        assertThat(locations).isNotEmpty();
        assertThat(locations.get(0)).isEqualTo(new Location(EntryPoints.internal(), "404", 0));
        assertThat(locations.subList(1, locations.size()).stream().map(l -> new EntryPoints.Rule(l.regex(), l.service(), l.port())).toList())
                .containsExactlyInAnyOrderElementsOf(EntryPoints.rules());
        assertThat(Checkout.read("docker/nginx/nginx.conf")).contains("location /api/ {\n            return 404;");
    }

    @Test
    void everyOtherPathIsTheConsolesBuildMountedByCompose() {
        String conf = Checkout.read("docker/nginx/nginx.conf");
        String root = "/usr/share/nginx/html";
        assertThat(conf).contains("location / {\n            root " + root + ";", "location /assets/ {\n            root " + root + ";")
                // Its module scripts run only when served as JavaScript.
                .contains("include /etc/nginx/mime.types;")
                // The browser's host and port reach the services: the console's own requests are same-origin to their CORS
                // filter (API-7), and a Location names this origin.
                .contains("proxy_set_header Host $http_host;").doesNotContain("proxy_set_header Host $host;");
        List<String> volumes = new ArrayList<>();
        ComposeTest.compose().path("services").path("entry").path("volumes").forEach(volume -> volumes.add(volume.asText()));
        assertThat(volumes).contains("../console/dist:" + root + ":ro");
    }

    @Test
    void theFirstMatchingLocationIsTheTablesRoute() {
        RouteTable table = EntryPoints.table();
        List<String> problems = new ArrayList<>();
        List<String> paths = new ArrayList<>(List.of(table.internal(), table.internal() + "/projects/shop/repository", "/api/v1", "/q/health"));
        table.routes().forEach(row -> {
            String path = row.pattern().replaceAll("\\{[^}]+}", "shop");
            paths.add(path);
            paths.add(path + "/x/y");
        });
        for (String path : paths) {
            String expected = table.isInternal(path) ? "404" : table.route(path).map(RouteTable.Route::service).orElse("404");
            String actual = locations().stream().filter(l -> Pattern.compile("^" + l.regex()).matcher(path).find()).findFirst()
                    .map(Location::service).orElse("404");
            if (!expected.equals(actual)) {
                problems.add(path + ": nginx sends it to " + actual + ", api/routes.json to " + expected);
            }
        }
        assertThat(problems).isEmpty();
    }
}
