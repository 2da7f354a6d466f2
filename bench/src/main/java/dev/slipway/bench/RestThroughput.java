package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * REST throughput with wrk (Debian package {@code wrk}): 64 connections, 2 threads, a fixed
 * duration, against environment-service. The light endpoint (the caller's role on a project) is
 * measured in the same run, so the figure that matters is the ratio. The project has 10
 * environments: master, staging, production and 7 branches.
 */
final class RestThroughput {

    private static final int CONNECTIONS = 64;
    private static final Pattern RATE = Pattern.compile("Requests/sec:\\s+([0-9.]+)");
    private static final Pattern NON_2XX = Pattern.compile("Non-2xx or 3xx responses:\\s+([0-9]+)");

    private final Suite suite;

    RestThroughput(Suite suite) {
        this.suite = suite;
    }

    /** wrk's figures: requests per second and latency percentiles in ms. */
    record Result(double rate, double p50, double p90, double p99, long errors) {
        String line(String name) {
            return String.format(Locale.ROOT, "%-62s %8.0f req/s  p50 %7.1f  p90 %7.1f  p99 %7.1f ms%s", name, rate, p50, p90, p99,
                    errors > 0 ? "  (" + errors + " non-2xx!)" : "");
        }
    }

    void run(String mode, int seconds) throws Exception {
        String project = Suite.newId("rest");
        suite.createProjectWithCommit(project);
        for (int i = 0; i < 7; i++) {
            suite.branchAndWait(project, "env" + i);
        }
        String base = "http://127.0.0.1:" + SuiteService.ENVIRONMENT.port();
        String light = suite.call("GET", SuiteService.ENVIRONMENT, "/api/v1/projects/" + project + "/access", "alice", null).status() == 200
                ? "/api/v1/projects/" + project + "/access" : "/api/v1/access/projects/" + project;
        String target = mode.equals("get") ? "/api/v1/projects/" + project + "/environments/env3" : "/api/v1/projects/" + project + "/environments";
        suite.expect(200, "GET", SuiteService.ENVIRONMENT, target, "alice", null);
        String token = suite.token("alice");
        wrk(base + light, token, 5);
        Result lightResult = wrk(base + light, token, seconds);
        wrk(base + target, token, 5);
        Result targetResult = wrk(base + target, token, seconds);
        System.out.println(lightResult.line("light: GET " + light.replace(project, "{p}")));
        System.out.println(targetResult.line((mode.equals("get") ? "one environment: GET " : "list of 10: GET ") + target.replace(project, "{p}")));
        System.out.printf(Locale.ROOT, "ratio to the light endpoint: %.0f %% of its throughput%n", 100 * targetResult.rate() / lightResult.rate());
    }

    /**
     * Step 7: the two lists a console polls, each against its own service's {@code /q/health/live}
     * (the framework's ceiling: no token check, no database) in the same run. The project has 10
     * environments and 20 GENERAL tickets.
     */
    void journey(int seconds) throws Exception {
        String project = Suite.newId("restj");
        suite.createProjectWithCommit(project);
        for (int i = 0; i < 7; i++) {
            suite.branchAndWait(project, "env" + i);
        }
        String ticket = "{\"type\":\"GENERAL\",\"projectId\":\"" + project + "\",\"environmentId\":\"production\",\"subject\":\"bench\",\"payload\":{}}";
        // ticket-service learns alice's membership from an event.
        Suite.await(() -> suite.call("POST", SuiteService.TICKET, "/api/v1/tickets", "alice", ticket).status() == 201, Duration.ofSeconds(60),
                "the first ticket");
        for (int i = 1; i < 20; i++) {
            suite.expect(201, "POST", SuiteService.TICKET, "/api/v1/tickets", "alice", ticket);
        }
        String token = suite.token("alice");
        List<String[]> pairs = List.of(
                new String[] {"environment-service", base(SuiteService.ENVIRONMENT), "/api/v1/projects/" + project + "/environments", "environment list (10)"},
                new String[] {"ticket-service", base(SuiteService.TICKET), "/api/v1/tickets?project=" + project, "ticket list (20)"});
        for (String[] pair : pairs) {
            suite.expect(200, "GET", pair[0].startsWith("env") ? SuiteService.ENVIRONMENT : SuiteService.TICKET, pair[2], "alice", null);
            wrk(pair[1] + "/q/health/live", token, 5);
            Result live = wrk(pair[1] + "/q/health/live", token, seconds);
            wrk(pair[1] + pair[2], token, 5);
            Result list = wrk(pair[1] + pair[2], token, seconds);
            System.out.println(pair[0] + ", " + CONNECTIONS + " connections, " + seconds + " s each:");
            System.out.println(live.line("  ceiling: GET /q/health/live"));
            System.out.println(list.line("  " + pair[3] + ": GET " + pair[2].replace(project, "{p}")));
            System.out.printf(Locale.ROOT, "  ratio: %.0f %% of the ceiling's throughput; p99 %.1f ms vs %.1f ms%n", 100 * list.rate() / live.rate(),
                    list.p99(), live.p99());
        }
    }

    private static String base(SuiteService service) {
        return "http://127.0.0.1:" + service.port();
    }

    private static Result wrk(String url, String token, int seconds) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("wrk", "-t2", "-c" + CONNECTIONS, "-d" + seconds + "s", "--latency",
                "-H", "Authorization: Bearer " + token, url));
        Process process;
        try {
            process = new ProcessBuilder(command).redirectErrorStream(true).start();
        } catch (IOException e) {
            throw new IOException("wrk is not installed (Debian: apt-get install wrk)", e);
        }
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor();
        Matcher rate = RATE.matcher(output);
        if (!rate.find()) {
            throw new IllegalStateException("wrk said: " + output);
        }
        Matcher errors = NON_2XX.matcher(output);
        return new Result(Double.parseDouble(rate.group(1)), latency(output, "50%"), latency(output, "90%"), latency(output, "99%"),
                errors.find() ? Long.parseLong(errors.group(1)) : 0);
    }

    /** A line of wrk's latency distribution, e.g. {@code 99%  12.34ms}, in ms. */
    private static double latency(String output, String percentile) {
        Matcher matcher = Pattern.compile("\\s" + Pattern.quote(percentile) + "\\s+([0-9.]+)(us|ms|s)").matcher(output);
        if (!matcher.find()) {
            return Double.NaN;
        }
        double value = Double.parseDouble(matcher.group(1));
        return switch (matcher.group(2)) {
            case "us" -> value / 1000;
            case "s" -> value * 1000;
            default -> value;
        };
    }
}
