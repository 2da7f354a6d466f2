package dev.slipway.bench;

import dev.slipway.devinfra.Processes;
import dev.slipway.devinfra.SuiteService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PostgreSQL restarted under a running suite: while four clients each read the environment list and
 * create a project variable every 20 ms, the database the suite uses is restarted (the machine's cluster with
 * pg_ctlcluster, or the private one with pg_ctl). Prints every status the client got, the first
 * success after the restart, and whether any acknowledged write is missing or any refused one exists
 * (a commit cut off by the restart). This restarts the machine's PostgreSQL: run it on a development machine only.
 */
final class PostgresRestart {

    private static final int CLIENTS = 4;

    private final Suite suite;

    PostgresRestart(Suite suite) {
        this.suite = suite;
    }

    void run(int seconds) throws Exception {
        String project = Suite.newId("pg");
        suite.createProjectWithCommit(project);
        Map<String, Integer> statuses = new TreeMap<>();
        Map<String, Integer> writes = new ConcurrentHashMap<>();
        long[] restartedAt = {0};
        long[] firstSuccessAfter = {0};
        List<Thread> clients = new java.util.ArrayList<>();
        for (int c = 0; c < CLIENTS; c++) {
            int clientNo = c;
            clients.add(new Thread(() -> {
                long end = System.currentTimeMillis() + seconds * 1000L;
                int i = 0;
                while (System.currentTimeMillis() < end) {
                    int read = suite.call("GET", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/environments", "alice", null).status();
                    String name = "V" + clientNo + "_" + i++;
                    int write = suite.call("POST", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/variables",
                            "alice", "{\"name\":\"" + name + "\",\"value\":\"x\"}").status();
                    writes.put(name, write);
                    synchronized (statuses) {
                        statuses.merge("GET environments " + read, 1, Integer::sum);
                        statuses.merge("POST variable " + write, 1, Integer::sum);
                        if (restartedAt[0] > 0 && firstSuccessAfter[0] == 0 && read == 200 && write == 201) {
                            firstSuccessAfter[0] = System.currentTimeMillis();
                        }
                    }
                    Suite.sleep(20);
                }
            }));
        }
        clients.forEach(Thread::start);
        Suite.sleep(3000);
        long before = System.currentTimeMillis();
        Processes.run(restartCommand(), Duration.ofMinutes(2));
        restartedAt[0] = System.currentTimeMillis();
        System.out.printf(Locale.ROOT, "PostgreSQL restarted in %.1f s%n", (restartedAt[0] - before) / 1000.0);
        for (Thread client : clients) {
            client.join();
        }
        statuses.forEach((status, count) -> System.out.printf(Locale.ROOT, "  %-24s %d%n", status, count));
        System.out.printf(Locale.ROOT, "first full success %.1f s after the restart finished%n",
                firstSuccessAfter[0] == 0 ? Double.NaN : (firstSuccessAfter[0] - restartedAt[0]) / 1000.0);
        // A 201 whose variable is missing would be a lost write; a refused write whose variable exists
        // is a commit the restart cut off after it applied (whole: one row, nothing half-applied).
        int lost = 0;
        int appliedThoughRefused = 0;
        for (Map.Entry<String, Integer> write : writes.entrySet()) {
            boolean exists = suite.call("GET", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/variables/" + write.getKey(), "alice", null)
                    .status() == 200;
            if (write.getValue() == 201 && !exists) {
                lost++;
            } else if (write.getValue() != 201 && exists) {
                appliedThoughRefused++;
            }
        }
        System.out.println("acknowledged writes missing: " + lost + " of " + writes.size()
                + "; refused writes applied all the same (commit cut off by the restart): " + appliedThoughRefused);
    }

    private List<String> restartCommand() throws Exception {
        if (suite.database().privateCluster()) {
            return List.of("runuser", "-u", "postgres", "--", "pg_ctl", "-D", suite.home.state("postgres").toString(), "-m", "fast", "-w", "restart");
        }
        try (var versions = Files.list(Path.of("/etc/postgresql"))) {
            String version = versions.map(p -> p.getFileName().toString()).sorted().reduce((a, b) -> b).orElseThrow();
            return List.of("pg_ctlcluster", "--skip-systemctl-redirect", version, "main", "restart");
        }
    }
}
