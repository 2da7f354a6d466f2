package dev.slipway.systemtests;

import dev.slipway.devinfra.SuiteService;

/**
 * The suite's own ports, so that it runs beside {@code bin/slipway up} (8081-8084, 2222, Kafka 9092)
 * and the other modules' test runs (Kafka 19092-19692, HTTP 18182-18193 and 18484-18786) on one
 * machine without meeting them. Every port is an offset from one base, {@code -Dslipway.systest.port-base}
 * (default 18880), so that two system-tests runs (two checkouts, two engineers) run side by side:
 *
 * <pre>
 * base                 the one origin (API-8), when a test starts it 18880
 * base+1 .. base+4     HTTP, first instances (SPEC §1's order)      18881-18884
 * base+11 .. base+14   HTTP, second instances (two-instance suites) 18891-18894
 * base-58, base-57     SSH, first and second ssh-gateway            18822, 18823
 * base+432             the private PostgreSQL cluster (when asked)  19312
 * base+892, base+893   Kafka, its controller                        19772, 19773
 * </pre>
 */
final class SuitePorts {

    /** The base every port is an offset of; another base gives another run folder and other database names too. */
    static final int DEFAULT_BASE = 18880;
    static final int BASE = Integer.getInteger("slipway.systest.port-base", DEFAULT_BASE);

    /** The one origin in front of the suite ({@link RunningSuite#startOrigin()}): the console and /api/v1, as 8080 is for bin/slipway up. */
    static final int ORIGIN = BASE;
    /** The broker's PLAINTEXT listener; its controller listens on the next port. */
    static final int KAFKA = BASE + 892;
    static final int KAFKA_CONTROLLER = BASE + 893;
    /** ssh-gateway's SSH server (SSH-3). */
    static final int SSH = BASE - 58;
    /** The private PostgreSQL cluster of a suite that kills its database ({@link SuiteOptions#privatePostgres()}). */
    static final int POSTGRES = BASE + 432;

    private SuitePorts() {
    }

    /** HTTP of each service, in SPEC §1's order: 18881 environment-service ... 18884 ssh-gateway. */
    static int http(SuiteService service) {
        return http(service, 1);
    }

    /** HTTP of instance {@code instance} (1 or 2) of {@code service}. */
    static int http(SuiteService service, int instance) {
        return BASE + 10 * (instance - 1) + 1 + service.ordinal();
    }

    /** SSH of instance {@code instance} (1 or 2) of ssh-gateway. */
    static int ssh(int instance) {
        return SSH + instance - 1;
    }

    /** True when this run was given a base of its own: its folder and database names carry it. */
    static boolean ownBase() {
        return BASE != DEFAULT_BASE;
    }
}
