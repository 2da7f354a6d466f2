package dev.slipway.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The contexts, as kubectl keeps them: each a name with a base URL (the one origin, API-8) and the credentials of one
 * account there, one of them current. Stored in {@code $XDG_CONFIG_HOME/slipway-cli/config.json} (default
 * {@code ~/.config/slipway-cli/}), the folder 0700 and the file 0600, because it holds tokens; written whole to a
 * temporary file of those permissions and moved over the old one, so a crash never leaves half a file.
 *
 * <pre>{"current": "local", "contexts": {"local": {"url": "http://127.0.0.1:8080", "user": "alice", "token": "..."}}}</pre>
 */
public final class Contexts {

    /** The context {@code auth:login} fills when there is none yet and none is named. */
    public static final String DEFAULT_NAME = "default";
    /** The base URL of a context that has none: the local one origin of {@code bin/slipway up}. */
    public static final String DEFAULT_URL = "http://127.0.0.1:8080";

    private final Path file;
    private String current;
    private final Map<String, Context> contexts = new LinkedHashMap<>();

    /** One account on one Slipway. {@code token} is null after {@code auth:logout}. */
    public record Context(String name, String url, String user, String token) {

        public Context withCredentials(String user, String token) {
            return new Context(name, url, user, token);
        }
    }

    private Contexts(Path file) {
        this.file = file;
    }

    /** Where the file lives for this run's environment. */
    public static Path location(Invocation invocation) {
        Path config = invocation.variable("XDG_CONFIG_HOME").map(Path::of)
                .orElseGet(() -> Path.of(invocation.variable("HOME").orElse(System.getProperty("user.home")), ".config"));
        return config.resolve(SlipwayCli.NAME).resolve("config.json");
    }

    /** The stored contexts, none when the file does not exist. */
    public static Contexts load(Invocation invocation) {
        Contexts contexts = new Contexts(location(invocation));
        if (!Files.isRegularFile(contexts.file)) {
            return contexts;
        }
        try {
            JsonNode root = Json.parse(Files.readString(contexts.file, StandardCharsets.UTF_8));
            contexts.current = Json.text(root, "current");
            for (Iterator<Map.Entry<String, JsonNode>> it = root.path("contexts").fields(); it.hasNext();) {
                Map.Entry<String, JsonNode> entry = it.next();
                JsonNode value = entry.getValue();
                contexts.contexts.put(entry.getKey(),
                        new Context(entry.getKey(), Json.text(value, "url"), Json.text(value, "user"), Json.text(value, "token")));
            }
            return contexts;
        } catch (IOException e) {
            throw CliException.usage("Cannot read " + contexts.file + ": " + e.getMessage() + " (fix or delete it)");
        }
    }

    public Path file() {
        return file;
    }

    public Optional<String> currentName() {
        return Optional.ofNullable(current);
    }

    public Optional<Context> named(String name) {
        return Optional.ofNullable(contexts.get(name));
    }

    /** A copy: changing the contexts while going through them is fine. */
    public List<Context> all() {
        return List.copyOf(contexts.values());
    }

    public void put(Context context) {
        contexts.put(context.name(), context);
    }

    public boolean remove(String name) {
        boolean removed = contexts.remove(name) != null;
        if (name.equals(current)) {
            current = null;
        }
        return removed;
    }

    public void use(String name) {
        if (!contexts.containsKey(name)) {
            throw new CliException(ExitCodes.NOT_FOUND, "No context " + name + " (" + SlipwayCli.NAME + " context:list)");
        }
        current = name;
    }

    /** Writes the file: 0600 in a 0700 folder, replaced atomically. */
    public void save() {
        ObjectNode root = Json.object();
        root.put("current", current);
        ObjectNode all = root.putObject("contexts");
        contexts.values().forEach(context -> {
            ObjectNode node = all.putObject(context.name());
            node.put("url", context.url());
            node.put("user", context.user());
            node.put("token", context.token());
        });
        try {
            Path folder = file.getParent();
            if (!Files.isDirectory(folder)) {
                try {
                    Files.createDirectories(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
                } catch (FileAlreadyExistsException raced) {
                    // another run made it
                }
            }
            Path temporary = Files.createTempFile(folder, ".config-", ".json",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            Files.writeString(temporary, Json.write(root, true) + "\n", StandardCharsets.UTF_8);
            try {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temporary, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + file, e);
        }
    }
}
