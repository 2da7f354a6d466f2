package dev.slipway.cli;

import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.OutputStreamWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * What one run of the program sees of the world: its environment variables, working directory, standard streams
 * and whether they are a terminal. Tests build one of their own ({@link #of}); {@link #system()} is the real one.
 *
 * @param terminal whether stdin and stdout are a terminal: tables and progress lines then, plain lines otherwise
 * @param width the terminal's columns when {@code terminal} (-1: not known yet, see {@link #columns()}), else 0 (no limit)
 * @param pollInterval how often waiting polls an activity, a deployment or a ticket
 */
public record Invocation(Map<String, String> env, Path cwd, PrintWriter out, PrintWriter err, Reader in, boolean terminal, int width,
        Duration pollInterval) {

    private static final Duration POLL = Duration.ofMillis(500);

    /** The process's own environment, directory and streams. */
    public static Invocation system() {
        boolean terminal = System.console() != null;
        // UTF-8 whatever the locale says: JSON is UTF-8 (RFC 8259), and titles may hold any character.
        PrintWriter out = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.out), StandardCharsets.UTF_8));
        PrintWriter err = new PrintWriter(new OutputStreamWriter(new FileOutputStream(FileDescriptor.err), StandardCharsets.UTF_8));
        return new Invocation(System.getenv(), Path.of("").toAbsolutePath(), out, err,
                new InputStreamReader(System.in, StandardCharsets.UTF_8), terminal, terminal ? -1 : 0, POLL);
    }

    /** A run with the given variables and directory, not on a terminal (tests). */
    public static Invocation of(Map<String, String> env, Path cwd, PrintWriter out, PrintWriter err, Reader in, Duration pollInterval) {
        return new Invocation(env, cwd, out, err, in, false, 0, pollInterval);
    }

    /** The same run, as if on a terminal of {@code width} columns (tests of the table). */
    public Invocation onTerminal(int width) {
        return new Invocation(env, cwd, out, err, in, true, width, pollInterval);
    }

    /** The terminal's columns (asked of the terminal only when a table is printed), 0 when not on one. */
    public int columns() {
        return width < 0 ? terminalWidth() : width;
    }

    public Optional<String> variable(String name) {
        return Optional.ofNullable(env.get(name)).filter(value -> !value.isBlank());
    }

    /** One line typed by the user (a confirmation), or empty at the end of the input. */
    public Optional<String> readLine() {
        try {
            return Optional.ofNullable(new BufferedReader(in).readLine());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    /** {@code $COLUMNS} when the shell exported it, else what {@code stty size} says of the terminal, else 80. */
    private int terminalWidth() {
        String columns = env.get("COLUMNS");
        if (columns != null && columns.matches("\\d{1,4}")) {
            return Integer.parseInt(columns);
        }
        try {
            Process stty = new ProcessBuilder("stty", "size").redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/tty").toFile()))
                    .redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String size = new String(stty.getInputStream().readAllBytes(), StandardCharsets.US_ASCII).trim();
            if (stty.waitFor(1, TimeUnit.SECONDS) && size.matches("\\d+ \\d+")) {
                int width = Integer.parseInt(size.substring(size.indexOf(' ') + 1));
                return width > 0 ? width : 80;
            }
        } catch (IOException e) {
            // no stty, no /dev/tty: the default below
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return 80;
    }
}
