package dev.slipway.bench;

import dev.slipway.devinfra.DevKeys;
import dev.slipway.testing.ExecStandIn;
import java.util.Map;

/**
 * The runtime that environment sessions reach in these benchmarks: test-support's exec stand-in
 * (runs each command with bash), in this JVM, trusting the suite's development key. Deployment
 * service's own exec interface replaces it in the next step; until then the figures include the
 * stand-in, not a real runner.
 */
final class ExecRuntime implements AutoCloseable {

    private final ExecStandIn standIn;

    private ExecRuntime(ExecStandIn standIn) {
        this.standIn = standIn;
    }

    static ExecRuntime start(Suite suite) {
        ExecStandIn standIn = new ExecStandIn(DevKeys.forSuite(suite.home).publicKey());
        standIn.start();
        System.out.println("exec runtime: ExecStandIn on " + standIn.url());
        return new ExecRuntime(standIn);
    }

    /** What the gateway needs to relay to it (SLIPWAY_EXEC_URL). */
    Map<String, String> gatewayEnvironment() {
        return Map.of("SLIPWAY_EXEC_URL", standIn.url());
    }

    @Override
    public void close() {
        standIn.close();
    }
}
