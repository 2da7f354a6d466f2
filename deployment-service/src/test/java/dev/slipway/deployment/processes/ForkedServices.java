package dev.slipway.deployment.processes;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The processes a test class forks, and everything they leave: every service is stopped after the
 * class, and so is every process group a test registered (a hook orphaned by a SIGKILL that the
 * service was not expected to clean up), whether the tests passed or not. A failed test prints the
 * tail of every service's logs. Register after {@link PrivateInfrastructure}, so this one's
 * {@code afterAll} runs first, while the broker and database are still there.
 */
final class ForkedServices implements AfterAllCallback, TestWatcher {

    private static final int TAIL_LINES = 120;

    private final List<ForkedDeploymentService> services = new ArrayList<>();
    private final List<Long> groups = new ArrayList<>();

    synchronized ForkedDeploymentService add(ForkedDeploymentService service) {
        services.add(service);
        return service;
    }

    /** A process group to KILL after the class, if anything of it is left. */
    synchronized void killGroupAtEnd(long processGroup) {
        groups.add(processGroup);
    }

    @Override
    public synchronized void afterAll(ExtensionContext context) {
        services.forEach(ForkedDeploymentService::stop);
        groups.forEach(ProcessGroups::kill);
    }

    @Override
    public synchronized void testFailed(ExtensionContext context, Throwable cause) {
        System.out.println("===== " + context.getDisplayName() + " failed; the forked services' logs:");
        services.forEach(service -> System.out.println(service.logTails(TAIL_LINES)));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        testFailed(context, cause);
    }

    @Override
    public void testDisabled(ExtensionContext context, Optional<String> reason) {
        // nothing ran
    }
}
