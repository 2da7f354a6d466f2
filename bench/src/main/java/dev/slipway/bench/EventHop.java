package dev.slipway.bench;

import dev.slipway.devinfra.SuiteService;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One event hop (EVT-5), in steady state: first {@code warm} projects are created back to back so
 * the services' JIT has compiled the path (not measured), then {@code n} projects one after another,
 * 50 ms apart; for each
 * {@code project.created}, the relay's part (commit to the broker's acknowledgement) and the whole
 * hop to each of the three consumers that apply it (commit to the consumer's transaction).
 */
final class EventHop {

    private final Suite suite;

    EventHop(Suite suite) {
        this.suite = suite;
    }

    void run(int n, int warm) throws Exception {
        String warmUp = Suite.newId("warm");
        List<String> warmed = new ArrayList<>();
        for (int i = 0; i < warm; i++) {
            suite.createProject(warmUp + i);
            warmed.add(warmUp + i);
        }
        if (!warmed.isEmpty()) {
            Map<String, EventTimes.Published> events = EventTimes.projectsCreated(suite, warmed, Duration.ofSeconds(120));
            EventTimes.applied(suite, SuiteService.GATEWAY, events.values().stream().map(EventTimes.Published::eventId).toList(),
                    Duration.ofSeconds(300));
        }
        String run = Suite.newId("hop");
        List<String> projects = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String project = run + i;
            suite.createProject(project);
            projects.add(project);
            Suite.sleep(50);
        }
        Map<String, EventTimes.Published> published = EventTimes.projectsCreated(suite, projects, Duration.ofSeconds(60));
        Stats relay = new Stats();
        published.values().forEach(event -> relay.add(event.published() - event.occurred()));
        System.out.println(relay.line("relay: commit -> broker ack"));
        List<String> ids = published.values().stream().map(EventTimes.Published::eventId).toList();
        for (SuiteService consumer : List.of(SuiteService.GATEWAY, SuiteService.DEPLOYMENT, SuiteService.TICKET)) {
            Map<String, Double> applied = EventTimes.applied(suite, consumer, ids, Duration.ofSeconds(120));
            Stats hop = new Stats();
            published.values().forEach(event -> hop.add(applied.get(event.eventId()) - event.occurred()));
            System.out.println(hop.line("hop: commit -> applied by " + consumer.module()));
        }
    }
}
