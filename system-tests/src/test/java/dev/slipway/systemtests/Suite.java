package dev.slipway.systemtests;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The whole Slipway suite for a test class ({@code @ExtendWith(Suite.class)}), started once per test
 * JVM, so once per Failsafe run, by the first class that asks: a service takes about ten seconds to
 * start, four of them with a broker about half a minute. Tests take the {@link RunningSuite} as a
 * parameter of a test, lifecycle method or constructor. It stops when JUnit finishes (the root
 * context's store closes it), or from a shutdown hook when the JVM ends first. A failed or aborted
 * test prints the end of every service's log.
 *
 * <p>A class may ask for other options ({@link SuiteOptions}: a private PostgreSQL cluster, two
 * instances of each service); the suite running then stops and one with those options starts.
 *
 * <p>The suite is shared by every test of the run: a test creates the projects it needs
 * ({@link RunningSuite#newProjectId()}) and never depends on another's leftovers.
 */
public final class Suite implements BeforeAllCallback, ParameterResolver, TestWatcher {

    /** How long a test waits for an asynchronous effect that crosses services (events, deployments). */
    public static final Duration PATIENCE = Duration.ofMinutes(2);

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(Suite.class);

    @Override
    public void beforeAll(ExtensionContext context) {
        running(context);
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == RunningSuite.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return running(context);
    }

    @Override
    public void testFailed(ExtensionContext context, Throwable cause) {
        started(context).ifPresent(suite -> System.out.println("===== " + context.getDisplayName()
                + " failed; the end of the services' logs:\n" + suite.logTails()));
    }

    @Override
    public void testAborted(ExtensionContext context, Throwable cause) {
        testFailed(context, cause);
    }

    private static RunningSuite running(ExtensionContext context) {
        SuiteOptions.Values wanted = SuiteOptions.Values.of(context.getTestClass().orElse(null));
        return context.getRoot().getStore(NAMESPACE).computeIfAbsent(Runs.class, key -> new Runs(), Runs.class).suite(wanted);
    }

    private static Optional<RunningSuite> started(ExtensionContext context) {
        return Optional.ofNullable(context.getRoot().getStore(NAMESPACE).get(Runs.class, Runs.class)).flatMap(Runs::running);
    }

    /**
     * The one suite of the run at a time: a class asking for other {@link SuiteOptions} stops it and
     * starts its own (their ports overlap). Closed by the root context's store when JUnit is done.
     */
    private static final class Runs implements AutoCloseable {

        private SuiteOptions.Values options;
        private Startup current;

        synchronized RunningSuite suite(SuiteOptions.Values wanted) {
            if (current == null || !wanted.equals(options)) {
                close();
                options = wanted;
                current = Startup.attempt(wanted);
            }
            return current.suite();
        }

        synchronized Optional<RunningSuite> running() {
            return current == null ? Optional.empty() : Optional.ofNullable(current.running());
        }

        @Override
        public synchronized void close() {
            if (current != null) {
                current.close();
                current = null;
            }
        }
    }

    /**
     * The one attempt of a run to start a suite of some options, kept with its outcome: a start that
     * failed fails every class that asks after it at once, instead of each trying again for minutes.
     */
    private record Startup(RunningSuite running, RuntimeException failure) implements AutoCloseable {

        static Startup attempt(SuiteOptions.Values options) {
            try {
                return new Startup(RunningSuite.start(options), null);
            } catch (RuntimeException e) {
                return new Startup(null, e);
            }
        }

        RunningSuite suite() {
            if (failure != null) {
                throw failure;
            }
            return running;
        }

        @Override
        public void close() {
            if (running != null) {
                running.close();
            }
        }
    }
}
