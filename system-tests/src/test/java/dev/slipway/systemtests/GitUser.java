package dev.slipway.systemtests;

import io.restassured.path.json.JsonPath;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A user at a terminal: an ed25519 key made by {@code ssh-keygen} and registered through
 * ssh-gateway's public API ({@code POST /api/v1/ssh-keys}, SSH-1), and the real git and OpenSSH
 * clients using it against the suite's gateway, as users run them (SSH-4). Work trees live in the
 * user's folder under {@code target/systest/users/}.
 */
public final class GitUser {

    private static final Duration COMMAND_BOUND = Duration.ofMinutes(2);

    private final RunningSuite suite;
    private final SuiteClient client;
    private final Path home;
    private final Path privateKey;
    private final String fingerprint;
    private final AtomicInteger trees = new AtomicInteger();

    private GitUser(RunningSuite suite, SuiteClient client, Path home, Path privateKey, String fingerprint) {
        this.suite = suite;
        this.client = client;
        this.home = home;
        this.privateKey = privateKey;
        this.fingerprint = fingerprint;
    }

    static GitUser registered(RunningSuite suite, SuiteClient client, Path home) {
        Path key = home.resolve("id_ed25519");
        String publicLine;
        try {
            Files.createDirectories(home);
            run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", client.user() + "@systest", "-f", key.toString()), Map.of(), home, home)
                    .requireSuccess();
            publicLine = Files.readString(home.resolve("id_ed25519.pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonPath added = client.sshGateway().body(Map.of("publicKey", publicLine, "title", "system test key")).post("/api/v1/ssh-keys")
                .then().statusCode(201).extract().jsonPath();
        return new GitUser(suite, client, home, key, added.getString("fingerprint"));
    }

    public String user() {
        return client.user();
    }

    /** The key's public line ({@code ssh-ed25519 AAAA... user@systest}). */
    public String publicKey() {
        try {
            return Files.readString(home.resolve("id_ed25519.pub")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code ssh <login>@127.0.0.1 -p <gateway> <command>} with this user's key (SSH-3: {@code <project>-<env>} selects an environment). */
    public GitResult ssh(String login, String command) {
        return run(List.of("ssh", "-i", privateKey.toString(), "-p", Integer.toString(suite.sshPort()), "-o", "IdentitiesOnly=yes", "-o",
                "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR", "-o",
                "ConnectTimeout=20", login + "@127.0.0.1", command), Map.of("LANG", "C"), home, home);
    }

    /** The registered key's fingerprint as OpenSSH prints it ({@code SHA256:...}). */
    public String fingerprint() {
        return fingerprint;
    }

    /** {@code git clone ssh://git@127.0.0.1:18822/<repository>} ({@code <project>.git} or a tier remote) into a new folder. */
    public WorkTree clone(String repository) {
        Path folder = home.resolve(repository.replaceFirst("\\.git$", "") + "-" + trees.incrementAndGet());
        git(home, "clone", "-q", suite.gitUrl(repository), folder.getFileName().toString()).requireSuccess();
        return new WorkTree(this, folder);
    }

    /** {@code git <arguments>} in {@code directory} with this user's key and no user or system git configuration. */
    public GitResult git(Path directory, String... arguments) {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(arguments));
        String ssh = "ssh -i " + privateKey + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR -o ConnectTimeout=20";
        return run(command, Map.of("GIT_SSH_COMMAND", ssh, "GIT_TERMINAL_PROMPT", "0", "GIT_CONFIG_NOSYSTEM", "1",
                "GIT_CONFIG_GLOBAL", "/dev/null", "LANG", "C"), directory, home);
    }

    /** Runs {@code command} in {@code directory}, its output kept in a file in {@code outputFolder} (never in a work tree). */
    private static GitResult run(List<String> command, Map<String, String> environment, Path directory, Path outputFolder) {
        try {
            Path output = Files.createTempFile(outputFolder, ".out-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).directory(directory.toFile()).redirectErrorStream(true)
                    .redirectOutput(output.toFile()).redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            Process process = builder.start();
            if (!process.waitFor(COMMAND_BOUND.toSeconds(), TimeUnit.SECONDS)) {
                process.descendants().forEach(ProcessHandle::destroyForcibly);
                process.destroyForcibly();
                throw new AssertionError(String.join(" ", command) + " did not finish within " + COMMAND_BOUND + ":\n"
                        + Files.readString(output, StandardCharsets.UTF_8));
            }
            GitResult result = new GitResult(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
            Files.delete(output);
            return result;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
