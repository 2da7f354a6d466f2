package dev.slipway.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Runs the command line in this JVM through picocli ({@link Main#execute}), with a configuration folder, a working
 * directory and environment variables of the test's own, and keeps what it printed.
 */
final class CliRun {

    /** What one run printed and returned. */
    record Result(int exitCode, String out, String err) {
    }

    private final Path home;
    private final Map<String, String> env = new HashMap<>();
    private Path cwd;
    private String stdin = "";
    private int terminalWidth;

    CliRun(Path home) {
        this.home = home;
        this.cwd = home;
        env.put("HOME", home.toString());
        env.put("XDG_CONFIG_HOME", home.resolve("config").toString());
    }

    CliRun env(String name, String value) {
        env.put(name, value);
        return this;
    }

    CliRun in(Path directory) {
        this.cwd = directory;
        return this;
    }

    CliRun stdin(String text) {
        this.stdin = text;
        return this;
    }

    /** As if on a terminal this wide: tables by default, progress lines. */
    CliRun terminal(int width) {
        this.terminalWidth = width;
        return this;
    }

    /** Signed in to {@code origin} with a token for {@code user} (through SLIPWAY_CLI_URL and SLIPWAY_CLI_TOKEN). */
    CliRun against(FakeOrigin origin, String token) {
        env.put("SLIPWAY_CLI_URL", origin.url());
        env.put("SLIPWAY_CLI_TOKEN", token);
        return this;
    }

    Result run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        Invocation invocation = Invocation.of(Map.copyOf(env), cwd, new PrintWriter(out), new PrintWriter(err), new StringReader(stdin),
                Duration.ofMillis(10));
        if (terminalWidth > 0) {
            invocation = invocation.onTerminal(terminalWidth);
        }
        int code = Main.execute(invocation, args);
        return new Result(code, out.toString(), err.toString());
    }

    Path home() {
        return home;
    }

    static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
