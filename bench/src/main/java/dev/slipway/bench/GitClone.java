package dev.slipway.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code git clone} of one repository of 5 000 files and 200 commits: through the gateway
 * ({@code ssh://git@127.0.0.1:2222/<project>.git}, JGit's upload-pack) and over Debian's sshd with
 * git's own {@code git-upload-pack} on the same bare repository, same client key and pinned
 * algorithms, alternating. The repository is written with the git command line and pushed straight
 * into the project's bare repository on disk.
 */
final class GitClone {

    private final Suite suite;

    GitClone(Suite suite) {
        this.suite = suite;
    }

    void run(int n, int warm) throws Exception {
        try (SshRig rig = new SshRig(suite)) {
            rig.restartGateway(Map.of());
            rig.registerClientKey("alice");
            String project = rig.projectWithAccess(false);
            Path bare = suite.home.state("git", project + ".git");
            long built = System.nanoTime();
            Path source = rig.work.resolve("source");
            rig.run(List.of("bash", "-c", BUILD, "build", source.toString(), bare.toString()), 900);
            System.out.printf(Locale.ROOT, "repository: %s; built and pushed in %.1f s%n",
                    rig.run(List.of("bash", "-c", "echo $(git -C \"$1\" ls-files | wc -l) files, $(git -C \"$1\" rev-list --count master) commits,"
                            + " $(du -sh \"$2\" | cut -f1) on disk in the bare repository", "describe", source.toString(), bare.toString()), 60).strip(),
                            (System.nanoTime() - built) / 1e9);
            rig.startOpenSsh();
            Map<String, String> env = Map.of("GIT_SSH_COMMAND", rig.gitSshCommand());
            List<String> gateway = List.of("git", "clone", "-q", "ssh://git@127.0.0.1:" + SshRig.GATEWAY_PORT + "/" + project + ".git", "clone");
            List<String> openssh = List.of("git", "clone", "-q", "ssh://root@127.0.0.1:" + SshRig.OPENSSH_PORT + bare, "clone");
            System.out.println("GIT_SSH_COMMAND=" + rig.gitSshCommand());
            System.out.println("gateway: " + String.join(" ", gateway) + "\nOpenSSH: " + String.join(" ", openssh));
            Stats g = new Stats();
            Stats o = new Stats();
            for (int i = 0; i < warm + n; i++) {
                SshRig.Timed viaGateway = clone(rig, gateway, env);
                SshRig.Timed viaOpenssh = clone(rig, openssh, env);
                System.out.printf(Locale.ROOT, "%s %d: gateway %.0f ms (exit %d), OpenSSH %.0f ms (exit %d)%n", i < warm ? "warm-up" : "run", i + 1,
                        viaGateway.millis(), viaGateway.exit(), viaOpenssh.millis(), viaOpenssh.exit());
                if (viaGateway.exit() != 0 || viaOpenssh.exit() != 0) {
                    System.out.println("  " + viaGateway.stderr().strip() + " | " + viaOpenssh.stderr().strip());
                    continue;
                }
                if (i >= warm) {
                    g.add(viaGateway.millis());
                    o.add(viaOpenssh.millis());
                }
            }
            System.out.println(g.line("git clone via gateway (ms)"));
            System.out.println(o.line("git clone via OpenSSH + git-upload-pack (ms)"));
            System.out.printf(Locale.ROOT, "ratio gateway/OpenSSH: p50 %.2fx (goal <= 1.5x)%n", g.percentile(50) / o.percentile(50));
        }
    }

    private static SshRig.Timed clone(SshRig rig, List<String> command, Map<String, String> env) throws Exception {
        // into memory: on this machine's ext4 (mounted with discard) the removal of the previous 5 000-file
        // checkout slowed the next clone from under 1 s to about 5 s on both sides
        Path parent = Files.isWritable(Path.of("/dev/shm")) ? Path.of("/dev/shm") : rig.work;
        Path dir = Files.createTempDirectory(parent, "slipway-clone-");
        SshRig.Timed timed = rig.time(command, env, dir, 600);
        rig.run(List.of("rm", "-rf", dir.toString()), 120);
        return timed;
    }

    /** 200 commits, each adding 25 files (5 000 in all, in 50 folders, about 1 KB each) and changing 10 earlier ones. */
    private static final String BUILD = """
            set -euo pipefail
            src="$1"; bare="$2"
            git init -q -b master "$src"; cd "$src"
            git config user.name bench; git config user.email bench@localhost
            for c in $(seq 1 200); do
              for f in $(seq 1 25); do
                n=$(( (c - 1) * 25 + f )); d="dir$(( n % 50 ))"; mkdir -p "$d"
                { for l in $(seq 1 16); do printf 'file %d line %d of commit %d: the quick brown fox jumps over the lazy dog\\n' "$n" "$l" "$c"; done; } > "$d/file$n.txt"
              done
              if [ "$c" -gt 1 ]; then
                for k in $(seq 1 10); do m=$(( (c * 37 + k * 101) % ((c - 1) * 25) + 1 )); echo "changed in commit $c" >> "dir$(( m % 50 ))/file$m.txt"; done
              fi
              git add -A; git commit -q -m "commit $c"
            done
            git push -q "$bare" master
            """;
}
