package dev.slipway.deployment.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.processes.DeploymentTable.Row;
import dev.slipway.testing.ProjectAccessReadModelContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * SPEC §1, DEP-3: two instances of the packaged service (own ports and instance ids, one database,
 * one broker, one runner folder) share one queue. Every deployment runs once, on one of them; when
 * one dies mid-hook, the other fails its deployment once the lease ran out and runs what was
 * queued behind it, and the dead one kills the orphaned hook when it is started again.
 */
class TwoInstancesShareTheQueueIT {

    @RegisterExtension
    static final PrivateInfrastructure INFRA = new PrivateInfrastructure("two-instances", 19482, 18575);

    @RegisterExtension
    static final ForkedServices FORKED = new ForkedServices();

    private static final Duration BOUND = Duration.ofMinutes(3);
    /** Short, so a dead instance's deployment is handed over soon (default 30 S). */
    private static final String LEASE = "5S";

    private static ForkedDeploymentService first;
    private static ForkedDeploymentService second;
    private static HookedApp app;
    private DeploymentEventLog events;

    /**
     * Every deploy hook appends "project environment release" (the release is named by the
     * deployment id) to the evidence file and takes a second, so both instances get work. The
     * first deploy of environment {@code stuck} of a project hangs in a long-running child.
     */
    private static String appYaml(Path work) {
        return """
                name: shop
                type: php:8.3
                hooks:
                  build: |
                    echo built
                  deploy: |
                    echo "$SLIPWAY_PROJECT $SLIPWAY_ENVIRONMENT $(basename "$SLIPWAY_APP_DIR")" >> %1$s/evidence
                    if [ "$SLIPWAY_ENVIRONMENT" = stuck ] && mkdir "%1$s/stuck-$SLIPWAY_PROJECT" 2>/dev/null; then
                      echo $$ > "%1$s/stuck-$SLIPWAY_PROJECT/hook.pgid"
                      sleep 300 &
                      wait
                    fi
                    sleep 1
                """.formatted(work);
    }

    @BeforeAll
    static void twoInstancesOfThePackagedService() throws Exception {
        app = HookedApp.committed(INFRA.workDir().resolve("repository"), appYaml(INFRA.workDir()));
        first = FORKED.add(INFRA.service("deployment-it-1", 18183).with("SLIPWAY_RUNNER_LEASE", LEASE));
        second = FORKED.add(INFRA.service("deployment-it-2", 18193).with("SLIPWAY_RUNNER_LEASE", LEASE));
    }

    @BeforeEach
    void bothRun() {
        // One after the other: the first migrates the database.
        first.ensureStarted();
        second.ensureStarted();
        events = new DeploymentEventLog(INFRA.bootstrapServers());
    }

    @AfterEach
    void closeEvents() {
        events.close();
    }

    @Test
    void twentyDeploymentsQueuedBesideEachOtherRunExactlyOnceEach() throws Exception {
        List<String> projects = List.of(ProjectAccessReadModelContract.newProjectId(), ProjectAccessReadModelContract.newProjectId());
        List<String> environments = IntStream.rangeClosed(1, 10).mapToObj(i -> "feature-" + i).toList();
        for (String project : projects) {
            app.serve(INFRA.standIn(), project, environments);
        }
        for (String environment : environments) {
            for (String project : projects) {
                DeploymentEventLog.requestDeployment(project, environment);
            }
        }

        List<Row> done = await("all 20 have finished", () -> {
            List<Row> rows = rowsOf(projects);
            return rows.size() == 20 && rows.stream().noneMatch(row -> row.is("QUEUED") || row.is("RUNNING")) ? rows : null;
        });
        assertThat(done).as("every deployment succeeded").allSatisfy(row -> assertThat(row.state()).as(row.detail()).isEqualTo("SUCCEEDED"));
        assertThat(done).extracting(Row::claimedBy).as("both instances took part").contains(first.instanceId(), second.instanceId());

        List<String> evidence = evidenceOf(projects);
        List<String> expected = done.stream().map(row -> row.projectId() + " " + row.environmentId() + " " + row.id()).toList();
        assertThat(evidence).as("each deploy hook ran once, for its own deployment").containsExactlyInAnyOrderElementsOf(expected);

        for (String project : projects) {
            Map<String, Set<String>> succeeded = await("10 succeeded events of " + project, () -> {
                Map<String, Set<String>> ids = events.poll().eventIdsByDeployment(DeploymentEventLog.SUCCEEDED, project);
                return ids.size() == 10 ? ids : null;
            });
            assertThat(succeeded.values()).as("one deployment.succeeded per deployment").allSatisfy(ids -> assertThat(ids).hasSize(1));
            assertThat(events.eventIdsByDeployment(DeploymentEventLog.STARTED, project).values()).as("one deployment.started per deployment")
                    .hasSize(10).allSatisfy(ids -> assertThat(ids).hasSize(1));
        }
    }

