package dev.slipway.gateway.support;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The real OpenSSH client and ssh-keygen, as users run them against the gateway: keys made by
 * ssh-keygen, commands run by ssh with batch mode (no prompts), a throw-away known_hosts.
 */
public final class SshClient {

    /** A key pair made by ssh-keygen: its private key file and its public line. */
    public record KeyPairFiles(Path privateKey, String publicLine) {
    }

    /** What a finished process printed and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private SshClient() {
    }

    /** {@code ssh-keygen -t <type> [-b bits]} into a fresh folder. */
    public static KeyPairFiles generate(String type, Integer bits) {
        Path folder = GatewayWorld.temporaryFolder("slipway-ssh-key-");
        Path key = folder.resolve("id_" + type);
        List<String> command = new ArrayList<>(List.of("ssh-keygen", "-q", "-t", type, "-N", "", "-C", "test@" + type, "-f", key.toString()));
        if (bits != null) {
            command.addAll(List.of("-b", bits.toString()));
        }
        Result result = run(command, Map.of(), 60);
        if (result.exitCode() != 0) {
            throw new IllegalStateException("ssh-keygen failed: " + result.stderr());
        }
        try {
            return new KeyPairFiles(key, Files.readString(folder.resolve("id_" + type + ".pub")).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The options every test connection uses: this key only, no prompts, no host key memory. */
    public static List<String> options(KeyPairFiles key, int port) {
        return List.of("-i", key.privateKey().toString(), "-p", Integer.toString(port), "-o", "IdentitiesOnly=yes", "-o", "BatchMode=yes",
                "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "PreferredAuthentications=publickey", "-o", "ConnectTimeout=20");
    }

    /** {@code ssh -p <port> <user>@127.0.0.1 <command...>} with {@code key}. */
    public static Result ssh(KeyPairFiles key, int port, String user, String... command) {
        List<String> line = new ArrayList<>(List.of("ssh"));
        line.addAll(options(key, port));
        line.add(user + "@127.0.0.1");
        line.addAll(List.of(command));
        return run(line, Map.of(), 60);
    }

    /** A {@code GIT_SSH_COMMAND} that makes git use {@code key} against the gateway. */
    public static String gitSshCommand(KeyPairFiles key) {
        return "ssh -i " + key.privateKey() + " -o IdentitiesOnly=yes -o BatchMode=yes -o StrictHostKeyChecking=no"
                + " -o UserKnownHostsFile=/dev/null -o LogLevel=ERROR";
    }

    /** Runs a process in the current folder with extra environment variables, at most {@code seconds}. */
    public static Result run(List<String> command, Map<String, String> environment, int seconds) {
        return run(command, environment, null, seconds);
    }

    public static Result run(List<String> command, Map<String, String> environment, Path directory, int seconds) {
        try {
            Path out = Files.createTempFile("slipway-out-", ".txt");
            Path err = Files.createTempFile("slipway-err-", ".txt");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()));
            builder.environment().putAll(environment);
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            Process process = builder.start();
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + " did not finish within " + seconds + " s");
            }
            Result result = new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
            return result;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** {@code ssh} with extra options (e.g. {@code -o SetEnv=...}, {@code -W}) before the destination. */
    public static Result sshWith(KeyPairFiles key, int port, List<String> extraOptions, String user, String... command) {
        return run(line(key, port, extraOptions, user, command), Map.of(), 60);
    }

    /** An ssh process left running (e.g. {@code sleep 60}) while the test changes something; {@link Background#await} collects it. */
    public static Background sshInBackground(KeyPairFiles key, int port, String user, String... command) {
        try {
            Path out = Files.createTempFile("slipway-out-", ".txt");
            Path err = Files.createTempFile("slipway-err-", ".txt");
            Process process = new ProcessBuilder(line(key, port, List.of(), user, command)).redirectOutput(out.toFile()).redirectError(err.toFile())
                    .redirectInput(ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile())).start();
            return new Background(process, out, err);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A running ssh process and its captured output. */
    public record Background(Process process, Path out, Path err) implements AutoCloseable {

        /** Waits up to {@code seconds} for it to end. */
        public Result await(int seconds) {
            try {
                if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("ssh did not end within " + seconds + " s");
                }
                return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }

        @Override
        public void close() {
            process.destroyForcibly();
        }
    }

    private static List<String> line(KeyPairFiles key, int port, List<String> extraOptions, String user, String... command) {
        List<String> line = new ArrayList<>(List.of("ssh"));
        line.addAll(options(key, port));
        line.addAll(extraOptions);
        line.add(user + "@127.0.0.1");
        line.addAll(List.of(command));
        return line;
    }
}
