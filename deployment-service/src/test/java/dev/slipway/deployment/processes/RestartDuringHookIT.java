package dev.slipway.deployment.processes;

import static org.assertj.core.api.Assertions.assertThat;

import dev.slipway.deployment.processes.DeploymentTable.Row;
import dev.slipway.testing.ProjectAccessReadModelContract;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * DEP-3 crash safety of the real process: the packaged service is SIGKILLed while a build hook runs
 * (a hook in a session of its own, so it outlives the JVM that started it), then started again
 * under the same instance id. The restarted instance kills what its previous life left running,
 * fails that deployment "interrupted by restart", and runs the one queued behind it.
 */
class RestartDuringHookIT {

    @RegisterExtension
    static final PrivateInfrastructure INFRA = new PrivateInfrastructure("restart-during-hook", 19472, 18574);

    @RegisterExtension
    static final ForkedServices FORKED = new ForkedServices();

    private static final Duration BOUND = Duration.ofMinutes(2);

    /** The first build hangs in a long-running child; every later one (the marker exists) builds at once. */
    private static String appYaml(Path work) {
        return """
                name: shop
                type: php:8.3
                hooks:
                  build: |
                    if mkdir %1$s/hung-once 2>/dev/null; then
                      echo $$ > %1$s/hook.pgid
                      sleep 300 &
                      echo $! > %1$s/sleeper.pid
                      wait
                    fi
                    echo built
                  deploy: |
                    echo deployed
                """.formatted(work);
    }

    @Test
    void aHookLeftRunningBySigkillIsKilledAtRestartItsDeploymentFailsAndTheQueuedOneRuns() throws Exception {
        Path work = INFRA.workDir();
        String project = ProjectAccessReadModelContract.newProjectId();
        HookedApp.committed(work.resolve("repository"), appYaml(work)).serve(INFRA.standIn(), project, List.of("master"));
        ForkedDeploymentService service = FORKED.add(INFRA.service("deployment-restart-1", 18182)).start();
        DeploymentTable table = INFRA.deployments();

        DeploymentEventLog.requestDeployment(project, "master");
        Row hung = await("the first deployment's build hook runs", () -> table.ofProject(project).stream()
                .filter(row -> row.is("RUNNING") && "BUILD".equals(row.phase()) && row.hookProcessGroup() != null).findFirst()
                .filter(row -> Files.exists(work.resolve("sleeper.pid"))).orElse(null));
        long group = hung.hookProcessGroup();
        FORKED.killGroupAtEnd(group);
        long sleeper = Long.parseLong(Files.readString(work.resolve("sleeper.pid")).strip());
        assertThat(Long.parseLong(Files.readString(work.resolve("hook.pgid")).strip()))
                .as("the recorded group is the hook's (setsid: the hook's shell leads it)").isEqualTo(group);

        // DEP-3: queued while the first runs, so it waits behind it instead of superseding it.
        DeploymentEventLog.requestDeployment(project, "master");
        Row next = await("the second deployment is queued", () -> table.ofProject(project).stream().filter(row -> row.is("QUEUED"))
                .findFirst().orElse(null));

        service.killHard();
        assertThat(ProcessGroups.isRunning(sleeper)).as("the hook's child outlives the SIGKILLed service (a session of its own)").isTrue();

        service.start();
        await("nothing of the hook's group is left", () -> ProcessGroups.liveMembers(group).isEmpty() && !ProcessGroups.isRunning(sleeper));
        Row failed = await("the interrupted deployment has failed", () -> table.ofProject(project).stream()
                .filter(row -> row.id().equals(hung.id()) && row.is("FAILED")).findFirst().orElse(null));
        assertThat(failed.detail()).startsWith("interrupted by restart").contains("BUILD");
        Row succeeded = await("the queued deployment has run", () -> table.ofProject(project).stream()
                .filter(row -> row.id().equals(next.id()) && row.is("SUCCEEDED")).findFirst().orElse(null));
        assertThat(succeeded.claimedBy()).isEqualTo(service.instanceId());
        assertThat(table.ofProject(project)).as("nothing stays RUNNING").noneMatch(row -> row.is("RUNNING") || row.is("QUEUED"))
                .extracting(Row::state).containsExactly("FAILED", "SUCCEEDED");
    }

    private static <T> T await(String what, Callable<T> condition) {
        return Awaitility.await(what).atMost(BOUND).pollInterval(Duration.ofMillis(200)).until(condition, result -> result != null
                && !Boolean.FALSE.equals(result));
    }
}
