package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.io.IOException;
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
            return String.format(Locale.ROOT, "%-44s %8.0f req/s  p50 %7.1f  p90 %7.1f  p99 %7.1f ms%s", name, rate, p50, p90, p99,
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
