package dev.slipway.systemtests;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * How a test class wants the suite started, beside {@code @ExtendWith(Suite.class)}. Classes without
 * it share the default suite. {@link Suite} keeps one suite at a time: a class asking for other
 * options stops the running one and starts its own (about half a minute), so Failsafe runs the
 * classes in alphabetical order and each kind of suite starts as few times as the names allow.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.TYPE)
public @interface SuiteOptions {

    /**
     * A PostgreSQL cluster of the suite's own (user postgres, port {@code base+432}) instead of the
     * machine's server, so that a test may SIGKILL and restart it ({@link RunningSuite#killPostgres()}).
     */
    boolean privatePostgres() default false;

    /** Instances of every service (1 or 2): the second on ports {@code base+11..14} and SSH {@code base-57} (SPEC §1). */
    int instances() default 1;

    /** The options as a value, for comparing what runs with what a class asks for. */
    record Values(boolean privatePostgres, int instances) {

        static final Values DEFAULT = new Values(false, 1);

        public Values {
            if (instances < 1 || instances > 2) {
                throw new IllegalArgumentException("instances: 1 or 2, not " + instances);
            }
        }

        static Values of(Class<?> testClass) {
            SuiteOptions options = testClass == null ? null : testClass.getAnnotation(SuiteOptions.class);
            return options == null ? DEFAULT : new Values(options.privatePostgres(), options.instances());
        }
    }
}
