package dev.slipway.bench;

import dev.slipway.devinfra.DevKeys;
import dev.slipway.devinfra.Processes;
import dev.slipway.devinfra.SuiteService;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the SSH benchmarks share: one client key made by ssh-keygen, the OpenSSH client with the
 * algorithms pinned the same against both servers, a private OpenSSH server (Debian's sshd) on
 * 127.0.0.1:2223 as the baseline, and the suite's ssh-gateway restarted with the settings a run
 * needs (its exec URL, the JVM options of {@code SLIPWAY_JAVA_OPTS} or the launcher's defaults).
 */
final class SshRig implements AutoCloseable {

    static final int GATEWAY_PORT = 2222;
    static final int OPENSSH_PORT = 2223;
    static final SuiteService GATEWAY = SuiteService.GATEWAY;

    /** Pinned on both servers' clients: same key exchange, host key type and cipher (MAC implied by the AEAD cipher). */
    static final List<String> PINNED = List.of("-o", "KexAlgorithms=curve25519-sha256", "-o", "HostKeyAlgorithms=ssh-ed25519",
            "-o", "Ciphers=chacha20-poly1305@openssh.com");

    final Suite suite;
    final Path work;
    final Path clientKey;
    final String clientPublicLine;
    private Process sshd;

    SshRig(Suite suite) throws IOException {
        this.suite = suite;
        this.work = Files.createTempDirectory("slipway-ssh-bench-");
        this.clientKey = work.resolve("id_ed25519");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", "bench@slipway", "-f", clientKey.toString()), 30);
        this.clientPublicLine = Files.readString(work.resolve("id_ed25519.pub")).strip();
    }

    /** The client options of every measured connection: this key only, no prompts, no host key memory, the pinned algorithms. */
    List<String> clientOptions(int port) {
        List<String> options = new ArrayList<>(List.of("-i", clientKey.toString(), "-p", Integer.toString(port), "-o", "IdentitiesOnly=yes",
                "-o", "BatchMode=yes", "-o", "StrictHostKeyChecking=no", "-o", "UserKnownHostsFile=/dev/null", "-o", "LogLevel=ERROR",
                "-o", "PreferredAuthentications=publickey", "-o", "ConnectTimeout=60", "-o", "ControlMaster=no", "-o", "ControlPath=none"));
        options.addAll(PINNED);
        return options;
    }

    List<String> ssh(int port, String user, String command) {
        List<String> line = new ArrayList<>(List.of("ssh"));
        line.addAll(clientOptions(port));
        line.add(user + "@127.0.0.1");
        line.add(command);
        return line;
    }

    /** {@code GIT_SSH_COMMAND} with the same options (git adds {@code -p} from the URL). */
    String gitSshCommand() {
        List<String> options = new ArrayList<>(clientOptions(0));
        int p = options.indexOf("-p");
        options.remove(p + 1);
        options.remove(p);
        return "ssh " + String.join(" ", options);
    }

    // ---- the OpenSSH baseline -------------------------------------------------------------------

    /** Starts Debian's sshd as root on 127.0.0.1:2223 with its own configuration in the work folder; the client key is authorised for root. */
    void startOpenSsh() throws IOException, InterruptedException {
        Path binary = Path.of("/usr/sbin/sshd");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("/usr/sbin/sshd is missing: apt-get install -y openssh-server");
        }
        Path dir = Files.createDirectories(work.resolve("sshd"));
        Path hostKey = dir.resolve("ssh_host_ed25519_key");
        run(List.of("ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-f", hostKey.toString()), 30);
        Files.writeString(dir.resolve("authorized_keys"), clientPublicLine + "\n");
        Files.createDirectories(Path.of("/run/sshd"));
        Path config = dir.resolve("sshd_config");
        Files.writeString(config, String.join("\n",
                "Port " + OPENSSH_PORT,
                "ListenAddress 127.0.0.1",
                "HostKey " + hostKey,
                "AuthorizedKeysFile " + dir.resolve("authorized_keys"),
                "StrictModes no",
                "PidFile " + dir.resolve("sshd.pid"),
                "UsePAM no",
                "PasswordAuthentication no",
                "KbdInteractiveAuthentication no",
                "PermitRootLogin prohibit-password",
                "KexAlgorithms curve25519-sha256",
                "HostKeyAlgorithms ssh-ed25519",
                "Ciphers chacha20-poly1305@openssh.com",
                "UseDNS no",
                // bash sources ~/.bashrc when sshd starts it (Debian builds it so) unless SHLVL says it is nested: root's
                // .bashrc on these machines runs pyenv's init (~200 ms), which the exec runtime's clean bash -c does not
                "SetEnv SHLVL=1",
                "PrintMotd no",
                "PrintLastLog no",
                // the concurrency run opens many connections at once; the baseline should not refuse them
                "MaxStartups 2000",
                "MaxSessions 100",
                "") + "\n");
        sshd = new ProcessBuilder(binary.toString(), "-D", "-e", "-f", config.toString())
                .redirectErrorStream(true).redirectOutput(work.resolve("sshd.log").toFile()).start();
        if (!Processes.await(() -> Processes.portOpen("127.0.0.1", OPENSSH_PORT), Duration.ofSeconds(10))) {
            throw new IllegalStateException("sshd did not listen on " + OPENSSH_PORT + ": " + Files.readString(work.resolve("sshd.log")));
        }
        Timed check = time(ssh(OPENSSH_PORT, "root", "true"), 30);
        if (check.exit() != 0) {
            throw new IllegalStateException("ssh to the private sshd failed: " + check.stderr());
        }
        System.out.println("OpenSSH: " + run(List.of(binary.toString(), "-V"), 10).strip() + " on 127.0.0.1:" + OPENSSH_PORT
                + " (root, private config: " + config + ")");
    }

    // ---- the gateway ----------------------------------------------------------------------------

    /**
     * Restarts the suite's ssh-gateway (instance 1) with the launcher's command and environment plus
     * {@code settings} and any {@code SLIPWAY_SSH_*} or {@code SLIPWAY_EXEC_*} variable of this process; waits until it is ready and listens for SSH. Returns its process.
     */
    ProcessHandle restartGateway(Map<String, String> settings) {
        Map<String, String> extra = new LinkedHashMap<>(settings);
        suite.launcher.stop(GATEWAY, 1);
        Map<String, String> env = new LinkedHashMap<>(suite.launcher.environment(GATEWAY, 1, suite.database()));
        // SEC-4: the tokens the gateway sends to the exec interface are signed with the suite's development key.
        env.put("SLIPWAY_SERVICE_TOKEN_PRIVATE_KEY_LOCATION", DevKeys.forSuite(suite.home).privateKey().toString());
        env.putAll(extra);
        // the gateway's own SSH and exec settings can be varied per run from the bench's environment
        System.getenv().forEach((name, value) -> {
            if (name.startsWith("SLIPWAY_SSH_") || name.startsWith("SLIPWAY_EXEC_")) {
                env.put(name, value);
                extra.put(name, value);
            }
        });
        List<String> command = suite.launcher.command(GATEWAY);
        ProcessHandle process = Processes.startDetached(command, suite.launcher.runnerJar(GATEWAY).getParent(),
                suite.launcher.logFile(GATEWAY, 1), suite.launcher.pidFile(GATEWAY, 1), env);
        suite.awaitReady(GATEWAY, 1, Duration.ofSeconds(180));
        if (!Processes.await(() -> Processes.portOpen("127.0.0.1", GATEWAY_PORT), Duration.ofSeconds(30))) {
            throw new IllegalStateException("ssh-gateway is ready but does not listen on " + GATEWAY_PORT);
        }
        System.out.println("gateway: " + String.join(" ", command) + (extra.isEmpty() ? "" : " with " + extra));
        return process;
    }

    ProcessHandle gatewayProcess() {
        return suite.launcher.running(GATEWAY, 1).orElseThrow(() -> new IllegalStateException("ssh-gateway is not running"));
    }

    /** Registers the client key for alice through the keys API (SSH-1); 409 when it already is would be a bug here (fresh key). */
    void registerClientKey(String user) {
        String body = "{\"publicKey\":\"" + clientPublicLine + "\",\"title\":\"bench\"}";
        suite.expect(201, "POST", GATEWAY, "/api/v1/ssh-keys", user, body);
    }

    /**
     * A fresh project created by alice (admin, so {@code access.ssh}'s default lets her in, SSH-2),
     * once the gateway knows it: its repository exists and the client key enters {@code <project>-master}.
     */
    String projectWithAccess(boolean checkEnvironment) {
        String project = Suite.newId("sb");
        suite.createProject(project);
        Suite.await(() -> suite.call("GET", GATEWAY, "/api/v1/projects/" + project + "/repository", "alice", null).status() == 200,
                Duration.ofSeconds(60), "repository of " + project);
        if (checkEnvironment) {
            Suite.await(() -> time(ssh(GATEWAY_PORT, project + "-master", "true"), 60).exit() == 0, Duration.ofSeconds(60),
                    "a session on " + project + "-master");
        }
        return project;
    }

    // ---- processes ------------------------------------------------------------------------------

    /** A finished client: wall time from start to exit, exit code, stderr. */
    record Timed(double millis, int exit, String stderr) {
    }

    /** Runs {@code command} to completion; stdout discarded, stderr kept. */
    Timed time(List<String> command, int seconds) {
        return time(command, Map.of(), null, seconds);
    }

    Timed time(List<String> command, Map<String, String> env, Path dir, int seconds) {
        try {
            File err = File.createTempFile("bench-err-", ".txt", work.toFile());
            ProcessBuilder builder = new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).redirectError(err);
            builder.environment().putAll(env);
            if (dir != null) {
                builder.directory(dir.toFile());
            }
            long start = System.nanoTime();
            Process process = builder.start();
            boolean done = process.waitFor(seconds, TimeUnit.SECONDS);
            long end = System.nanoTime();
            if (!done) {
                process.destroyForcibly();
            }
            String stderr = Files.readString(err.toPath());
            Files.deleteIfExists(err.toPath());
            return new Timed((end - start) / 1e6, done ? process.exitValue() : -1, done ? stderr : "timed out after " + seconds + " s; " + stderr);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs a setup command; fails with its output when it exits non-zero. */
    String run(List<String> command, int seconds) {
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectInput(new File("/dev/null")).start();
            byte[] out = process.getInputStream().readAllBytes();
            if (!process.waitFor(seconds, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed: " + new String(out));
            }
            return new String(out);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Samples a process's VmRSS (MiB) every 100 ms until closed; keeps the peak. */
    static final class RssSampler implements AutoCloseable {

        private final AtomicBoolean running = new AtomicBoolean(true);
        private final AtomicLong peak = new AtomicLong(-1);
        private final Thread thread;

        RssSampler(ProcessHandle process) {
            thread = new Thread(() -> {
                while (running.get()) {
                    peak.accumulateAndGet(Processes.residentMegabytes(process), Math::max);
                    Suite.sleep(100);
                }
            }, "rss-sampler");
            thread.setDaemon(true);
            thread.start();
        }

        long peak() {
            return peak.get();
        }

        @Override
        public void close() {
            running.set(false);
        }
    }

    /** Established TCP connections whose local port is {@code port} (from /proc/net/tcp and tcp6). */
    static int established(int port) {
        String hexPort = String.format(":%04X", port);
        int count = 0;
        for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
            try {
                for (String line : Files.readAllLines(Path.of(table))) {
                    String[] fields = line.trim().split("\\s+");
                    if (fields.length > 3 && fields[1].endsWith(hexPort) && "01".equals(fields[3])) {
                        count++;
                    }
                }
            } catch (IOException e) {
                return -1;
            }
        }
        return count;
    }

    static Optional<Long> openFiles(ProcessHandle process) {
        String[] names = new File("/proc/" + process.pid() + "/fd").list();
        return names == null ? Optional.empty() : Optional.of((long) names.length);
    }

    @Override
    public void close() {
        if (sshd != null) {
            sshd.destroy();
        }
    }
}