    @Test
    void whenAnInstanceDiesMidHookTheOtherFailsItsDeploymentAfterTheLeaseAndRunsItsQueue() throws Exception {
        String project = ProjectAccessReadModelContract.newProjectId();
        app.serve(INFRA.standIn(), project, List.of("stuck"));
        Path hookGroup = INFRA.workDir().resolve("stuck-" + project).resolve("hook.pgid");

        DeploymentEventLog.requestDeployment(project, "stuck");
        Row hung = await("the deploy hook hangs", () -> INFRA.deployments().ofProject(project).stream()
                .filter(row -> row.is("RUNNING") && "DEPLOY".equals(row.phase()) && Files.exists(hookGroup)).findFirst().orElse(null));
        long group = Long.parseLong(Files.readString(hookGroup).strip());
        FORKED.killGroupAtEnd(group);
        ForkedDeploymentService victim = hung.claimedBy().equals(first.instanceId()) ? first : second;
        ForkedDeploymentService survivor = victim == first ? second : first;

        victim.killHard();
        // Sent after the kill: if the victim held the project's partition, the survivor takes it over too.
        DeploymentEventLog.requestDeployment(project, "stuck");

        Row failed = await("the dead instance's deployment has failed", () -> INFRA.deployments().ofProject(project).stream()
                .filter(row -> row.id().equals(hung.id()) && row.is("FAILED")).findFirst().orElse(null));
        assertThat(failed.detail()).isEqualTo("interrupted by restart during DEPLOY");
        Row next = await("the deployment queued behind it has run", () -> INFRA.deployments().ofProject(project).stream()
                .filter(row -> !row.id().equals(hung.id()) && row.is("SUCCEEDED")).findFirst().orElse(null));
        assertThat(next.claimedBy()).isEqualTo(survivor.instanceId());
        assertThat(INFRA.deployments().ofProject(project)).extracting(Row::state).containsExactly("FAILED", "SUCCEEDED");

        // The survivor cannot reach a hook of another machine; the dead instance kills it when it comes back.
        assertThat(ProcessGroups.liveMembers(group)).as("the dead instance's hook still runs").isNotEmpty();
        victim.start();
        await("the dead instance's hook is killed at its restart", () -> ProcessGroups.liveMembers(group).isEmpty());
    }

    private static List<Row> rowsOf(List<String> projects) {
        List<Row> rows = new ArrayList<>();
        projects.forEach(project -> rows.addAll(INFRA.deployments().ofProject(project)));
        return rows;
    }

    private static List<String> evidenceOf(List<String> projects) throws IOException {
        Path evidence = INFRA.workDir().resolve("evidence");
        return Files.readAllLines(evidence).stream().filter(line -> projects.contains(line.split(" ")[0])).toList();
    }

    private static <T> T await(String what, Callable<T> condition) {
        return Awaitility.await(what).atMost(BOUND).pollInterval(Duration.ofMillis(250)).until(condition, result -> result != null && !Boolean.FALSE.equals(result));
    }
}
