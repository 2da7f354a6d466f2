package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * EVT-5 recovery. (1) ssh-gateway is killed with SIGKILL and started again at once; a project is
 * created as soon as it is ready: when was its event applied, after ready? (2) A second instance
 * joins the group; the first is killed with SIGKILL while a project is created every 100 ms for
 * 20 s: the longest any event waited after the kill is how long the dead instance's partitions
 * stalled before the survivor took them.
 */
final class ConsumerFailover {

    private static final SuiteService SERVICE = SuiteService.GATEWAY;

    private final Suite suite;

    ConsumerFailover(Suite suite) {
        this.suite = suite;
    }

    void run(int rounds) throws Exception {
        Stats resumed = new Stats();
        for (int round = 0; round < rounds; round++) {
            ProcessHandle process = suite.launcher.running(SERVICE, 1).orElseThrow(() -> new IllegalStateException("ssh-gateway is not running"));
            long killed = System.currentTimeMillis();
            process.destroyForcibly();
            Suite.await(() -> !process.isAlive(), Duration.ofSeconds(10), "the killed process to end");
            suite.launcher.start(SERVICE, 1, suite.database());
            long ready = suite.awaitReady(SERVICE, 1, Duration.ofSeconds(120));
            String project = Suite.newId("kill");
            suite.createProject(project);
            EventTimes.Published event = EventTimes.projectsCreated(suite, List.of(project), Duration.ofSeconds(60)).get(project);
            double at = EventTimes.applied(suite, SERVICE, List.of(event.eventId()), Duration.ofSeconds(120)).get(event.eventId());
            resumed.add(at - ready);
            System.out.printf(Locale.ROOT, "round %d: killed -> ready %.1f s; ready -> first event applied %.1f s%n",
                    round + 1, (ready - killed) / 1000.0, (at - ready) / 1000.0);
            Suite.sleep(3000);
        }
        System.out.println(resumed.line("restart after SIGKILL: ready -> applied"));
        twoInstances();
    }

    private void twoInstances() throws Exception {
        suite.launcher.start(SERVICE, 2, suite.database());
        suite.awaitReady(SERVICE, 2, Duration.ofSeconds(120));
        // Let the group settle with both members, and check that events flow.
        Suite.sleep(10_000);
        List<String> warmUp = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            String project = Suite.newId("warm");
            suite.createProject(project);
            warmUp.add(project);
        }
        Map<String, EventTimes.Published> warm = EventTimes.projectsCreated(suite, warmUp, Duration.ofSeconds(60));
        EventTimes.applied(suite, SERVICE, warm.values().stream().map(EventTimes.Published::eventId).toList(), Duration.ofSeconds(120));

        ProcessHandle first = suite.launcher.running(SERVICE, 1).orElseThrow();
        long killed = System.currentTimeMillis();
        first.destroyForcibly();
        Map<String, Long> created = new LinkedHashMap<>();
        while (System.currentTimeMillis() - killed < 20_000) {
            String project = Suite.newId("fo");
            suite.createProject(project);
            created.put(project, System.currentTimeMillis());
            Suite.sleep(100);
        }
        Map<String, EventTimes.Published> published = EventTimes.projectsCreated(suite, created.keySet(), Duration.ofSeconds(60));
        Map<String, Double> applied = EventTimes.applied(suite, SERVICE,
                published.values().stream().map(EventTimes.Published::eventId).toList(), Duration.ofSeconds(180));
        Stats hops = new Stats();
        double longestWait = 0;
        for (EventTimes.Published event : published.values()) {
            double at = applied.get(event.eventId());
            hops.add(at - event.occurred());
            longestWait = Math.max(longestWait, at - Math.max(event.occurred(), killed));
        }
        System.out.println(hops.line("two instances, one killed: hops for 20 s"));
        System.out.printf(Locale.ROOT, "two instances, one killed: the longest any event waited after the kill: %.1f s%n", longestWait / 1000.0);

        suite.launcher.start(SERVICE, 1, suite.database());
        suite.awaitReady(SERVICE, 1, Duration.ofSeconds(120));
        suite.launcher.stop(SERVICE, 2);
    }
}
