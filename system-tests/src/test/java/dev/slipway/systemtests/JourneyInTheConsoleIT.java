package dev.slipway.systemtests;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.devinfra.SlipwayHome;
import dev.slipway.devinfra.origin.OneOrigin;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The web console's browser tests (issue 12) against this suite behind its one origin: {@code console/e2e}, Playwright
 * driving Debian's Chromium ({@code /usr/bin/chromium}, never a browser download), run as {@code npm run e2e} does
 * ({@code node scripts/e2e.mjs}) with the origin's address in {@code SLIPWAY_CONSOLE_URL}. A developer signs in with the
 * development sign-in, creates a project, pushes master, reads its deployment log while it runs, branches two levels
 * and sees the environments appear and deploy, reads the deployments, sets an inherited and a sensitive variable, is
 * refused a Production variable and opens the DEPLOYMENT_SETTINGS ticket from the refusal; support staff approve it
 * with a reason in a browser context of their own, and the developer sees it resolve and Production redeploy. Every
 * page is checked with axe-core at 1280 and 390 px and kept as a screenshot in {@code target/console-e2e/}.
 *
 * <p>Fails when a browser test fails; the runner's summary, {@code N passed, N failed}, is printed. Needs the console's
 * build and packages ({@code ./mvnw verify} builds the console module before this one) and {@code chromium}.
 */
@ExtendWith(Suite.class)
class JourneyInTheConsoleIT {

    /** The browser tests take about 75 s; a hung browser still ends the test. */
    private static final Duration BOUND = Duration.ofMinutes(8);

    @Test
    void theBrowserTestsPassAgainstTheSuitesOneOrigin(RunningSuite suite) throws Exception {
        Path console = SlipwayHome.locate().root().resolve("console");
        Path chromium = Path.of(System.getenv().getOrDefault("SLIPWAY_CHROMIUM", "/usr/bin/chromium"));
        requireFile(console.resolve("dist/index.html"), "./mvnw verify builds the console before this module "
                + "(by hand: cd console && npm ci && npm run generate && npm run build)");
        requireFile(console.resolve("node_modules/@playwright/test/cli.js"), "the console's packages: cd console && npm ci");
        requireFile(chromium, "Debian's Chromium: apt-get install -y chromium (.ci/run installs it)");
        Path output = Path.of("target/console-e2e").toAbsolutePath();

        try (OneOrigin origin = suite.startOrigin()) {
            ProcessBuilder builder = new ProcessBuilder(List.of("node", "scripts/e2e.mjs")).directory(console.toFile())
                    .redirectErrorStream(true);
            builder.environment().put("SLIPWAY_CONSOLE_URL", suite.originUrl());
            builder.environment().put("SLIPWAY_E2E_OUTPUT", output.toString());
            builder.environment().put("SLIPWAY_CHROMIUM", chromium.toString());
            builder.environment().put("NO_COLOR", "1");
            builder.environment().put("CI", "1");
            System.out.println("systest: browser tests against " + suite.originUrl() + " (console/e2e), output in " + output);
            Process run = builder.start();
            // Each line of the runner into the test's output as it comes (Failsafe owns this JVM's own stdout).
            AtomicReference<String> summary = new AtomicReference<>("no summary line");
            CompletableFuture<Void> echo = CompletableFuture.runAsync(() -> {
                try (BufferedReader lines = new BufferedReader(new InputStreamReader(run.getInputStream(), StandardCharsets.UTF_8))) {
                    for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                        System.out.println(line);
                        if (line.matches("\\d+ passed, \\d+ failed")) {
                            summary.set(line);
                        }
                    }
                } catch (IOException e) {
                    System.out.println("systest: the browser tests' output ended: " + e);
                }
            });
            if (!run.waitFor(BOUND.toSeconds(), TimeUnit.SECONDS)) {
                run.descendants().forEach(ProcessHandle::destroyForcibly);
                run.destroyForcibly();
                throw new AssertionError("The browser tests did not end within " + BOUND + "; stopped. Output in " + output);
            }
            echo.get(30, TimeUnit.SECONDS);
            assertThat(run.exitValue()).as("the browser tests (%s); screenshots, axe reports and traces in %s", summary.get(), output)
                    .isZero();
        }
    }

    private static void requireFile(Path file, String otherwise) {
        if (!Files.isRegularFile(file)) {
            throw new IllegalStateException(file + " is missing; " + otherwise);
        }
    }
}
