package dev.slipway.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The one origin's routing table (API-8), as {@code api/routes.json} holds it.
 *
 * <p>A path and a pattern are lists of segments (split at {@code /}). A pattern segment
 * {@code {name}} matches exactly one segment, any other segment only itself. A pattern matches a path
 * when its segments are a prefix of the path's: {@code /api/v1/projects} matches
 * {@code /api/v1/projects/shop/environments}, never {@code /api/v1/projectsx}. Of the patterns that
 * match, the most specific wins: more literal segments first, then more segments. Two patterns that
 * match a common path and are equally specific tie; a table with a tie is refused, and so is one with
 * a pattern that would match a path under {@link #internal()}, which is never routed from outside.
 *
 * <p>A path may be an OpenAPI path template: its {@code {name}} segments then stand for a value that
 * is no literal of the table, and {@link #instances(String)} adds the values that are.
 */
public final class RouteTable {

    /** One row: the paths a pattern matches go to a service's HTTP port, unless a more specific row matches. */
    public record Route(String pattern, String service, int port) {

        List<String> segments() {
            return RouteTable.segments(pattern);
        }

        long literals() {
            return segments().stream().filter(segment -> !isParameter(segment)).count();
        }
    }

    private static final Pattern PARAMETER = Pattern.compile("\\{[A-Za-z][A-Za-z0-9_]*}");
    private static final Pattern LITERAL = Pattern.compile("[A-Za-z0-9._~-]+");
    /** More literal segments first, then more segments. */
    private static final Comparator<Route> SPECIFICITY = Comparator.comparingLong(Route::literals)
            .thenComparingInt(route -> route.segments().size());

    private final String internal;
    private final List<Route> routes;

    private RouteTable(String internal, List<Route> routes) {
        this.internal = internal;
        this.routes = List.copyOf(routes);
    }

    /** Reads {@code routes.json}; refuses a table with a malformed pattern, a tie or a row that routes internal paths. */
    public static RouteTable read(Path file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(file.toFile());
        List<Route> routes = new ArrayList<>();
        for (JsonNode row : root.path("routes")) {
            routes.add(new Route(row.path("pattern").asText(), row.path("service").asText(), row.path("port").asInt()));
        }
        return of(root.path("internal").asText(), routes);
    }

    /** A table of these rows, or {@link IllegalArgumentException} naming every row that breaks a rule above. */
    public static RouteTable of(String internal, List<Route> routes) {
        List<String> problems = new ArrayList<>();
        if (!isPath(internal) || segments(internal).stream().anyMatch(RouteTable::isParameter)) {
            problems.add("internal must be a path of literal segments, not '" + internal + "'");
        }
        Map<String, Integer> ports = new HashMap<>();
        for (Route route : routes) {
            if (!isPath(route.pattern())) {
                problems.add("pattern '" + route.pattern() + "': segments are literals ([A-Za-z0-9._~-]) or {name}, with no empty or trailing segment");
                continue;
            }
            if (route.service().isBlank() || route.port() < 1 || route.port() > 65535) {
                problems.add("pattern " + route.pattern() + ": needs a service and a port 1-65535");
            }
            Integer port = ports.putIfAbsent(route.service(), route.port());
            if (port != null && port != route.port()) {
                problems.add("pattern " + route.pattern() + ": " + route.service() + " has port " + port + " in another row, " + route.port() + " here");
            }
            if (isPath(internal) && overlap(route.segments(), segments(internal))) {
                problems.add("pattern " + route.pattern() + " would route paths under " + internal + ", which are never routed from outside");
            }
        }
        List<Route> wellFormed = routes.stream().filter(route -> isPath(route.pattern())).toList();
        for (int i = 0; i < wellFormed.size(); i++) {
            for (int j = i + 1; j < wellFormed.size(); j++) {
                Route a = wellFormed.get(i);
                Route b = wellFormed.get(j);
                if (overlap(a.segments(), b.segments()) && SPECIFICITY.compare(a, b) == 0) {
                    problems.add("patterns " + a.pattern() + " (" + a.service() + ") and " + b.pattern() + " (" + b.service()
                            + ") tie: they match the same paths with as many literal segments and segments");
                }
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("Invalid routing table:\n  " + String.join("\n  ", problems));
        }
        return new RouteTable(internal, routes);
    }

    /** The prefix of the paths that are never routed from outside ({@code /api/v1/internal}). */
    public String internal() {
        return internal;
    }

    public List<Route> routes() {
        return routes;
    }

    /** Whether the path is the internal prefix or lies under it. */
    public boolean isInternal(String path) {
        return prefixMatches(segments(internal), segments(path));
    }

    /** The row a path goes to: the most specific that matches, or none. */
    public Optional<Route> route(String path) {
        List<String> segments = segments(path);
        return routes.stream().filter(route -> prefixMatches(route.segments(), segments)).max(SPECIFICITY);
    }

    /**
     * The paths that route every value of a path template's parameters: the template itself (values
     * that are no literal of the table) and, for each row with a literal where the template has a
     * parameter, the template with that literal put in. {@code /api/v1/projects/{p}/{section}} gives
     * {@code /api/v1/projects/{p}/repository} as well when a row has that pattern.
     */
    public Set<String> instances(String template) {
        Set<String> instances = new LinkedHashSet<>();
        Deque<List<String>> pending = new ArrayDeque<>(List.of(segments(template)));
        while (!pending.isEmpty()) {
            List<String> path = pending.pop();
            if (!instances.add(join(path))) {
                continue;
            }
            for (Route route : routes) {
                List<String> pattern = route.segments();
                if (pattern.size() > path.size() || !overlap(pattern, path)) {
                    continue;
                }
                List<String> instance = new ArrayList<>(path);
                for (int i = 0; i < pattern.size(); i++) {
                    if (!isParameter(pattern.get(i)) && isParameter(path.get(i))) {
                        instance.set(i, pattern.get(i));
                    }
                }
                pending.push(instance);
            }
        }
        return instances;
    }

    /** Whether some path matches both patterns: they agree on every segment both have, a parameter agreeing with anything. */
    private static boolean overlap(List<String> a, List<String> b) {
        for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
            if (!isParameter(a.get(i)) && !isParameter(b.get(i)) && !a.get(i).equals(b.get(i))) {
                return false;
            }
        }
        return true;
    }

    /** Whether the pattern's segments are a prefix of the path's; a template parameter in the path matches only a pattern parameter. */
    private static boolean prefixMatches(List<String> pattern, List<String> path) {
        if (pattern.size() > path.size()) {
            return false;
        }
        for (int i = 0; i < pattern.size(); i++) {
            if (!isParameter(pattern.get(i)) && !pattern.get(i).equals(path.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static boolean isPath(String path) {
        return path.startsWith("/") && segments(path).stream().allMatch(s -> LITERAL.matcher(s).matches() || PARAMETER.matcher(s).matches())
                && !path.endsWith("/") && !path.contains("//");
    }

    static boolean isParameter(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    static List<String> segments(String path) {
        return Arrays.asList(path.substring(path.startsWith("/") ? 1 : 0).split("/", -1));
    }

    private static String join(List<String> segments) {
        return "/" + String.join("/", segments);
    }
}
