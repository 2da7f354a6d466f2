package dev.slipway.devinfra.origin;

import com.sun.net.httpserver.HttpExchange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.GZIPOutputStream;

/**
 * The console's build, {@code console/dist}: {@code /} is {@code index.html} (the app routes by the
 * URL's hash, so no other page exists); hashed files under {@code /assets/} are cached for good,
 * {@code index.html} never. Text files go gzipped to a browser that accepts it (the console's script
 * is about a third of its size so), each compressed once per version of the file.
 */
final class StaticFiles {

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8", "css", "text/css; charset=utf-8",
            "json", "application/json", "svg", "image/svg+xml", "png", "image/png", "ico", "image/x-icon",
            "woff2", "font/woff2", "txt", "text/plain; charset=utf-8", "map", "application/json");

    private static final Set<String> COMPRESSED = Set.of("html", "js", "css", "json", "svg", "txt", "map");

    private record Gzipped(FileTime modified, byte[] bytes) {
    }

    private final Path root;
    private final Map<Path, Gzipped> gzipped = new ConcurrentHashMap<>();

    StaticFiles(Path root) {
        this.root = root.toAbsolutePath().normalize();
    }

    void handle(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
            exchange.getResponseHeaders().set("Allow", "GET, HEAD");
            Responses.problem(exchange, 405, "Method Not Allowed", "The console's files are read with GET.");
            return;
        }
        if (!Files.isRegularFile(root.resolve("index.html"))) {
            Responses.send(exchange, 503, "text/plain; charset=utf-8",
                    ("The console is not built: " + root + "/index.html is missing; run ./mvnw -B -pl console verify\n").getBytes());
            return;
        }
        String path = exchange.getRequestURI().getPath();
        Path file = path.equals("/") ? root.resolve("index.html") : root.resolve(path.substring(1)).normalize();
        if (!file.startsWith(root) || !Files.isRegularFile(file)) {
            Responses.problem(exchange, 404, "Not Found", "No file " + path + " in the console's build.");
            return;
        }
        String name = file.getFileName().toString();
        String extension = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        exchange.getResponseHeaders().set("Cache-Control",
                path.startsWith("/assets/") ? "public, max-age=31536000, immutable" : "no-cache");
        exchange.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        String type = TYPES.getOrDefault(extension, "application/octet-stream");
        if (!COMPRESSED.contains(extension)) {
            Responses.send(exchange, 200, type, Files.readAllBytes(file));
            return;
        }
        exchange.getResponseHeaders().set("Vary", "Accept-Encoding");
        String accepted = exchange.getRequestHeaders().getFirst("Accept-Encoding");
        if (accepted == null || !accepted.toLowerCase(Locale.ROOT).contains("gzip")) {
            Responses.send(exchange, 200, type, Files.readAllBytes(file));
            return;
        }
        exchange.getResponseHeaders().set("Content-Encoding", "gzip");
        Responses.send(exchange, 200, type, gzip(file));
    }

    private byte[] gzip(Path file) throws IOException {
        FileTime modified = Files.getLastModifiedTime(file);
        Gzipped cached = gzipped.get(file);
        if (cached != null && cached.modified().equals(modified)) {
            return cached.bytes();
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(Files.readAllBytes(file));
        }
        gzipped.put(file, new Gzipped(modified, bytes.toByteArray()));
        return bytes.toByteArray();
    }
}
