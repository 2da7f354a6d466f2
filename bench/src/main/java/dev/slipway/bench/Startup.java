package dev.slipway.bench;

import dev.slipway.devinfra.Processes;
import dev.slipway.devinfra.SuiteService;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Start-up and idle memory of one service (default environment-service): it is stopped and started with the
 * same command {@code bin/slipway up} uses, while the others run idle. Wall clock from the process
 * start to the first UP of {@code /q/health/ready}, Quarkus's own "started in", and resident memory
 * (VmRSS) after 10 s idle.
 */
final class Startup {

    private static final Pattern STARTED = Pattern.compile("started in ([0-9.]+)s");

    private final Suite suite;
    private final SuiteService service;

    Startup(Suite suite, String module) {
        this.suite = suite;
        this.service = java.util.Arrays.stream(SuiteService.values()).filter(s -> s.module().equals(module)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("no service " + module));
    }

    void run(int rounds) throws Exception {
        System.out.println("command: " + String.join(" ", suite.launcher.command(service)));
        Stats ready = new Stats();
        Stats quarkus = new Stats();
        Stats memory = new Stats();
        Path log = suite.launcher.logFile(service, 1);
        for (int round = 0; round < rounds; round++) {
            suite.launcher.stop(service, 1);
            Suite.sleep(2000);
            long offset = Files.exists(log) ? Files.size(log) : 0;
            long start = System.currentTimeMillis();
            ProcessHandle process = suite.launcher.start(service, 1, suite.database());
            long up = suite.awaitReady(service, 1, Duration.ofSeconds(120));
            Suite.sleep(10_000);
            long rss = Processes.residentMegabytes(process);
            String text = Files.readString(log).substring((int) offset);
            Matcher matcher = STARTED.matcher(text);
            double started = matcher.find() ? Double.parseDouble(matcher.group(1)) * 1000 : Double.NaN;
            ready.add(up - start);
            quarkus.add(started);
            memory.add(rss);
            System.out.printf(Locale.ROOT, "round %d: start -> ready %d ms, Quarkus started in %.0f ms, RSS after 10 s idle %d MB%n",
                    round + 1, up - start, started, rss);
        }
        System.out.println(ready.line("start -> ready (ms)"));
        System.out.println(quarkus.line("Quarkus 'started in' (ms)"));
        System.out.println(memory.line("resident memory (MB, not ms)"));
    }
}
