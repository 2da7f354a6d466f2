package dev.slipway.bench;

import dev.slipway.devinfra.Processes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * n OpenSSH clients started at once, each a session on {@code <project>-master} running
 * {@code sleep <hold>; echo ok} through the gateway and the exec stand-in: how many fail (exit not 0
 * or no "ok"), how many were open at once (established connections on 2222, sampled), and the
 * gateway's resident memory (VmRSS, sampled every 100 ms) before, at peak and after.
 */
final class SshConcurrent {

    private final Suite suite;

    SshConcurrent(Suite suite) {
        this.suite = suite;
    }

    void run(int n, int hold) throws Exception {
        try (SshRig rig = new SshRig(suite); ExecRuntime exec = ExecRuntime.start(suite)) {
            ProcessHandle gateway = rig.restartGateway(exec.gatewayEnvironment());
            rig.registerClientKey("alice");
            String project = rig.projectWithAccess(true);
            List<String> command = rig.ssh(SshRig.GATEWAY_PORT, project + "-master", "sleep " + hold + "; echo ok");
            System.out.println("client: " + String.join(" ", command) + "  (x" + n + ", all started at once)");
            List<String> warmUp = rig.ssh(SshRig.GATEWAY_PORT, project + "-master", "true");
            for (int i = 0; i < 20; i++) {
                rig.time(warmUp, 60);
            }
            Suite.sleep(3000);
            long before = Processes.residentMegabytes(gateway);
            Path out = Files.createDirectories(rig.work.resolve("concurrent"));
            AtomicInteger peakOpen = new AtomicInteger();
            AtomicLong peakFiles = new AtomicLong();
            Thread connections = new Thread(() -> {
                while (!Thread.currentThread().isInterrupted()) {
                    peakOpen.accumulateAndGet(SshRig.established(SshRig.GATEWAY_PORT), Math::max);
                    SshRig.openFiles(gateway).ifPresent(f -> peakFiles.accumulateAndGet(f, Math::max));
                    try {
                        Thread.sleep(100);
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }, "connection-sampler");
            connections.setDaemon(true);
            List<Process> clients = new ArrayList<>(n);
            long started;
            long spawned;
            long finished;
            try (SshRig.RssSampler rss = new SshRig.RssSampler(gateway)) {
                connections.start();
                started = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    clients.add(new ProcessBuilder(command).redirectInput(new File("/dev/null"))
                            .redirectOutput(out.resolve(i + ".out").toFile()).redirectError(out.resolve(i + ".err").toFile()).start());
                }
                spawned = System.nanoTime();
                for (Process client : clients) {
                    if (!client.waitFor(600, TimeUnit.SECONDS)) {
                        client.destroyForcibly();
                    }
                }
                finished = System.nanoTime();
                connections.interrupt();
                Suite.sleep(200);
                long peak = rss.peak();
                Map<String, Integer> reasons = new LinkedHashMap<>();
                int failures = 0;
                for (int i = 0; i < n; i++) {
                    Process client = clients.get(i);
                    int exit = client.isAlive() ? -1 : client.exitValue();
                    String stdout = Files.readString(out.resolve(i + ".out")).strip();
                    if (exit != 0 || !"ok".equals(stdout)) {
                        failures++;
                        String stderr = Files.readString(out.resolve(i + ".err")).strip();
                        reasons.merge("exit " + exit + ": " + (stderr.isEmpty() ? "(no stderr) stdout=" + stdout : stderr.lines().findFirst().orElse("")),
                                1, Integer::sum);
                    }
                }
                Suite.sleep(5000);
                long after5 = Processes.residentMegabytes(gateway);
                Suite.sleep(25_000);
                long after30 = Processes.residentMegabytes(gateway);
                System.out.printf(Locale.ROOT, "%d sessions 'sleep %d; echo ok': failures %d; all started in %.1f s, all ended %.1f s after the first start%n",
                        n, hold, failures, (spawned - started) / 1e9, (finished - started) / 1e9);
                reasons.forEach((reason, count) -> System.out.println("  " + count + " x " + reason));
                System.out.printf(Locale.ROOT, "open at once (established connections on %d, sampled every 100 ms): peak %d; gateway open files: peak %d%n",
                        SshRig.GATEWAY_PORT, peakOpen.get(), peakFiles.get());
                System.out.printf(Locale.ROOT, "gateway resident memory (VmRSS): before %d MB, peak %d MB, 5 s after %d MB, 30 s after %d MB%n",
                        before, peak, after5, after30);
            }
        }
    }
}
