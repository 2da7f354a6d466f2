package dev.slipway.bench;

import java.util.Locale;

/**
 * Connect, authenticate and run {@code true}, with the OpenSSH client: through the gateway (user
 * {@code <project>-master}, relayed to the exec stand-in) and against Debian's sshd on the same
 * machine, with the same key and pinned algorithms, alternating one by one so both see the same
 * noise; a third client, {@code ssh git@ true}, which the gateway answers itself, separates the
 * handshake and authentication from the relay. Wall time of the client process, start to exit.
 */
final class SshConnect {

    private final Suite suite;

    SshConnect(Suite suite) {
        this.suite = suite;
    }

    void run(int n, int warm) throws Exception {
        try (SshRig rig = new SshRig(suite); ExecRuntime exec = ExecRuntime.start(suite)) {
            rig.restartGateway(exec.gatewayEnvironment());
            rig.registerClientKey("alice");
            String project = rig.projectWithAccess(true);
            rig.startOpenSsh();
            var gatewayCommand = rig.ssh(SshRig.GATEWAY_PORT, project + "-master", "true");
            var opensshCommand = rig.ssh(SshRig.OPENSSH_PORT, "root", "true");
            // the same handshake and authentication without the relay: user git, answered by the gateway itself
            var gitCommand = rig.ssh(SshRig.GATEWAY_PORT, "git", "true");
            System.out.println("client: " + String.join(" ", gatewayCommand));
            for (int i = 0; i < warm; i++) {
                rig.time(gatewayCommand, 60);
                rig.time(opensshCommand, 60);
                rig.time(gitCommand, 60);
            }
            Stats handshake = new Stats();
            Stats gateway = new Stats();
            Stats openssh = new Stats();
            int failures = 0;
            for (int i = 0; i < n; i++) {
                SshRig.Timed g = rig.time(gatewayCommand, 60);
                SshRig.Timed o = rig.time(opensshCommand, 60);
                handshake.add(rig.time(gitCommand, 60).millis());
                if (g.exit() != 0 || o.exit() != 0) {
                    failures++;
                    System.out.println("run " + i + ": gateway exit " + g.exit() + " " + g.stderr().strip() + " | openssh exit " + o.exit() + " "
                            + o.stderr().strip());
                    continue;
                }
                gateway.add(g.millis());
                openssh.add(o.millis());
            }
            System.out.println(gateway.line("gateway  ssh <project>-master true (ms)") + String.format(Locale.ROOT, "  p95 %8.1f", gateway.percentile(95)));
            System.out.println(openssh.line("OpenSSH  ssh root true (ms)") + String.format(Locale.ROOT, "  p95 %8.1f", openssh.percentile(95)));
            System.out.println(handshake.line("gateway  ssh git true (no relay) (ms)") + String.format(Locale.ROOT, "  p95 %8.1f", handshake.percentile(95)));
            System.out.printf(Locale.ROOT, "ratio gateway/OpenSSH: p50 %.2fx, p95 %.2fx (goal <= 1.2x); failures %d of %d; %d warm-up pairs not measured%n",
                    gateway.percentile(50) / openssh.percentile(50), gateway.percentile(95) / openssh.percentile(95), failures, n, warm);
        }
    }
}
