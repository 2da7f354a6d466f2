package dev.slipway.devinfra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** {@link Processes#run}: the contract bin/slipway relies on, now on top of slipway-process. */
@Timeout(60)
class ProcessesTest {

    private static final Duration AMPLE = Duration.ofSeconds(30);

    @Test
    void runReturnsStdoutAndStderrTogether() {
        String output = Processes.run(List.of("bash", "-c", "echo one; echo two >&2"), AMPLE);

        assertTrue(output.contains("one\n"), output);
        assertTrue(output.contains("two\n"), output);
    }

    @Test
    void runHandsTheCommandThisProcesssEnvironment() {
        // initdb, pg_ctl and chown are found on PATH, and Kafka's StorageTool needs the rest.
        String output = Processes.run(List.of("bash", "-c", "echo \"$PATH\""), AMPLE);

        assertEquals(System.getenv("PATH") + "\n", output);
    }

    @Test
    void runFailsWithTheOutputWhenTheCommandExitsNonZero() {
        InfraException failure = assertThrows(InfraException.class,
                () -> Processes.run(List.of("bash", "-c", "echo the reason; exit 3"), AMPLE));

        assertTrue(failure.getMessage().contains("exit 3"), failure.getMessage());
        assertTrue(failure.getMessage().contains("the reason"), failure.getMessage());
    }

    @Test
    void runFailsWithTheOutputWhenAHangingCommandOverrunsItsTimeout() {
        // The old run read all output before waiting, so this call never returned.
        InfraException failure = assertThrows(InfraException.class,
                () -> Processes.run(List.of("bash", "-c", "echo started; sleep 600"), Duration.ofSeconds(1)));

        assertTrue(failure.getMessage().contains("did not finish in PT1S"), failure.getMessage());
        assertTrue(failure.getMessage().contains("started"), failure.getMessage());
    }

    @Test
    void runNamesAProgramThatDoesNotExist() {
        InfraException failure = assertThrows(InfraException.class,
                () -> Processes.run(List.of("no-such-tool-for-slipway"), AMPLE));

        assertTrue(failure.getMessage().contains("no-such-tool-for-slipway"), failure.getMessage());
    }
}
