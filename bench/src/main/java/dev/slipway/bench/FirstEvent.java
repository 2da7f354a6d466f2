package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The first event after a service started: ssh-gateway is restarted (TERM, start, ready), then a
 * project is created at once; how long its {@code project.created} took to be applied there, and
 * how long after ssh-gateway reported ready.
 */
final class FirstEvent {

    private final Suite suite;

    FirstEvent(Suite suite) {
        this.suite = suite;
    }

    void run(int rounds) throws Exception {
        Stats hop = new Stats();
        Stats afterReady = new Stats();
        for (int round = 0; round < rounds; round++) {
            suite.launcher.stop(SuiteService.GATEWAY, 1);
            suite.launcher.start(SuiteService.GATEWAY, 1, suite.database());
            long ready = suite.awaitReady(SuiteService.GATEWAY, 1, Duration.ofSeconds(120));
            String project = Suite.newId("first");
            suite.createProject(project);
            EventTimes.Published event = EventTimes.projectsCreated(suite, List.of(project), Duration.ofSeconds(60)).get(project);
            Map<String, Double> applied = EventTimes.applied(suite, SuiteService.GATEWAY, List.of(event.eventId()), Duration.ofSeconds(120));
            double at = applied.get(event.eventId());
            hop.add(at - event.occurred());
            afterReady.add(at - ready);
            System.out.printf(Locale.ROOT, "round %d: hop %.1f ms, applied %.1f ms after ready%n", round + 1, at - event.occurred(), at - ready);
            Suite.sleep(2000);
        }
        System.out.println(hop.line("first event: commit -> applied by ssh-gateway"));
        System.out.println(afterReady.line("first event: ready -> applied"));
    }
}
